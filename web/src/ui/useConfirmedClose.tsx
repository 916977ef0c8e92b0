// Closing an editor that holds unsaved edits (Escape, ✕, the backdrop, a Close button) asks
// first; the editors share this one confirmation. Going to another page of the app (the Back
// button, a link in the top bar) asks the same; leaving it (a reload, closing the tab, another
// site) would drop them too, so the browser asks then.
import { useEffect, useRef, useState, type ReactNode } from "react";
import { useBlocker } from "react-router";
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
  // Going to another page while edits are unsaved waits for the same answer. (A change of the
  // query alone, which the page makes itself, passes.)
  const blocker = useBlocker(({ currentLocation, nextLocation }) => unsaved && currentLocation.pathname !== nextLocation.pathname);
  // The dialog closes itself after its confirm: a navigation let through is not then held back.
  const proceeding = useRef(false);
  const requestClose = () => (unsaved ? setAsking(true) : onClose());
  const leaving = blocker.state === "blocked";
  const confirmation =
    asking || leaving ? (
      <ConfirmDialog
        title="Discard the changes?"
        confirmLabel="Discard changes"
        cancelLabel="Keep editing"
        danger
        onConfirm={
          leaving
            ? () => {
                proceeding.current = true;
                blocker.proceed?.();
              }
            : onClose
        }
        onClose={() => {
          if (!leaving) setAsking(false);
          else if (!proceeding.current) blocker.reset?.();
        }}
      >
        <p>{message}</p>
      </ConfirmDialog>
    ) : null;
  return { requestClose, confirmation };
}
