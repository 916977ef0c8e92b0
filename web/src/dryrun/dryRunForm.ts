// The dry-run form's state and the request it sends (POST /api/datasets/:id/dry-run). The form
// asks for the NAME of the environment variable that holds the provider key, never the key.
import type { DryRunMode, DryRunRequest, TokenPrice } from "../api/gradingTypes";
import { checkBaseModel, DEFAULT_BASE_MODEL, type BaseModelFields } from "../sampling/baseModel";

export interface DryRunFormState extends BaseModelFields {
  mode: DryRunMode;
  /** "all" or a count. */
  samples: "all" | string;
  k: string;
  concurrency: string;
  temperature: string;
  /** US dollars per million tokens of the base model; both empty: no cost figure. */
  inputPrice: string;
  outputPrice: string;
}

export const DEFAULT_DRY_RUN_FORM: DryRunFormState = {
  mode: "base_model",
  samples: "300",
  k: "1",
  concurrency: "32",
  ...DEFAULT_BASE_MODEL,
  temperature: "1",
  inputPrice: "",
  outputPrice: "",
};

export type DryRunFormErrors = Partial<Record<keyof DryRunFormState, string>>;

export type DryRunFormResult = { ok: true; request: DryRunRequest } | { ok: false; errors: DryRunFormErrors };

function wholeNumber(text: string, min: number, max: number): number | null {
  if (!/^\s*\d+\s*$/.test(text)) return null;
  const value = Number(text);
  return value >= min && value <= max ? value : null;
}

export function buildDryRunRequest(form: DryRunFormState): DryRunFormResult {
  const errors: DryRunFormErrors = {};
  const samples = form.samples === "all" ? 0 : wholeNumber(form.samples, 1, 1_000_000);
  if (samples === null) errors.samples = "A whole number of samples, at least 1 (or all).";

  if (form.mode === "reference") {
    if (Object.keys(errors).length > 0) return { ok: false, errors };
    return { ok: true, request: { mode: "reference", samples: samples ?? 0 } };
  }

  const k = wholeNumber(form.k, 1, 16);
  if (k === null) errors.k = "1 to 16 samples per prompt.";
  const concurrency = wholeNumber(form.concurrency, 1, 256);
  if (concurrency === null) errors.concurrency = "1 to 256 requests at a time.";
  const { errors: modelErrors, target } = checkBaseModel(form);
  Object.assign(errors, modelErrors);
  const temperature = Number(form.temperature);
  if (form.temperature.trim() === "" || !Number.isFinite(temperature) || temperature < 0 || temperature > 2) errors.temperature = "From 0 to 2.";
  const price = tokenPrice(form, errors);

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    request: {
      mode: "base_model",
      samples: samples ?? 0,
      k: k ?? 1,
      concurrency: concurrency ?? 32,
      ...target,
      sampling: { temperature },
      ...(price ? { price } : {}),
    },
  };
}

function dollars(text: string): number | null {
  const value = Number(text);
  return text.trim() !== "" && Number.isFinite(value) && value >= 0 ? value : null;
}

/** Both prices, or neither (no cost figure); one alone is a mistake worth naming. */
function tokenPrice(form: DryRunFormState, errors: DryRunFormErrors): TokenPrice | null {
  if (form.inputPrice.trim() === "" && form.outputPrice.trim() === "") return null;
  const input = dollars(form.inputPrice);
  const output = dollars(form.outputPrice);
  if (input === null) errors.inputPrice = "Dollars per million input tokens, 0 or more.";
  if (output === null) errors.outputPrice = "Dollars per million output tokens, 0 or more.";
  return input !== null && output !== null ? { input_per_million: input, output_per_million: output } : null;
}

// The form is remembered per dataset in the browser, so "Run again" starts from the last run's
// settings. Only names are kept (the key's variable name, never a key).
const STORAGE_PREFIX = "reinforge.dryRunForm.";

/** The form that sends `request` again: the last run's settings, as the server kept them. */
export function formFromRequest(request: DryRunRequest): DryRunFormState {
  const text = (value: number | undefined, fallback: string) => (typeof value === "number" && Number.isFinite(value) ? String(value) : fallback);
  const form: DryRunFormState = { ...DEFAULT_DRY_RUN_FORM, mode: request.mode === "reference" ? "reference" : "base_model", samples: request.samples > 0 ? String(request.samples) : "all" };
  if (form.mode === "reference") return form;
  return {
    ...form,
    k: text(request.k, form.k),
    concurrency: text(request.concurrency, form.concurrency),
    model: request.model ?? form.model,
    baseUrl: request.provider?.base_url ?? form.baseUrl,
    apiKeyEnv: request.provider?.api_key_env ?? form.apiKeyEnv,
    temperature: text(request.sampling?.temperature, form.temperature),
    inputPrice: text(request.price?.input_per_million, ""),
    outputPrice: text(request.price?.output_per_million, ""),
  };
}

/**
 * The form as this browser last sent it for the dataset; else the last run's settings (another
 * browser, or a run from the API); else the defaults.
 */
export function loadDryRunForm(storage: Pick<Storage, "getItem">, datasetId: number, lastRequest?: DryRunRequest): DryRunFormState {
  const fallback = lastRequest ? formFromRequest(lastRequest) : DEFAULT_DRY_RUN_FORM;
  try {
    const saved = JSON.parse(storage.getItem(STORAGE_PREFIX + datasetId) ?? "null") as Partial<DryRunFormState> | null;
    if (!saved || typeof saved !== "object") return fallback;
    const form = { ...DEFAULT_DRY_RUN_FORM };
    for (const key of Object.keys(form) as (keyof DryRunFormState)[]) {
      if (typeof saved[key] === "string") (form as Record<keyof DryRunFormState, string>)[key] = saved[key];
    }
    if (form.mode !== "reference" && form.mode !== "base_model") form.mode = DEFAULT_DRY_RUN_FORM.mode;
    return form;
  } catch {
    return DEFAULT_DRY_RUN_FORM;
  }
}

export function saveDryRunForm(storage: Pick<Storage, "setItem">, datasetId: number, form: DryRunFormState): void {
  storage.setItem(STORAGE_PREFIX + datasetId, JSON.stringify(form));
}
