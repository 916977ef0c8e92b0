import { useState } from "react";
import { describeError } from "../api/errors";
import { api } from "../api/session";
import { Modal } from "../ui/Modal";
import { ReplaceWarning } from "./ReplaceWarning";

interface DiscoverDialogProps {
  datasetId: number;
  existingTopics: number;
  categorized: number;
  onClose: () => void;
  onStarted: () => void;
}

/** Auto-generate (or regenerate) topics: cluster the valid records' user text and name the clusters. */
export function DiscoverDialog({ datasetId, existingTopics, categorized, onClose, onStarted }: DiscoverDialogProps) {
  const [automatic, setAutomatic] = useState(true);
  const [count, setCount] = useState("8");
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const regenerating = existingTopics > 0;

  const start = async () => {
    const topics = automatic ? null : Number(count);
    if (topics !== null && (!Number.isInteger(topics) || topics < 2 || topics > 500)) return setError("The number of topics must be a whole number from 2 to 500.");
    setStarting(true);
    setError(null);
    try {
      await api.discoverTopics(datasetId, topics);
      onStarted();
      onClose();
    } catch (caught) {
      setError(describeError(caught));
      setStarting(false);
    }
  };

  return (
    <Modal
      title={regenerating ? "Regenerate topics" : "Auto-generate topics"}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className={regenerating ? "button button-danger" : "button button-primary"} onClick={start} disabled={starting}>
            {starting ? "Starting…" : regenerating ? "Clear assignments and regenerate" : "Generate topics"}
          </button>
        </>
      }
    >
      <p className="muted">
        Clusters the valid records' user messages and names each cluster by its most distinctive words; large clusters get sub-topics. Runs on this server, no provider needed. Every record is then
        assigned a topic and a confidence.
      </p>
      <fieldset className="choice-group">
        <legend>Number of topics</legend>
        <label className="choice">
          <input type="radio" name="topic-count" checked={automatic} onChange={() => setAutomatic(true)} />
          <span>
            <strong>Automatic</strong>
            <span className="muted"> — between 3 and 30, whichever separates the records best (silhouette)</span>
          </span>
        </label>
        <label className="choice">
          <input type="radio" name="topic-count" checked={!automatic} onChange={() => setAutomatic(false)} />
          <span>
            <strong>Exactly</strong>{" "}
            <input
              className="inline-number"
              aria-label="Number of topics"
              inputMode="numeric"
              value={count}
              onFocus={() => setAutomatic(false)}
              onChange={(event) => {
                setAutomatic(false);
                setCount(event.target.value);
              }}
            />{" "}
            topics
          </span>
        </label>
      </fieldset>
      <ReplaceWarning existingTopics={existingTopics} categorized={categorized} />
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </Modal>
  );
}
