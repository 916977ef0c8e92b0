import { useState } from "react";
import { describeError } from "../api/errors";
import { api } from "../api/session";
import type { Topic, TopicHierarchy } from "../api/topicsTypes";
import { formatCount } from "../format/numbers";
import { Modal } from "../ui/Modal";
import { recordsUnder } from "./topicTree";

interface MergeDialogProps {
  datasetId: number;
  topics: Topic[];
  records: Record<string, number>;
  onClose: () => void;
  onMerged: (hierarchy: TopicHierarchy) => void;
}

/** Merges the picked topics into one of them, on the server at once (records move with them). */
export function MergeDialog({ datasetId, topics, records, onClose, onMerged }: MergeDialogProps) {
  const [into, setInto] = useState(topics[0]!.id);
  const [name, setName] = useState(topics[0]!.name);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const moving = topics.filter((topic) => topic.id !== into).reduce((sum, topic) => sum + recordsUnder(topic, records), 0);
  const withChildren = topics.some((topic) => topic.children.length > 0);

  const merge = async () => {
    setBusy(true);
    setError(null);
    try {
      onMerged(await api.mergeTopics(datasetId, { topics: topics.map((topic) => topic.id), into, name: name.trim() || undefined }));
      onClose();
    } catch (caught) {
      setError(describeError(caught));
      setBusy(false);
    }
  };

  return (
    <Modal
      title={`Merge ${topics.length} topics`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="button button-primary" onClick={merge} disabled={busy}>
            {busy ? "Merging…" : "Merge"}
          </button>
        </>
      }
    >
      <fieldset className="choice-group">
        <legend>Keep this topic (its id stays; the others disappear)</legend>
        {topics.map((topic) => (
          <label key={topic.id} className="choice">
            <input
              type="radio"
              name="merge-into"
              checked={into === topic.id}
              onChange={() => {
                setInto(topic.id);
                setName(topic.name);
              }}
            />
            <span>
              {topic.name} <span className="muted">({formatCount(recordsUnder(topic, records))} records)</span>
            </span>
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>Name of the merged topic</span>
        <input value={name} onChange={(event) => setName(event.target.value)} />
      </label>
      <p className="muted">
        {withChildren
          ? "Their sub-topics are gathered under the kept topic, with their records."
          : `${formatCount(moving)} records move to the kept topic with their confidence, and hand-picked ones stay hand-picked.`}{" "}
        Keywords and examples are united and target shares added. This is saved at once.
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </Modal>
  );
}
