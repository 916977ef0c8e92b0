import type { ReactNode } from "react";

interface FormFieldProps {
  label: string;
  error?: string;
  hint?: string;
  children: ReactNode;
}

/** A labelled control with a hint beside the label and its error beneath. */
export function FormField({ label, error, hint, children }: FormFieldProps) {
  return (
    <label className={error ? "field field-invalid" : "field"}>
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
