// The base model's fields, as the dry run's form, the grader's test sample and the training
// dialog show them: a pick among the gateway's providers, then the model, the provider's base URL
// and the NAME of the key's environment variable.
import { useEffect, useId, useRef } from "react";
import { useGatewayProviders } from "../traces/traceQueries";
import type { BaseModelErrors, BaseModelFields as Fields } from "./baseModel";
import { matchingProvider, modelNamesFor, startingFields, withProvider } from "./gatewayProviders";
import { FormField } from "../ui/FormField";

interface BaseModelFieldsProps {
  value: Fields;
  errors: BaseModelErrors;
  onChange: (next: Fields) => void;
  /** An untouched form starts on the gateway's default provider (where the traffic goes). */
  startOnGatewayDefault?: boolean;
}

export function BaseModelFields({ value, errors, onChange, startOnGatewayDefault = false }: BaseModelFieldsProps) {
  // Only the three fields: `value` may be a larger form.
  const fields: Fields = { model: value.model, baseUrl: value.baseUrl, apiKeyEnv: value.apiKeyEnv };
  const set = (key: keyof Fields, text: string) => onChange({ ...fields, [key]: text });
  const status = useGatewayProviders().data;
  const providers = status?.providers ?? [];
  const current = matchingProvider(fields, providers);
  const modelsId = useId();
  const models = status ? modelNamesFor(current, status) : [];

  const started = useRef(false);
  useEffect(() => {
    if (!startOnGatewayDefault || started.current || !status) return;
    started.current = true;
    const next = startingFields(fields, status);
    if (next !== fields) onChange(next);
    // Once, when the gateway's providers first arrive: later edits are the person's.
  }, [status]);

  const keyMissing = current && current.api_key_env && !current.api_key_set;
  return (
    <>
      {providers.length > 0 && (
        <div className="field-row base-model-provider">
          <FormField label="Gateway provider" hint={keyMissing ? `⚠ ${current.api_key_env} is not set on the server` : "fills the URL and key variable"}>
            <select
              value={current?.name ?? ""}
              onChange={(event) => {
                const picked = providers.find((provider) => provider.name === event.target.value);
                if (picked) onChange(withProvider(fields, picked));
              }}
              data-testid="base-model-provider"
            >
              <option value="">{current ? "Other (edit below)" : "Other: as typed below"}</option>
              {providers.map((provider) => (
                <option key={provider.name} value={provider.name}>
                  {provider.name} · {provider.base_url}
                </option>
              ))}
            </select>
          </FormField>
        </div>
      )}
      <div className="field-row base-model-fields">
        <FormField label="Base model" error={errors.model}>
          <input value={value.model} onChange={(event) => set("model", event.target.value)} spellCheck={false} list={models.length > 0 ? modelsId : undefined} />
        </FormField>
        {models.length > 0 && (
          <datalist id={modelsId}>
            {models.map((model) => (
              <option key={model} value={model} />
            ))}
          </datalist>
        )}
        <FormField label="Provider base URL" error={errors.baseUrl}>
          <input value={value.baseUrl} onChange={(event) => set("baseUrl", event.target.value)} spellCheck={false} placeholder="https://api.openai.com/v1" />
        </FormField>
        <FormField label="Key environment variable" error={errors.apiKeyEnv} hint="its NAME on the server, never the key">
          <input value={value.apiKeyEnv} onChange={(event) => set("apiKeyEnv", event.target.value)} spellCheck={false} autoComplete="off" placeholder="OPENAI_API_KEY" />
        </FormField>
      </div>
    </>
  );
}
