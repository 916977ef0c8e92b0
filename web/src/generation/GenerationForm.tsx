// Step 3's Generate form: the topics with the counts to write (pre-filled with what each lacks),
// the model, records per call, the synthetic cap, review and prices; a live estimate re-planned
// by the server as the form changes; Start.
import { useMemo, useState, type FormEvent } from "react";
import { describeError } from "../api/errors";
import { useGenerationPlan } from "../api/generationQueries";
import type { GenerationRequest, GenerationRun } from "../api/generationTypes";
import { api } from "../api/session";
import type { Coverage } from "../api/topicsTypes";
import type { Dataset } from "../api/types";
import { formatCount } from "../format/numbers";
import { FormField } from "../ui/FormField";
import { ErrorState, LoadingState } from "../ui/States";
import { useDebouncedValue } from "../ui/useDebouncedValue";
import { GenerationEstimate } from "./GenerationEstimate";
import { buildGenerationRequest, fillGaps, initialGenerationForm, planRequestOf, setTopicCount, toggleTopic, type GenerationForm as FormState } from "./generationForm";
import { GenerationTopicsTable } from "./GenerationTopicsTable";
import { ModelProblem } from "./ModelProblem";

const ESTIMATE_DELAY_MS = 400;
// With no topics the server plans every topic's fill: what the form starts from.
const EVERY_TOPICS_FILL: GenerationRequest = {};

interface GenerationFormProps {
  dataset: Dataset;
  coverage: Coverage;
  labels: ReadonlyMap<string, string>;
  openSettings: () => void;
  onStarted: (run: GenerationRun) => void;
}

export function GenerationForm({ dataset, coverage, labels, openSettings, onStarted }: GenerationFormProps) {
  const defaults = useGenerationPlan(dataset.id, EVERY_TOPICS_FILL);
  if (defaults.isPending) return <LoadingState label="Planning what each topic lacks…" />;
  if (defaults.isError) return <ErrorState error={defaults.error} onRetry={() => defaults.refetch()} title="Generation could not be planned" />;
  return <GenerationFormBody datasetId={dataset.id} initial={initialGenerationForm(coverage.topics, defaults.data, labels)} openSettings={openSettings} onStarted={onStarted} />;
}

interface BodyProps {
  datasetId: number;
  initial: FormState;
  openSettings: () => void;
  onStarted: (run: GenerationRun) => void;
}

