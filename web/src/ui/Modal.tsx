// A dialog over the page: Escape and the backdrop close it, focus moves into it on open and
// back to where it was on close, and Tab stays inside it, so it works from the keyboard. Without
// onClose it stays until what it asks is done (signing in again).
import { useEffect, useRef, type ReactNode } from "react";
import { keepTabInside } from "./focusTrap";

interface ModalProps {
  title: ReactNode;
  onClose?: () => void;
  children: ReactNode;
  footer?: ReactNode;
  size?: "small" | "large" | "full" | "drawer";
  labelledBy?: string;
}

export function Modal({ title, onClose, children, footer, size = "small" }: ModalProps) {
  const dialogRef = useRef<HTMLDivElement>(null);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const dialog = dialogRef.current;
    const first = dialog?.querySelector<HTMLElement>("[data-autofocus], input, textarea, select, button:not([data-close])");
    (first ?? dialog)?.focus();
    return () => previous?.focus?.();
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // Only the topmost dialog answers: it closes, and it holds the focus.
      const dialog = dialogRef.current;
      const dialogs = document.querySelectorAll(".modal");
      if (!dialog || dialogs[dialogs.length - 1] !== dialog) return;
      if (event.key === "Escape") {
        event.stopPropagation();
        closeRef.current?.();
      } else if (event.key === "Tab" && !event.defaultPrevented && !event.ctrlKey && !event.altKey && !event.metaKey) {
        // Listening on window, this runs after the page's own handlers: a code editor that took
        // Tab to indent has prevented its default, and keeps it.
        keepTabInside(dialog, event);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <div className="modal-backdrop" onMouseDown={(event) => event.target === event.currentTarget && onClose?.()}>
      <div ref={dialogRef} className={`modal modal-${size}`} role="dialog" aria-modal="true" aria-label={typeof title === "string" ? title : undefined} tabIndex={-1}>
        <header className="modal-header">
          <h2>{title}</h2>
          {onClose && (
            <button type="button" className="icon-button" data-close onClick={onClose} aria-label="Close">
              ✕
            </button>
          )}
        </header>
        <div className="modal-body">{children}</div>
        {footer && <footer className="modal-footer">{footer}</footer>}
      </div>
    </div>
  );
}
