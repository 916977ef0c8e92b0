// Step 7's benchmark form: what it starts from (the latest succeeded run: its base and tuned
// models, its validation split), the checks a person gets before sending, and the request.
import type { BenchmarkRequest } from "../api/benchmarksTypes";
import type { TrainingRun } from "../api/trainingTypes";

export interface BenchmarkForm {
  baseModel: string;
  tunedModel: string;
  provider: string;
  /** Samples per record and model, as typed. */
  k: string;
  /** Records to benchmark, as typed; "all" for every held-out record. */
  samples: string | "all";
}

export type BenchmarkFormErrors = Partial<Record<keyof BenchmarkForm, string>>;

export function initialBenchmarkForm(run: TrainingRun | undefined): BenchmarkForm {
  return { baseModel: run?.base_model ?? "", tunedModel: run?.fine_tuned_model ?? "", provider: "", k: "1", samples: "300" };
}

function wholeNumber(text: string): number | null {
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : null;
}

/** The request, or what to fix in which field. The run's validation split is the held-out set when there is a run. */
export function buildBenchmarkRequest(
  form: BenchmarkForm,
  datasetId: number,
  runId: number | undefined,
): { ok: true; request: BenchmarkRequest } | { ok: false; errors: BenchmarkFormErrors } {
  const errors: BenchmarkFormErrors = {};
  if (!form.baseModel.trim()) errors.baseModel = "Name the base model.";
  if (!form.tunedModel.trim()) errors.tunedModel = "Name the tuned model.";
  const k = wholeNumber(form.k);
  if (k === null || k < 1 || k > 16) errors.k = "A whole number from 1 to 16.";
  const samples = form.samples === "all" ? 0 : wholeNumber(form.samples);
  if (samples === null || (form.samples !== "all" && samples < 1)) errors.samples = "A whole number of records, 1 or more (or All).";
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const request: BenchmarkRequest = {
    dataset_id: datasetId,
    base_model: form.baseModel.trim(),
    tuned_model: form.tunedModel.trim(),
    k: k!,
    samples: samples!,
  };
  if (runId !== undefined) request.run_id = runId;
  if (form.provider.trim()) request.provider = form.provider.trim();
  return { ok: true, request };
}
