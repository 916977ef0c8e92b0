import { useState } from "react";
import { describeError } from "../api/errors";
import { api } from "../api/session";
import type { Topic } from "../api/topicsTypes";
import type { Job } from "../api/types";
import { formatCount } from "../format/numbers";
import { Modal } from "../ui/Modal";

interface SplitDialogProps {
  datasetId: number;
  topic: Topic;
  records: number;
  onClose: () => void;
  onStarted: (job: Job) => void;
}

/** Splits a topic into sub-topics found by clustering its records (a job on the server). */
export function SplitDialog({ datasetId, topic, records, onClose, onStarted }: SplitDialogProps) {
  const [parts, setParts] = useState<string>("auto");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const split = async () => {
    setBusy(true);
    setError(null);
    try {
      onStarted(await api.splitTopic(datasetId, topic.id, parts === "auto" ? null : Number(parts)));
      onClose();
    } catch (caught) {
      setError(describeError(caught));
      setBusy(false);
    }
  };

  return (
    <Modal
      title={`Split “${topic.name}”`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="button button-primary" onClick={split} disabled={busy}>
            {busy ? "Starting…" : "Split"}
          </button>
        </>
      }
    >
      <label className="field">
        <span>Parts</span>
        <select value={parts} onChange={(event) => setParts(event.target.value)} aria-label="Number of parts">
          <option value="auto">Automatic (2 to 8, whichever separates best)</option>
          {[2, 3, 4, 5, 6, 7, 8].map((count) => (
            <option key={count} value={count}>
              {count} parts
            </option>
          ))}
        </select>
      </label>
      <p className="muted">
        The {formatCount(records)} records of “{topic.name}” are clustered; each cluster becomes a sub-topic named by its distinctive words, and every record moves to its sub-topic. “{topic.name}”
        stays as their parent and its target share is divided equally among them. Records a person put in “{topic.name}” stay hand-picked, in the sub-topic they fall in.
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </Modal>
  );
}
