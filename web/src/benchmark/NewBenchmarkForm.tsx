// The benchmark's form: base and tuned models (from the latest succeeded run), an optional
// provider for the tuned model, k samples per record and how many records; Start sends it.
import { useState, type FormEvent } from "react";
import { describeError } from "../api/errors";
import type { Benchmark } from "../api/benchmarksTypes";
import { api } from "../api/session";
import type { TrainingRun } from "../api/trainingTypes";
import { FormField } from "../ui/FormField";
import { buildBenchmarkRequest, initialBenchmarkForm, type BenchmarkForm, type BenchmarkFormErrors } from "./benchmarkForm";
import { SampleCountInput } from "../ui/SampleCountInput";

interface NewBenchmarkFormProps {
  datasetId: number;
  run: TrainingRun | undefined;
  /** Why it cannot start now (a benchmark already running), or null. */
  disabledReason: string | null;
  onStarted: (benchmark: Benchmark) => void;
}

export function NewBenchmarkForm({ datasetId, run, disabledReason, onStarted }: NewBenchmarkFormProps) {
  const [form, setForm] = useState<BenchmarkForm>(() => initialBenchmarkForm(run));
  const [errors, setErrors] = useState<BenchmarkFormErrors>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  // An edited field's error goes: it described the value that was there before.
  const set = <K extends keyof BenchmarkForm>(key: K, value: BenchmarkForm[K]) => {
    setForm((current) => ({ ...current, [key]: value }));
    setErrors((current) => {
      const { [key]: _gone, ...rest } = current;
      return rest;
    });
  };

  const start = async (event: FormEvent) => {
    event.preventDefault();
    const built = buildBenchmarkRequest(form, datasetId, run?.id);
    if (!built.ok) {
      setErrors(built.errors);
      return;
    }
    setServerError(null);
    setStarting(true);
    try {
      onStarted(await api.startBenchmark(built.request));
    } catch (caught) {
      setServerError(describeError(caught));
    } finally {
      setStarting(false);
    }
  };

  return (
    <form className="benchmark-form" onSubmit={start} data-testid="benchmark-form" aria-label="New benchmark" noValidate>
      <div className="field-row">
        <FormField label="Base model" error={errors.baseModel} hint={run ? `run #${run.id}'s base` : undefined} field="base_model">
          <input value={form.baseModel} onChange={(event) => set("baseModel", event.target.value)} spellCheck={false} />
        </FormField>
        <FormField label="Tuned model" error={errors.tunedModel} hint={run ? `from run #${run.id}` : undefined} field="tuned_model">
          <input value={form.tunedModel} onChange={(event) => set("tunedModel", event.target.value)} spellCheck={false} />
        </FormField>
        <FormField label="Provider" error={errors.provider} hint="optional, for the tuned model" field="provider">
          <input value={form.provider} onChange={(event) => set("provider", event.target.value)} spellCheck={false} placeholder="the base model's" />
        </FormField>
      </div>
      <div className="field-row">
        <FormField label="Records" error={errors.samples} hint={run ? `of run #${run.id}'s validation split` : "a stratified sample of valid records"} field="samples">
          <SampleCountInput value={form.samples} onChange={(value) => set("samples", value)} label="Number of records" />
        </FormField>
        <FormField label="Samples per record (k)" error={errors.k} hint="of each model" field="k">
          <input type="number" min={1} max={16} value={form.k} onChange={(event) => set("k", event.target.value)} />
        </FormField>
      </div>
      {serverError && (
        <p className="form-error" role="alert" data-testid="benchmark-error">
          {serverError}
        </p>
      )}
      <div className="detail-actions">
        <button type="submit" className="button button-primary" disabled={starting || disabledReason !== null} title={disabledReason ?? undefined} data-testid="benchmark-start">
          {starting ? "Starting…" : "▶ Start benchmark"}
        </button>
        {disabledReason && <span className="muted detail-note detail-action-reason">{disabledReason}</span>}
      </div>
    </form>
  );
}
