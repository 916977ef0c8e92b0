import { useState, type ReactNode } from "react";
import { describeError } from "../api/errors";
import { Modal } from "./Modal";

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** The button that keeps things as they are; "Cancel" unless that would read as the action. */
  cancelLabel?: string;
  danger?: boolean;
  onConfirm: () => Promise<unknown> | void;
  onClose: () => void;
}

/** Asks before something that cannot be undone; shows the server's error if it refuses. */
export function ConfirmDialog({ title, children, confirmLabel, cancelLabel = "Cancel", danger, onConfirm, onClose }: ConfirmDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      onClose();
    } catch (caught) {
      setError(describeError(caught));
      setBusy(false);
    }
  };
  return (
    <Modal
      title={title}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            {cancelLabel}
          </button>
          <button type="button" className={danger ? "button button-danger" : "button button-primary"} onClick={confirm} disabled={busy} data-autofocus>
            {busy ? "Working…" : confirmLabel}
          </button>
        </>
      }
    >
      {children}
      {error && <p className="form-error" role="alert">{error}</p>}
    </Modal>
  );
}
