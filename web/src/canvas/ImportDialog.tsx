import { useState } from "react";
import { describeError } from "../api/errors";
import { api } from "../api/session";
import type { ImportMode } from "../api/types";
import { FileDropZone } from "../create/FileDropZone";
import { formatBytes, formatCount } from "../format/numbers";
import { Modal } from "../ui/Modal";
import { ProgressBar } from "../ui/ProgressBar";

interface ImportDialogProps {
  datasetId: number;
  recordCount: number;
  mode: ImportMode;
  onClose: () => void;
  onStarted: () => void;
}

/** Append or replace records from a JSONL file; replace says plainly what it deletes. */
export function ImportDialog({ datasetId, recordCount, mode, onClose, onStarted }: ImportDialogProps) {
  const [file, setFile] = useState<File | null>(null);
  const [sent, setSent] = useState<{ bytes: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const replacing = mode === "replace";

  const start = async () => {
    if (!file) return;
    setError(null);
    setSent({ bytes: 0, total: file.size });
    try {
      await api.importFile(datasetId, file, { mode, onProgress: (bytes, total) => setSent({ bytes, total }) });
      onStarted();
      onClose();
    } catch (caught) {
      setError(describeError(caught));
      setSent(null);
    }
  };

  return (
    <Modal
      title={replacing ? "Replace records" : "Append records"}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className={replacing ? "button button-danger" : "button button-primary"} disabled={!file || sent !== null} onClick={start}>
            {sent ? "Uploading…" : replacing ? `Replace ${formatCount(recordCount)} records` : "Append records"}
          </button>
        </>
      }
    >
      {replacing ? (
        <p className="notice tone-warn">
          The dataset's {formatCount(recordCount)} records are deleted and the file's records take their place. Export them first if you may need them.
        </p>
      ) : (
        <p className="muted">The file's records are added after the existing ones and validated as they arrive.</p>
      )}
      <FileDropZone file={file} onFile={setFile} disabled={sent !== null} />
      {sent && (
        <div className="upload-progress">
          <ProgressBar value={sent.total > 0 ? sent.bytes / sent.total : null} label="Upload progress" />
          <span className="muted">
            Uploading {formatBytes(sent.bytes)} of {formatBytes(sent.total)}
          </span>
        </div>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </Modal>
  );
}
