import type { ReactNode } from "react";

interface FormFieldProps {
  label: string;
  error?: string | null;
  hint?: ReactNode;
  /** Extra class names (the grader editor's fields). */
  className?: string;
  /** data-field: which config field this is, for tests and scrolling to an error. */
  field?: string;
  children: ReactNode;
}

/** A labelled control with a hint beside the label and its error beneath. */
export function FormField({ label, error, hint, className, field, children }: FormFieldProps) {
  const classes = ["field", className, error ? "field-invalid" : null].filter(Boolean).join(" ");
  return (
    <label className={classes} data-field={field}>
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
