// A JSON value (a schema) edited as text: the config only changes when the text parses, and a
// text that does not parse is reported to the editor so it is never saved half-typed.
import { lazy, Suspense, useEffect, useState } from "react";
import { LoadingState } from "../ui/States";
import { GraderField } from "./GraderField";

const JsonEditor = lazy(() => import("../records/JsonEditor"));

interface JsonSchemaFieldProps {
  label: string;
  path: string;
  hint?: string;
  value: Record<string, unknown> | undefined;
  onChange: (value: Record<string, unknown>) => void;
  onValidityChange: (path: string, valid: boolean) => void;
}

export function JsonSchemaField({ label, path, hint, value, onChange, onValidityChange }: JsonSchemaFieldProps) {
  const [initialText] = useState(() => JSON.stringify(value ?? {}, null, 2));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => () => onValidityChange(path, true), [onValidityChange, path]);
  const update = (text: string) => {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("A JSON schema is an object: { \"type\": … }.");
      setError(null);
      onValidityChange(path, true);
      onChange(parsed as Record<string, unknown>);
    } catch (caught) {
      setError(caught instanceof SyntaxError ? `Not JSON yet: ${caught.message}` : (caught as Error).message);
      onValidityChange(path, false);
    }
  };
  return (
    <GraderField label={label} path={path} hint={hint} localError={error}>
      <div className="schema-editor">
        <Suspense fallback={<LoadingState label="Loading the editor…" />}>
          <JsonEditor initialText={initialText} onChange={update} label={label} />
        </Suspense>
      </div>
    </GraderField>
  );
}
