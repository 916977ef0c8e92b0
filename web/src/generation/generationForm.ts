// Step 3's Generate form: what it starts from (every topic with the records it lacks, from the
// server's plan; only topics short of their target ticked), the checks a person gets before
// sending, and the request the estimate and Start send.
import type { GenerationPlan, GenerationRequest } from "../api/generationTypes";

export interface GenerationTopicRow {
  id: string;
  /** The leaf's name with its parents' ("Shipping › Late"). */
  name: string;
  /** Valid records of the topic now. */
  records: number;
  /** Target share in [0, 1]. */
  target: number;
  /** Records that bring it to its target, from the plan of every topic's fill (0 when it meets it). */
  fill: number;
  checked: boolean;
  /** Records to generate, as typed. */
  count: string;
}

export interface GenerationForm {
  topics: GenerationTopicRow[];
  model: string;
  recordsPerCall: string;
  /** Percent, as typed. */
  maxSyntheticShare: string;
  review: boolean;
  /** US dollars per million tokens, as typed; both empty: no cost estimate. */
  inputPrice: string;
  outputPrice: string;
}

type FieldName = "topics" | "recordsPerCall" | "maxSyntheticShare" | "inputPrice" | "outputPrice";
export type GenerationFormErrors = Partial<Record<FieldName, string>> & {
  /** Topic id → what is wrong with its count. */
  counts?: Record<string, string>;
};

export type BuiltGenerationRequest = { ok: true; request: GenerationRequest } | { ok: false; errors: GenerationFormErrors };

/** The server's defaults (generation_planning.hpp): 5 records a call, generated records at most 30%. */
const DEFAULT_RECORDS_PER_CALL = "5";
const DEFAULT_SYNTHETIC_SHARE_PERCENT = "30";
const MAX_RECORDS_PER_CALL = 50;
const MAX_COUNT = 100_000;

interface CoverageTopic {
  id: string;
  name: string;
  records: number;
  target: number;
}

/**
 * The form a person first sees: every leaf topic of the coverage report, its count pre-filled
 * with the records it lacks (`fill` from the plan the server makes when asked for no topics),
 * ticked when it lacks any; the model the plan would call.
 */
export function initialGenerationForm(topics: readonly CoverageTopic[], plan: Pick<GenerationPlan, "topics" | "model">, labels?: ReadonlyMap<string, string>): GenerationForm {
  const fillOf = new Map(plan.topics.map((planned) => [planned.topic, planned.fill]));
  return {
    topics: topics.map((topic) => {
      const fill = fillOf.get(topic.id) ?? 0;
      return { id: topic.id, name: labels?.get(topic.id) ?? topic.name, records: topic.records, target: topic.target, fill, checked: fill > 0, count: String(fill) };
    }),
    model: plan.model ?? "",
    recordsPerCall: DEFAULT_RECORDS_PER_CALL,
    maxSyntheticShare: DEFAULT_SYNTHETIC_SHARE_PERCENT,
    review: false,
    inputPrice: "",
    outputPrice: "",
  };
}

/** Ticks or unticks a topic; a topic ticked with nothing asked for it asks for one call's worth. */
export function toggleTopic(form: GenerationForm, id: string, checked: boolean): GenerationForm {
  const oneCall = wholeNumber(form.recordsPerCall) || Number(DEFAULT_RECORDS_PER_CALL);
  return {
    ...form,
    topics: form.topics.map((topic) => {
      if (topic.id !== id) return topic;
      const nothingAsked = (wholeNumber(topic.count) ?? 0) === 0;
      return { ...topic, checked, count: checked && nothingAsked ? String(oneCall) : topic.count };
    }),
  };
}

export function setTopicCount(form: GenerationForm, id: string, count: string): GenerationForm {
  return { ...form, topics: form.topics.map((topic) => (topic.id === id ? { ...topic, count } : topic)) };
}

/** Ticks every topic that lacks records, with its fill, and unticks the rest. */
export function fillGaps(form: GenerationForm): GenerationForm {
  return { ...form, topics: form.topics.map((topic) => ({ ...topic, checked: topic.fill > 0, count: String(topic.fill) })) };
}

function wholeNumber(text: string): number | null {
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : null;
}

function decimal(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d*\.?\d+$|^\d+\.$/.test(trimmed)) return null;
  return Number(trimmed);
}

/** The request, or what to fix in which field. An empty model is left to the server: the dataset's generation model. */
export function buildGenerationRequest(form: GenerationForm): BuiltGenerationRequest {
  const errors: GenerationFormErrors = {};
  const counts: Record<string, string> = {};
  const topics: { topic: string; count: number }[] = [];
  for (const topic of form.topics) {
    if (!topic.checked) continue;
    const count = wholeNumber(topic.count);
    if (count === null || count < 1 || count > MAX_COUNT) counts[topic.id] = `A whole number from 1 to ${MAX_COUNT.toLocaleString("en-US")}.`;
    else topics.push({ topic: topic.id, count });
  }
  if (Object.keys(counts).length > 0) errors.counts = counts;
  else if (topics.length === 0) errors.topics = "Tick at least one topic to generate records for.";

  const perCall = wholeNumber(form.recordsPerCall);
  if (perCall === null || perCall < 1 || perCall > MAX_RECORDS_PER_CALL) errors.recordsPerCall = `A whole number from 1 to ${MAX_RECORDS_PER_CALL}.`;
  const share = decimal(form.maxSyntheticShare);
  if (share === null || share > 100) errors.maxSyntheticShare = "A percentage from 0 to 100.";

  const input = form.inputPrice.trim() === "" ? null : decimal(form.inputPrice);
  const output = form.outputPrice.trim() === "" ? null : decimal(form.outputPrice);
  const priced = form.inputPrice.trim() !== "" || form.outputPrice.trim() !== "";
  if (form.inputPrice.trim() !== "" && input === null) errors.inputPrice = "Dollars per million tokens, 0 or more.";
  if (form.outputPrice.trim() !== "" && output === null) errors.outputPrice = "Dollars per million tokens, 0 or more.";
  if (priced && form.inputPrice.trim() === "") errors.inputPrice = "Give both prices, or neither.";
  if (priced && form.outputPrice.trim() === "") errors.outputPrice = "Give both prices, or neither.";

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const request: GenerationRequest = {
    topics,
    records_per_call: perCall!,
    // Whole percentages as the person typed them, without 0.1 + 0.2 noise.
    max_synthetic_share: Math.round(share! * 100) / 10_000,
    review: form.review,
  };
  if (form.model.trim()) request.model = form.model.trim();
  if (priced) request.price = { input_per_million: input!, output_per_million: output! };
  return { ok: true, request };
}

/** The part of a request the plan depends on: reviewing or not changes nothing in it. */
export function planRequestOf(request: GenerationRequest): GenerationRequest {
  const { review: _review, ...rest } = request;
  return rest;
}
