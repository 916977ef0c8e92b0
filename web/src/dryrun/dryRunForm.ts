// The dry-run form's state and the request it sends (POST /api/datasets/:id/dry-run). The form
// asks for the NAME of the environment variable that holds the provider key, never the key.
import type { DryRunMode, DryRunRequest } from "../api/gradingTypes";

export interface DryRunFormState {
  mode: DryRunMode;
  /** "all" or a count. */
  samples: "all" | string;
  k: string;
  concurrency: string;
  model: string;
  baseUrl: string;
  apiKeyEnv: string;
  temperature: string;
}

export const DEFAULT_DRY_RUN_FORM: DryRunFormState = {
  mode: "base_model",
  samples: "300",
  k: "1",
  concurrency: "32",
  model: "gpt-4o-mini",
  baseUrl: "https://api.openai.com/v1",
  apiKeyEnv: "OPENAI_API_KEY",
  temperature: "1",
};

export type DryRunFormErrors = Partial<Record<keyof DryRunFormState, string>>;

export type DryRunFormResult = { ok: true; request: DryRunRequest } | { ok: false; errors: DryRunFormErrors };

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
// What pasted keys look like (OpenAI, Anthropic, generic bearer tokens): refused, so a key is
// never sent to or stored by the server as a "name".
const LOOKS_LIKE_KEY = /^(sk-|sk_|rk_|xai-|gsk_|AIza)|^(?=.*[a-z])(?=.*\d)[A-Za-z0-9_-]{32,}$/;

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
  if (!form.model.trim()) errors.model = "The base model to sample.";
  try {
    const url = new URL(form.baseUrl.trim());
    if (url.protocol !== "http:" && url.protocol !== "https:") errors.baseUrl = "An http or https URL.";
  } catch {
    errors.baseUrl = "The provider's base URL, like https://api.openai.com/v1.";
  }
  const keyEnv = form.apiKeyEnv.trim();
  if (LOOKS_LIKE_KEY.test(keyEnv)) errors.apiKeyEnv = "This looks like a key. Enter the NAME of the environment variable that holds it, not the key.";
  else if (keyEnv && !ENV_NAME.test(keyEnv)) errors.apiKeyEnv = "An environment variable name: letters, digits and _.";
  const temperature = Number(form.temperature);
  if (form.temperature.trim() === "" || !Number.isFinite(temperature) || temperature < 0 || temperature > 2) errors.temperature = "From 0 to 2.";

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    request: {
      mode: "base_model",
      samples: samples ?? 0,
      k: k ?? 1,
      concurrency: concurrency ?? 32,
      model: form.model.trim(),
      provider: { base_url: form.baseUrl.trim(), api_key_env: keyEnv },
      sampling: { temperature },
    },
  };
}

// The form is remembered per dataset in the browser, so "Run again" starts from the last run's
// settings. Only names are kept (the key's variable name, never a key).
const STORAGE_PREFIX = "reinforge.dryRunForm.";

export function loadDryRunForm(storage: Pick<Storage, "getItem">, datasetId: number): DryRunFormState {
  try {
    const saved = JSON.parse(storage.getItem(STORAGE_PREFIX + datasetId) ?? "null") as Partial<DryRunFormState> | null;
    if (!saved || typeof saved !== "object") return DEFAULT_DRY_RUN_FORM;
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
