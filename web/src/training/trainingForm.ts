// The start dialog's state and the request it sends (POST /api/datasets/:id/training and its
// preflight). A hyperparameter left empty is not sent: the server fills its default, and the
// preflight says which; whether a run may start is the server's answer too.
import type { Hyperparameters, HyperparameterValue, TrainingBackend, TrainingStartRequest } from "../api/trainingTypes";
import { checkBaseModel, type BaseModelFields } from "../sampling/baseModel";

/** A whole number from 1, a number above 0, or one of a few words. OpenAI also takes "auto" for its numbers. */
type HyperparameterKind = "count" | "number" | "choice";

export interface HyperparameterSpec {
  name: string;
  hint: string;
  /** docs/training.md's default, shown until the server's preflight says which it fills. */
  default: string;
  kind: HyperparameterKind;
  choices?: string[];
  backends: TrainingBackend[];
}

export const HYPERPARAMETERS: HyperparameterSpec[] = [
  { name: "n_epochs", hint: "passes over the split", default: "2", kind: "count", backends: ["openai", "external"] },
  { name: "batch_size", hint: "prompts per step", default: "auto", kind: "count", backends: ["openai", "external"] },
  { name: "learning_rate_multiplier", hint: "", default: "auto", kind: "number", backends: ["openai"] },
  { name: "eval_interval", hint: "steps between validations", default: "auto", kind: "count", backends: ["openai"] },
  { name: "eval_samples", hint: "samples per validation prompt", default: "auto", kind: "count", backends: ["openai"] },
  { name: "compute_multiplier", hint: "", default: "auto", kind: "number", backends: ["openai"] },
  { name: "reasoning_effort", hint: "reasoning models", default: "medium", kind: "choice", choices: ["default", "low", "medium", "high"], backends: ["openai"] },
  { name: "group_size", hint: "samples per prompt", default: "8", kind: "count", backends: ["external"] },
  { name: "learning_rate", hint: "", default: "1e-6", kind: "number", backends: ["external"] },
];

export function hyperparametersOf(backend: TrainingBackend): HyperparameterSpec[] {
  return HYPERPARAMETERS.filter((spec) => spec.backends.includes(backend));
}

/** The model each backend starts from until the person picks another (external: theirs to name). */
export const DEFAULT_MODEL: Record<TrainingBackend, string> = { openai: "o4-mini-2025-04-16", external: "" };

export interface TrainingFormState extends BaseModelFields {
  backend: TrainingBackend;
  /** Percent of the valid records held out for validation. */
  validPercent: string;
  stratify: boolean;
  seed: string;
  /** By hyperparameter name, as typed; empty: the server's default. */
  hyperparameters: Record<string, string>;
  /** A JSON object of other hyperparameters, passed to the backend untouched; may be empty. */
  extraHyperparameters: string;
  /** external: the command Reinforge launches; empty: the person starts their trainer. */
  command: string;
  /** openai: the tuned model's name suffix. */
  suffix: string;
  confirmCaution: boolean;
  overrideGate: boolean;
}

export const DEFAULT_TRAINING_FORM: TrainingFormState = {
  backend: "openai",
  model: DEFAULT_MODEL.openai,
  // Empty: the gateway's zero-config provider (OPENAI_BASE_URL, the key in OPENAI_API_KEY).
  baseUrl: "",
  apiKeyEnv: "",
  validPercent: "10",
  stratify: true,
  seed: "42",
  hyperparameters: {},
  extraHyperparameters: "",
  command: "",
  suffix: "",
  confirmCaution: false,
  overrideGate: false,
};

/** Another backend; a model left at one backend's default becomes the other's. */
export function switchBackend(form: TrainingFormState, backend: TrainingBackend): TrainingFormState {
  const keepModel = form.model.trim() !== "" && form.model !== DEFAULT_MODEL[form.backend];
  return { ...form, backend, model: keepModel ? form.model : DEFAULT_MODEL[backend] };
}

/** Field name → message; a hyperparameter's is `hyperparameters.<name>`. */
export type TrainingFormErrors = Partial<Record<string, string>>;

export type TrainingFormResult = { ok: true; request: TrainingStartRequest } | { ok: false; errors: TrainingFormErrors };

