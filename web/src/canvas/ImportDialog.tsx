import { useRef, useState } from "react";
import { describeError, UploadCancelledError } from "../api/errors";
import { api } from "../api/session";
import type { ImportMode } from "../api/types";
import { FileDropZone } from "../create/FileDropZone";
import { formatBytes, formatCount, formatCountOf } from "../format/numbers";
import { ConfirmDialog } from "../ui/ConfirmDialog";
import { Modal } from "../ui/Modal";
import { ProgressBar } from "../ui/ProgressBar";

interface ImportDialogProps {
  datasetId: number;
  recordCount: number;
  mode: ImportMode;
  onClose: () => void;
  /** Refreshes the dataset: after an import is queued, or an upload is cancelled. */
  onStarted: () => void;
}

/**
 * Append or replace records from a JSONL file; replace says plainly what it deletes. Closing the
 * dialog while the file is uploading asks first, and cancels the upload if the person says so.
 */
export function ImportDialog({ datasetId, recordCount, mode, onClose, onStarted }: ImportDialogProps) {
  const [file, setFile] = useState<File | null>(null);
  const [sent, setSent] = useState<{ bytes: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [askingToCancel, setAskingToCancel] = useState(false);
  const upload = useRef<AbortController | null>(null);
  const replacing = mode === "replace";

  const start = async () => {
    if (!file) return;
    setError(null);
    setSent({ bytes: 0, total: file.size });
    const controller = new AbortController();
    upload.current = controller;
    try {
      await api.importFile(datasetId, file, { mode, signal: controller.signal, onProgress: (bytes, total) => setSent({ bytes, total }) });
      onStarted();
      onClose();
    } catch (caught) {
      if (caught instanceof UploadCancelledError) return;
      setError(describeError(caught));
      setSent(null);
    } finally {
      upload.current = null;
    }
  };

  const requestClose = () => (upload.current ? setAskingToCancel(true) : onClose());
  const cancelUpload = () => {
    upload.current?.abort();
    // If the whole file had reached the server, its import may be running: the canvas shows it.
    onStarted();
    onClose();
  };

  return (
    <Modal
      title={replacing ? "Replace records" : "Append records"}
      onClose={requestClose}
      footer={
        <>
          <button type="button" className="button" onClick={requestClose}>
            {sent ? "Cancel upload…" : "Cancel"}
          </button>
          <button type="button" className={replacing ? "button button-danger" : "button button-primary"} disabled={!file || sent !== null} onClick={start}>
            {sent ? "Uploading…" : replacing ? `Replace ${formatCountOf(recordCount, "record")}` : "Append records"}
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
      {askingToCancel && (
        <ConfirmDialog title="Cancel the upload?" confirmLabel="Cancel upload" cancelLabel="Keep uploading" danger onConfirm={cancelUpload} onClose={() => setAskingToCancel(false)}>
          <p>
            Cancelling stops the upload{file ? ` of “${file.name}”` : ""} and changes nothing. If the whole file has already reached the server, its import runs and shows in step 1, where it can be
            cancelled too.
          </p>
        </ConfirmDialog>
      )}
    </Modal>
  );
}
