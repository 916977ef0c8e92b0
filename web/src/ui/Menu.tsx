// A button that opens a list of actions; arrow keys move, Escape closes.
import { useEffect, useRef, useState, type ReactNode } from "react";

export interface MenuItem {
  label: string;
  onSelect?: () => void;
  disabled?: boolean;
  hint?: string;
  danger?: boolean;
}

type MenuEntry = MenuItem | "separator";

interface MenuProps {
  label: ReactNode;
  /** `false` entries are left out (`may("datasets") && {…}`), and so are the separators that then separate nothing. */
  items: (MenuEntry | false)[];
  buttonClassName?: string;
  ariaLabel?: string;
}

/** The entries to show: no `false`, no separator first, last or after another. */
export function shownEntries(items: readonly (MenuEntry | false)[]): MenuEntry[] {
  const shown: MenuEntry[] = [];
  for (const item of items) {
    if (item === false) continue;
    if (item === "separator" && (shown.length === 0 || shown[shown.length - 1] === "separator")) continue;
    shown.push(item);
  }
  if (shown[shown.length - 1] === "separator") shown.pop();
  return shown;
}

export function Menu({ label, items, buttonClassName = "button", ariaLabel }: MenuProps) {
  const [open, setOpen] = useState(false);
  const entries = shownEntries(items);
  const rootRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    rootRef.current?.querySelector<HTMLElement>("[role=menuitem]:not([disabled])")?.focus();
    const onPointer = (event: MouseEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", onPointer);
    return () => document.removeEventListener("mousedown", onPointer);
  }, [open]);

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === "Escape") {
      setOpen(false);
      rootRef.current?.querySelector<HTMLElement>("button")?.focus();
      return;
    }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    event.preventDefault();
    const enabled = [...(rootRef.current?.querySelectorAll<HTMLElement>("[role=menuitem]:not([disabled])") ?? [])];
    const at = enabled.indexOf(document.activeElement as HTMLElement);
    const next = event.key === "ArrowDown" ? (at + 1) % enabled.length : (at - 1 + enabled.length) % enabled.length;
    enabled[next]?.focus();
  };

  return (
    <div className="menu" ref={rootRef} onKeyDown={onKeyDown}>
      <button type="button" className={buttonClassName} aria-haspopup="menu" aria-expanded={open} aria-label={ariaLabel} onClick={() => setOpen(!open)}>
        {label}
      </button>
      {open && (
        <div className="menu-list" role="menu">
          {entries.map((item, index) =>
            item === "separator" ? (
              <div key={index} className="menu-separator" role="separator" />
            ) : (
              <button
                key={item.label}
                type="button"
                role="menuitem"
                className={item.danger ? "menu-item menu-item-danger" : "menu-item"}
                disabled={item.disabled}
                title={item.hint}
                onClick={() => {
                  setOpen(false);
                  item.onSelect?.();
                }}
              >
                <span>{item.label}</span>
                {item.hint && item.disabled && <span className="menu-hint">{item.hint}</span>}
              </button>
            ),
          )}
        </div>
      )}
    </div>
  );
}
