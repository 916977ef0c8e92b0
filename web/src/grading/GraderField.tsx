import type { ReactNode } from "react";
import { FormField } from "../ui/FormField";
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
  return (
    <FormField label={label} hint={hint} error={localError ?? serverError} className="grader-field" field={path}>
      {children}
    </FormField>
  );
}