function GenerationFormBody({ datasetId, initial, openSettings, onStarted }: BodyProps) {
  const [form, setForm] = useState(initial);
  const [serverError, setServerError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm((current) => ({ ...current, [key]: value }));

  const built = buildGenerationRequest(form);
  const errors = built.ok ? {} : built.errors;
  // The estimate follows the form once it stops changing; compared as text so each render's new object is not a change.
  const planText = built.ok ? JSON.stringify(planRequestOf(built.request)) : null;
  const settledText = useDebouncedValue(planText, ESTIMATE_DELAY_MS);
  const settledRequest = useMemo(() => (settledText === null ? null : (JSON.parse(settledText) as GenerationRequest)), [settledText]);
  const plan = useGenerationPlan(datasetId, settledRequest);
  const current = planText !== null && planText === settledText && !plan.isPlaceholderData ? plan.data : undefined;
  const checking = planText !== settledText || plan.isFetching;
  const planned = useMemo(() => new Map((plan.data?.topics ?? []).map((topic) => [topic.topic, topic])), [plan.data]);

  const unavailable = !built.ok ? "fix the fields marked above." : plan.isError && !checking ? describeError(plan.error) : null;
  const disabledReason = starting
    ? null
    : !built.ok
      ? "Fix the fields marked above."
      : current?.model_error
        ? "Name a model that writes the records."
        : current && current.allowed === 0
          ? "The cap leaves nothing to generate: raise the maximum synthetic share or ask for other topics."
          : null;

  const start = async (event: FormEvent) => {
    event.preventDefault();
    if (!built.ok) return;
    setServerError(null);
    setStarting(true);
    try {
      onStarted(await api.startGeneration(datasetId, built.request));
    } catch (caught) {
      setServerError(describeError(caught));
      setStarting(false);
    }
  };

  return (
    <form className="generation-form" onSubmit={start} aria-label="Generate records" data-testid="generation-form" noValidate>
      <div className="generation-form-columns">
        <div className="generation-form-topics">
          <div className="generation-form-toolbar">
            <strong>Topics</strong>
            <span className="muted detail-note">Counts start at what each topic needs to reach its target.</span>
            <span className="spacer" />
            <button type="button" className="button button-small button-ghost" onClick={() => setForm(fillGaps(form))}>
              Reset to the gaps
            </button>
          </div>
          <GenerationTopicsTable
            rows={form.topics}
            planned={planned}
            countErrors={errors.counts}
            onToggle={(id, checked) => setForm(toggleTopic(form, id, checked))}
            onCount={(id, count) => setForm(setTopicCount(form, id, count))}
          />
          {errors.topics &&
            (form.topics.every((topic) => topic.fill === 0) ? (
              <p className="muted detail-note">Every topic meets its target: tick the topics to write more records for.</p>
            ) : (
              <p className="form-error" role="alert">
                {errors.topics}
              </p>
            ))}
        </div>
        <div className="generation-form-options">
          <FormField label="Model" hint="writes the records" field="model">
            <input value={form.model} onChange={(event) => set("model", event.target.value)} spellCheck={false} placeholder="the dataset's generation model" aria-invalid={Boolean(current?.model_error)} />
          </FormField>
          {current?.model_error && <ModelProblem message={current.model_error} openSettings={openSettings} />}
          <div className="field-row">
            <FormField label="Records per call" error={errors.recordsPerCall} field="records_per_call">
              <input inputMode="numeric" value={form.recordsPerCall} onChange={(event) => set("recordsPerCall", event.target.value)} />
            </FormField>
            <FormField label="Max synthetic share" hint="%, per topic and dataset" error={errors.maxSyntheticShare} field="max_synthetic_share">
              <input inputMode="decimal" value={form.maxSyntheticShare} onChange={(event) => set("maxSyntheticShare", event.target.value)} />
            </FormField>
          </div>
          <div className="field-row">
            <FormField label="Input price" hint="$/1M tokens" error={errors.inputPrice} field="input_price">
              <input inputMode="decimal" value={form.inputPrice} placeholder="0.15" onChange={(event) => set("inputPrice", event.target.value)} />
            </FormField>
            <FormField label="Output price" hint="$/1M tokens" error={errors.outputPrice} field="output_price">
              <input inputMode="decimal" value={form.outputPrice} placeholder="0.60" onChange={(event) => set("outputPrice", event.target.value)} />
            </FormField>
          </div>
          <p className="muted detail-note generation-price-note">Prices are optional: with them the estimate and the run's outcome give a cost.</p>
          <label className="generation-review-choice">
            <input type="checkbox" checked={form.review} onChange={(event) => set("review", event.target.checked)} />
            <span>
              Wait for my review
              <span className="muted"> · records that pass the gates join the dataset only when you accept them</span>
            </span>
          </label>
        </div>
      </div>
      <GenerationEstimate plan={built.ok ? plan.data : undefined} checking={checking} unavailable={unavailable} />
      {serverError && (
        <p className="form-error" role="alert" data-testid="generation-error">
          {serverError}
        </p>
      )}
      <div className="detail-actions">
        <button type="submit" className="button button-primary" disabled={starting || disabledReason !== null} title={disabledReason ?? undefined} data-testid="generation-start">
          {starting ? "Starting…" : built.ok && plan.data ? `▶ Generate ${formatCount(plan.data.allowed)} records` : "▶ Generate"}
        </button>
        {disabledReason && <span className="muted detail-note detail-action-reason">{disabledReason}</span>}
      </div>
    </form>
  );
}
