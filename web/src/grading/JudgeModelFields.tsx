// The model a judge calls: model, temperature, and where to reach it. The key is read on the
// server from the environment variable named here; it is never typed into the UI.
import type { JudgeGraderConfig, JudgeRubricConfig } from "../api/gradingTypes";
import { childPath } from "./fieldErrors";
import { GraderField } from "./GraderField";

type JudgeLike = JudgeGraderConfig | JudgeRubricConfig;

interface JudgeModelFieldsProps<C extends JudgeLike> {
  config: C;
  path: string;
  onChange: (config: C) => void;
}

export function JudgeModelFields<C extends JudgeLike>({ config, path, onChange }: JudgeModelFieldsProps<C>) {
  const provider = config.provider;
  return (
    <>
      <div className="field-row">
        <GraderField label="Judge model" path={childPath(path, "model")}>
          <input value={config.model} onChange={(event) => onChange({ ...config, model: event.target.value })} spellCheck={false} />
        </GraderField>
        <GraderField label="Temperature" path={childPath(path, "temperature")} hint="0 = repeatable">
          <input
            type="number"
            min={0}
            max={2}
            step={0.1}
            value={config.temperature ?? 0}
            onChange={(event) => onChange({ ...config, temperature: event.target.value === "" ? 0 : Number(event.target.value) })}
          />
        </GraderField>
      </div>
      <div className="field-row">
        <GraderField label="Provider base URL" path={childPath(path, "provider.base_url")}>
          <input value={provider.base_url} onChange={(event) => onChange({ ...config, provider: { ...provider, base_url: event.target.value } })} spellCheck={false} />
        </GraderField>
        <GraderField label="Key environment variable" path={childPath(path, "provider.api_key_env")} hint="its NAME, never the key">
          <input
            value={provider.api_key_env}
            onChange={(event) => onChange({ ...config, provider: { ...provider, api_key_env: event.target.value } })}
            spellCheck={false}
            autoComplete="off"
            placeholder="OPENAI_API_KEY"
          />
        </GraderField>
      </div>
    </>
  );
}
