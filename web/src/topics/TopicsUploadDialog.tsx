// Import / Export → Upload topics: a topics.json (as Download topics writes it) replaces the
// hierarchy; the person chooses what happens to the records' current topics.
import { useState } from "react";
import { describeError } from "../api/errors";
import { api } from "../api/session";
import type { AssignmentsOnSave, TopicSetDocument } from "../api/topicsTypes";
import type { Dataset } from "../api/types";
import { formatCount } from "../format/numbers";
import { Modal } from "../ui/Modal";
import { allTopicIds, leafTopics } from "./topicTree";

interface TopicsUploadDialogProps {
  dataset: Dataset;
  onClose: () => void;
  onUploaded: () => void;
}

type Parsed = { name: string; document: TopicSetDocument } | { name: string; error: string };

async function readTopicsFile(file: File): Promise<Parsed> {
  try {
    const document = JSON.parse(await file.text()) as TopicSetDocument;
    if (typeof document !== "object" || document === null || !Array.isArray(document.topics)) return { name: file.name, error: "This file has no \"topics\" list; expected the JSON that Download topics writes." };
    return { name: file.name, document };
  } catch {
    return { name: file.name, error: "This file is not valid JSON." };
  }
}

export function TopicsUploadDialog({ dataset, onClose, onUploaded }: TopicsUploadDialogProps) {
  const [parsed, setParsed] = useState<Parsed | null>(null);
  const [mode, setMode] = useState<AssignmentsOnSave>("keep");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const document = parsed && "document" in parsed ? parsed.document : null;

  const upload = async () => {
    if (!document) return;
    setBusy(true);
    setError(null);
    try {
      await api.saveTopics(dataset.id, document, mode, "import");
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
          <button type="button" className={mode === "clear" && dataset.topic_count !== null ? "button button-danger" : "button button-primary"} onClick={upload} disabled={!document || busy}>
            {busy ? "Uploading…" : "Upload topics"}
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
          setParsed(file ? await readTopicsFile(file) : null);
        }} />
      </label>
      {parsed && "error" in parsed && (
        <p className="form-error" role="alert">
          {parsed.name}: {parsed.error}
        </p>
      )}
      {document && (
        <p className="muted" data-testid="upload-summary">
          {parsed?.name}: {formatCount(allTopicIds(document.topics).length)} topics, {formatCount(leafTopics(document.topics).length)} that take records.
        </p>
      )}
      <fieldset className="choice-group">
        <legend>The records' current topics</legend>
        <label className="choice">
          <input type="radio" name="assignments" checked={mode === "keep"} onChange={() => setMode("keep")} />
          <span>
            <strong>Keep</strong> — a record whose topic id is in the file keeps it (hand-picked ones too); a record whose topic is not in the file becomes uncategorized. Nothing is re-categorized until
            you ask, unless no record has a topic yet: then the server categorizes them into the file's topics.
          </span>
        </label>
        <label className="choice">
          <input type="radio" name="assignments" checked={mode === "clear"} onChange={() => setMode("clear")} />
          <span>
            <strong>Clear</strong> — every record's topic is removed, hand-picked ones too, and all valid records are categorized again into the uploaded topics.
          </span>
        </label>
      </fieldset>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </Modal>
  );
}
