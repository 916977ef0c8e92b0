// Step 5's run form: what to sample and how, then Start dry run (a job).
import { useState, type FormEvent } from "react";
import { describeError } from "../api/errors";
import type { DryRunMode, DryRunRequest } from "../api/gradingTypes";
import { api } from "../api/session";
import type { Job } from "../api/types";
import { BaseModelFields } from "../sampling/BaseModelFields";
import { FormField } from "../ui/FormField";
import { ModeChoice } from "../ui/ModeChoice";
import { buildDryRunRequest, DEFAULT_DRY_RUN_FORM, loadDryRunForm, saveDryRunForm, type DryRunFormErrors, type DryRunFormState } from "./dryRunForm";
import { SampleCountInput } from "../ui/SampleCountInput";

interface DryRunFormProps {
  datasetId: number;
  validCount: number;
  disabledReason: string | null;
  /** The last run's request, where this browser remembers no form of its own. */
  lastRequest?: DryRunRequest;
  onStarted: (job: Job) => void;
}

export function DryRunForm({ datasetId, validCount, disabledReason, lastRequest, onStarted }: DryRunFormProps) {
  const [initial] = useState<DryRunFormState>(() => loadDryRunForm(window.localStorage, datasetId, lastRequest));
  const [form, setForm] = useState<DryRunFormState>(initial);
  const [errors, setErrors] = useState<DryRunFormErrors>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  // An edited field's error goes: it described the value that was there before.
  const forget = (keys: (keyof DryRunFormState)[]) =>
    setErrors((current) => (keys.some((key) => key in current) ? Object.fromEntries(Object.entries(current).filter(([key]) => !keys.includes(key as keyof DryRunFormState))) : current));
  const set = <K extends keyof DryRunFormState>(key: K, value: DryRunFormState[K]) => {
    setForm((current) => ({ ...current, [key]: value }));
    forget([key]);
  };
  const baseModel = form.mode === "base_model";

  const start = async (event: FormEvent) => {
    event.preventDefault();
    const built = buildDryRunRequest(form);
    if (!built.ok) {
      setErrors(built.errors);
      return;
    }
    setErrors({});
    setServerError(null);
    setStarting(true);
    try {
      const job = await api.startDryRun(datasetId, built.request);
      saveDryRunForm(window.localStorage, datasetId, form);
      onStarted(job);
    } catch (caught) {
      setServerError(describeError(caught));
    } finally {
      setStarting(false);
    }
  };

  return (
    <form className="dry-run-form" onSubmit={start} data-testid="dry-run-form" noValidate>
      <ModeChoice
        legend="Grade"
        options={[
          ["base_model", "Base model samples", "sample the base model on each prompt, then grade its answers"],
          ["reference", "Reference answers", "grade the records' own answers: calibrates the grader, no provider needed"],
        ]}
        value={form.mode}
        onChange={(mode: DryRunMode) => set("mode", mode)}
      />
      <div className="field-row">
        <FormField label="Samples" error={errors.samples} hint={`of ${validCount.toLocaleString("en-US")} valid records, stratified by topic`}>
          <SampleCountInput value={form.samples} onChange={(value) => set("samples", value)} label="Number of samples" />
        </FormField>
        <FormField label="Samples per prompt (k)" error={errors.k} hint="k > 1 measures disagreement">
          <input type="number" min={1} max={16} value={form.k} disabled={!baseModel} onChange={(event) => set("k", event.target.value)} />
        </FormField>
        <FormField label="Concurrency" error={errors.concurrency} hint="requests at a time">
          <input type="number" min={1} max={256} value={form.concurrency} disabled={!baseModel} onChange={(event) => set("concurrency", event.target.value)} />
        </FormField>
        <FormField label="Temperature" error={errors.temperature}>
          <input type="number" min={0} max={2} step={0.1} value={form.temperature} disabled={!baseModel} onChange={(event) => set("temperature", event.target.value)} />
        </FormField>
        <FormField label="Input price" error={errors.inputPrice} hint="$ per 1M tokens, optional">
          <input type="number" min={0} step="any" value={form.inputPrice} disabled={!baseModel} placeholder="0.15" onChange={(event) => set("inputPrice", event.target.value)} />
        </FormField>
        <FormField label="Output price" error={errors.outputPrice} hint="$ per 1M tokens, optional">
          <input type="number" min={0} step="any" value={form.outputPrice} disabled={!baseModel} placeholder="0.60" onChange={(event) => set("outputPrice", event.target.value)} />
        </FormField>
      </div>
      {baseModel && (
        <BaseModelFields
          value={form}
          errors={errors}
          startOnGatewayDefault={initial === DEFAULT_DRY_RUN_FORM}
          onChange={(fields) => {
            setForm((current) => ({ ...current, ...fields }));
            forget((Object.keys(fields) as (keyof typeof fields)[]).filter((key) => fields[key] !== form[key]));
          }}
        />
      )}
      {serverError && (
        <p className="form-error" role="alert">
          {serverError}
        </p>
      )}
      <div className="detail-actions">
        <button type="submit" className="button button-primary" disabled={starting || disabledReason !== null} title={disabledReason ?? undefined}>
          {starting ? "Starting…" : "▶ Start dry run"}
        </button>
        {disabledReason && <span className="muted detail-note">{disabledReason}</span>}
      </div>
    </form>
  );
}
