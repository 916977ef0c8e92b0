import type { ReactNode } from "react";
import { useFieldError } from "./fieldErrorContext";

interface GraderFieldProps {
  label: string;
  /** The field's path in the config, to show the server's error for it. */
  path: string;
  hint?: ReactNode;
  /** An error found before sending (JSON that does not parse, say). */
  localError?: string | null;
  children: ReactNode;
}

/** A labelled control of the grader editor, with the server's error for it beneath. */
export function GraderField({ label, path, hint, localError, children }: GraderFieldProps) {
  const serverError = useFieldError(path);
  const error = localError ?? serverError;
  return (
    <label className={error ? "field grader-field field-invalid" : "field grader-field"} data-field={path}>
      <span>
        {label}
        {hint && <span className="muted"> · {hint}</span>}
      </span>
      {children}
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </label>
  );
}
