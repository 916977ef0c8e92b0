// Closing an editor that holds unsaved edits (Escape, ✕, the backdrop, a Close button) asks
// first; the editors share this one confirmation. Leaving the page (a reload, closing the tab,
// another site) would drop them too, so the browser asks then. In-app navigation (the Back button
// to another route) is not blocked: BrowserRouter has no blocker; only a data router has one.
import { useEffect, useState, type ReactNode } from "react";
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
  useEffect(() => {
    if (!unsaved) return;
    const askBeforeLeaving = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers ask only when returnValue is set.
      event.returnValue = "";
    };
    window.addEventListener("beforeunload", askBeforeLeaving);
    return () => window.removeEventListener("beforeunload", askBeforeLeaving);
  }, [unsaved]);
  const requestClose = () => (unsaved ? setAsking(true) : onClose());
  const confirmation = asking ? (
    <ConfirmDialog title="Discard the changes?" confirmLabel="Discard changes" cancelLabel="Keep editing" danger onConfirm={onClose} onClose={() => setAsking(false)}>
      <p>{message}</p>
    </ConfirmDialog>
  ) : null;
  return { requestClose, confirmation };
}
