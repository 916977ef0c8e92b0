// The base model's three fields, as the dry run's form and the grader's test sample show them.
import type { BaseModelErrors, BaseModelFields as Fields } from "./baseModel";
import { FormField } from "../ui/FormField";

interface BaseModelFieldsProps {
  value: Fields;
  errors: BaseModelErrors;
  onChange: (next: Fields) => void;
}

export function BaseModelFields({ value, errors, onChange }: BaseModelFieldsProps) {
  // Only the three fields: `value` may be a larger form.
  const set = (key: keyof Fields, text: string) => onChange({ model: value.model, baseUrl: value.baseUrl, apiKeyEnv: value.apiKeyEnv, [key]: text });
  return (
    <div className="field-row base-model-fields">
      <FormField label="Base model" error={errors.model}>
        <input value={value.model} onChange={(event) => set("model", event.target.value)} spellCheck={false} />
      </FormField>
      <FormField label="Provider base URL" error={errors.baseUrl}>
        <input value={value.baseUrl} onChange={(event) => set("baseUrl", event.target.value)} spellCheck={false} placeholder="https://api.openai.com/v1" />
      </FormField>
      <FormField label="Key environment variable" error={errors.apiKeyEnv} hint="its NAME on the server, never the key">
        <input value={value.apiKeyEnv} onChange={(event) => set("apiKeyEnv", event.target.value)} spellCheck={false} autoComplete="off" placeholder="OPENAI_API_KEY" />
      </FormField>
    </div>
  );
}
