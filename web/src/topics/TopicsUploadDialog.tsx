// Import / Export → Upload topics: a topics.json (as Download topics writes it) replaces the
// hierarchy; the person chooses what happens to the records' current topics. Keeping them is the
// default for one's own file; when the file's ids name other topics here (a file from another
// dataset), clearing is, since kept assignments would put records under the wrong topic.
import { useMemo, useState } from "react";
import { describeError } from "../api/errors";
import { api } from "../api/session";
import { useTopics } from "../api/topicsQueries";
import type { AssignmentsOnSave } from "../api/topicsTypes";
import type { Dataset } from "../api/types";
import { formatCount } from "../format/numbers";
import { Modal } from "../ui/Modal";
import { RenamedTopicsWarning } from "./RenamedTopicsWarning";
import { distinctTopicIds, idsNamingOtherTopics, readTopicsFile, recordsUnderIds, type TopicsFile } from "./topicsFile";
import { allTopicIds, leafTopics } from "./topicTree";

interface TopicsUploadDialogProps {
  dataset: Dataset;
  onClose: () => void;
  onUploaded: () => void;
}

type Parsed = TopicsFile & { name: string };

export function TopicsUploadDialog({ dataset, onClose, onUploaded }: TopicsUploadDialogProps) {
  const current = useTopics(dataset.id);
  const [parsed, setParsed] = useState<Parsed | null>(null);
  // What the person picked for this file; until then the default below.
  const [picked, setPicked] = useState<AssignmentsOnSave | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const file = parsed && "document" in parsed ? parsed : null;
  // A file with no topics is still a hierarchy the server takes: it empties this dataset's.
  const removesAll = file !== null && file.topics.length === 0;
  const renamed = useMemo(() => (file && current.data ? idsNamingOtherTopics(file.topics, current.data.topics) : []), [file, current.data]);
  const renamedRecords = current.data ? recordsUnderIds(current.data.topics, renamed.map((entry) => entry.id), current.data.records) : 0;
  const mode: AssignmentsOnSave = picked ?? (renamed.length > 0 ? "clear" : "keep");
  // The default depends on the comparison: wait for this dataset's topics (a failure to read them leaves Keep).
  const comparing = file !== null && current.isPending;

  const upload = async () => {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      await api.importTopics(dataset.id, file.document, mode);
      onUploaded();
      onClose();
    } catch (caught) {
      setError(describeError(caught));
      setBusy(false);
    }
  };

  return (
    <Modal
      title="Upload topics"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="button"
            className={removesAll || (mode === "clear" && dataset.topic_count !== null) ? "button button-danger" : "button button-primary"}
            onClick={upload}
            disabled={!file || busy || comparing}
          >
            {busy ? "Uploading…" : removesAll ? "Remove all topics" : "Upload topics"}
          </button>
        </>
      }
    >
      <p className="muted">A topics JSON file, as Import / Export → Download topics writes it, replaces this dataset's topic hierarchy.</p>
      <label className="field">
        <span>Topics file</span>
        <input type="file" accept=".json,application/json" aria-label="Topics file" onChange={async (event) => {
          const file = event.target.files?.[0];
          setError(null);
          setPicked(null);
          setParsed(file ? { name: file.name, ...readTopicsFile(await file.text()) } : null);
        }} />
      </label>
      {parsed && "error" in parsed && (
        <p className="form-error" role="alert">
          {parsed.name}: {parsed.error}
        </p>
      )}
      {file && !removesAll && (
        <p className="muted" data-testid="upload-summary">
          {parsed?.name}: {formatCount(allTopicIds(file.topics).length)} topics, {formatCount(leafTopics(file.topics).length)} that take records.
        </p>
      )}
      {removesAll && (
        <div className="notice tone-warn" role="note" data-testid="upload-summary">
          <div>
            <strong>{parsed?.name} has no topics: uploading it removes every topic of this dataset.</strong>
            <p>Every record loses its topic, hand-picked ones too, and nothing is categorized again until you add topics.</p>
          </div>
        </div>
      )}
      {file && !removesAll && renamed.length > 0 && <RenamedTopicsWarning renamed={renamed} fileIds={distinctTopicIds(file.topics).length} records={renamedRecords} />}
      {!removesAll && (
        <fieldset className="choice-group">
          <legend>The records' current topics</legend>
          <label className="choice">
            <input type="radio" name="assignments" checked={mode === "keep"} onChange={() => setPicked("keep")} />
            <span>
              <strong>Keep</strong> — a record whose topic id is in the file keeps it (hand-picked ones too); a record whose topic is not in the file becomes uncategorized. Nothing is re-categorized
              until you ask, unless no record has a topic yet: then the server categorizes them into the file's topics.
            </span>
          </label>
          <label className="choice">
            <input type="radio" name="assignments" checked={mode === "clear"} onChange={() => setPicked("clear")} />
            <span>
              <strong>Clear and re-categorize</strong> — every record's topic is removed, hand-picked ones too, and all valid records are categorized again into the uploaded topics.
            </span>
          </label>
        </fieldset>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </Modal>
  );
}
