// A secret the server shows only once (a gateway key, a trainer token): the value with a copy
// button, a warning that it cannot be shown again, and a button to put it away.
import type { ReactNode } from "react";
import { CopyButton } from "./CopyButton";

interface ShownOnceSecretProps {
  title: ReactNode;
  /** What to do if it is lost. */
  note: ReactNode;
  value: string;
  copyLabel: string;
  /** data-testid of the box; the value's is `<testId>-value`. */
  testId: string;
  onDismiss: () => void;
}

export function ShownOnceSecret({ title, note, value, copyLabel, testId, onDismiss }: ShownOnceSecretProps) {
  return (
    <div className="fresh-key notice tone-warn" role="status" data-testid={testId}>
      <div className="fresh-key-body">
        <strong>{title}</strong>
        <span className="muted">{note}</span>
        <div className="fresh-key-value">
          <code data-testid={`${testId}-value`}>{value}</code>
          <CopyButton text={value} label={copyLabel} className="button button-small button-primary" />
        </div>
      </div>
      <button type="button" className="button button-small" onClick={onDismiss}>
        I have copied it
      </button>
    </div>
  );
}
