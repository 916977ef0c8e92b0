// A template text ({{sample.output_text}}, {{reference}}, …) with the variables listed and
// insertable at the cursor.
import { useRef } from "react";
import { TEMPLATE_VARIABLES } from "./graderCatalog";

interface TemplateInputProps {
  value: string;
  onChange: (value: string) => void;
  rows?: number;
  /** A one-line input for short templates; the variables are still listed. */
  singleLine?: boolean;
  showVariables?: boolean;
  ariaLabel?: string;
}

export function TemplateInput({ value, onChange, rows = 10, singleLine, showVariables = true, ariaLabel }: TemplateInputProps) {
  const ref = useRef<HTMLTextAreaElement & HTMLInputElement>(null);
  const insert = (name: string) => {
    const element = ref.current;
    const text = `{{${name}}}`;
    if (!element) return onChange(value + text);
    const start = element.selectionStart ?? value.length;
    const end = element.selectionEnd ?? value.length;
    onChange(value.slice(0, start) + text + value.slice(end));
    requestAnimationFrame(() => {
      element.focus();
      element.setSelectionRange(start + text.length, start + text.length);
    });
  };
  return (
    <>
      {singleLine ? (
        <input ref={ref} className="template-input" value={value} onChange={(event) => onChange(event.target.value)} spellCheck={false} aria-label={ariaLabel} />
      ) : (
        <textarea ref={ref} className="template-input" value={value} rows={rows} onChange={(event) => onChange(event.target.value)} spellCheck={false} aria-label={ariaLabel} />
      )}
      {showVariables && (
        <span className="template-variables" role="group" aria-label="Insert a variable">
          {TEMPLATE_VARIABLES.map((variable) => (
            <button
              key={variable.name}
              type="button"
              className="variable-chip"
              title={variable.meaning}
              onClick={(event) => {
                event.preventDefault();
                insert(variable.name);
              }}
            >
              {`{{${variable.name}}}`}
            </button>
          ))}
        </span>
      )}
    </>
  );
}
