// A finished run's summary as the server writes it, for the generation display's tests.
import type { GenerationSummary } from "../api/generationTypes";

export const SUMMARY: GenerationSummary = {
  calls: 8,
  failed_calls: 0,
  last_call_error: null,
  answer_problems: { refusal: 0, not_json: 0, wrong_shape: 0 },
  generated: 21,
  accepted: 12,
  gates: { invalid: 0, exact_duplicate: 1, near_duplicate: 2, off_topic: 5, low_confidence: 1, cap: 0 },
  topics: [{ topic: "t3", name: "Dining", planned: 12, accepted: 12, calls: 8, rejected: { off_topic: 5, exact_duplicate: 1 }, seed_pool: 12 }],
  tokens: { prompt: 3497, completion: 963 },
  cost_usd: null,
  wall_ms: 299,
};