const WHOLE = /^\s*\d+\s*$/;

type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

function parseHyperparameter(spec: HyperparameterSpec, text: string, backend: TrainingBackend): Parsed<HyperparameterValue> {
  const value = text.trim();
  const auto = backend === "openai";
  if (spec.kind === "choice") return spec.choices?.includes(value) ? { ok: true, value } : { ok: false, error: `One of ${spec.choices?.join(", ")}.` };
  if (auto && value.toLowerCase() === "auto") return { ok: true, value: "auto" };
  const number = Number(value);
  const fine = value !== "" && Number.isFinite(number) && (spec.kind === "count" ? WHOLE.test(value) && number >= 1 : number > 0);
  if (fine) return { ok: true, value: number };
  const wanted = spec.kind === "count" ? "A whole number, at least 1" : "A number above 0, like 1e-6";
  return { ok: false, error: auto ? `${wanted}, or auto.` : `${wanted}.` };
}

const EXTRA_EXAMPLE = 'A JSON object, like {"kl_coef": 0.05}.';

function parseExtraHyperparameters(text: string, known: Set<string>): Parsed<Hyperparameters> {
  if (text.trim() === "") return { ok: true, value: {} };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, error: EXTRA_EXAMPLE };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return { ok: false, error: EXTRA_EXAMPLE };
  for (const [name, value] of Object.entries(parsed)) {
    if (known.has(name)) return { ok: false, error: `${name} has its own field above.` };
    if (!["number", "string", "boolean"].includes(typeof value)) return { ok: false, error: `${name}: a number, a string or true/false.` };
  }
  return { ok: true, value: parsed as Hyperparameters };
}

export function buildTrainingRequest(form: TrainingFormState): TrainingFormResult {
  const errors: TrainingFormErrors = {};
  const openai = form.backend === "openai";

  const model = form.model.trim();
  if (!model) errors.model = openai ? "Required: the OpenAI model to fine-tune, like o4-mini-2025-04-16." : "Required: the model your trainer starts from, as it names it.";
  // An empty provider is the gateway's own; a filled one is checked as the dry run checks it.
  const useProvider = openai && (form.baseUrl.trim() !== "" || form.apiKeyEnv.trim() !== "");
  const { errors: providerErrors, target } = checkBaseModel(form);
  if (useProvider) {
    if (providerErrors.baseUrl) errors.baseUrl = providerErrors.baseUrl;
    if (providerErrors.apiKeyEnv) errors.apiKeyEnv = providerErrors.apiKeyEnv;
    if (!form.apiKeyEnv.trim()) errors.apiKeyEnv = "The NAME of the environment variable that holds the key, like OPENAI_API_KEY.";
  }

  const percent = Number(form.validPercent);
  if (form.validPercent.trim() === "" || !Number.isFinite(percent) || percent <= 0 || percent > 50) errors.validPercent = "More than 0 and at most 50 (%).";
  if (!WHOLE.test(form.seed)) errors.seed = "A whole number, 0 or more.";

  const specs = hyperparametersOf(form.backend);
  const hyperparameters: Hyperparameters = {};
  for (const spec of specs) {
    const text = form.hyperparameters[spec.name] ?? "";
    if (text.trim() === "") continue;
    const parsed = parseHyperparameter(spec, text, form.backend);
    if (parsed.ok) hyperparameters[spec.name] = parsed.value;
    else errors[`hyperparameters.${spec.name}`] = parsed.error;
  }
  const extra = parseExtraHyperparameters(form.extraHyperparameters, new Set(specs.map((spec) => spec.name)));
  if (extra.ok) Object.assign(hyperparameters, extra.value);
  else errors.extraHyperparameters = extra.error;

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const command = form.command.trim();
  const suffix = form.suffix.trim();
  return {
    ok: true,
    request: {
      backend: form.backend,
      base_model: model,
      valid_share: percent / 100,
      stratify: form.stratify,
      seed: Number(form.seed),
      hyperparameters,
      ...(useProvider ? { provider: target.provider } : {}),
      ...(!openai && command ? { command } : {}),
      ...(openai && suffix ? { suffix } : {}),
      confirm_caution: form.confirmCaution,
      override_gate: form.overrideGate,
    },
  };
}
