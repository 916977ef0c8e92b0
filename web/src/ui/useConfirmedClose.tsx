// Closing an editor that holds unsaved edits (Escape, ✕, the backdrop, a Close button) asks
// first; the editors share this one confirmation.
import { useState, type ReactNode } from "react";
import { ConfirmDialog } from "./ConfirmDialog";

interface ConfirmedCloseOptions {
  /** Whether closing now would lose something. */
  unsaved: boolean;
  onClose: () => void;
  /** What is lost and what stays, in a sentence or two. */
  message: ReactNode;
}

/** `requestClose` closes at once when nothing is unsaved, else shows `confirmation` (render it). */
export function useConfirmedClose({ unsaved, onClose, message }: ConfirmedCloseOptions): { requestClose: () => void; confirmation: ReactNode } {
  const [asking, setAsking] = useState(false);
  const requestClose = () => (unsaved ? setAsking(true) : onClose());
  const confirmation = asking ? (
    <ConfirmDialog title="Discard the changes?" confirmLabel="Discard changes" cancelLabel="Keep editing" danger onConfirm={onClose} onClose={() => setAsking(false)}>
      <p>{message}</p>
    </ConfirmDialog>
  ) : null;
  return { requestClose, confirmation };
}
