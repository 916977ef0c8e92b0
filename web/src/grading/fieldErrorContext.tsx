// The server's refusal of a grader, shown at the field it names (see fieldErrors.ts).
import { createContext, useContext, type ReactNode } from "react";
import type { FieldError } from "./fieldErrors";

const FieldErrorContext = createContext<FieldError | null>(null);

export function FieldErrorProvider({ error, children }: { error: FieldError | null; children: ReactNode }) {
  return <FieldErrorContext.Provider value={error}>{children}</FieldErrorContext.Provider>;
}

/** The server's message when it names this field. */
export function useFieldError(path: string): string | undefined {
  const error = useContext(FieldErrorContext);
  return error && error.path !== "" && error.path === path ? error.message : undefined;
}
