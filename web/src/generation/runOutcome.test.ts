import { describe, expect, it } from "vitest";
import type { GenerationRun, GenerationSummary } from "../api/generationTypes";
import { describeRunOutcome, nothingAcceptedReason } from "./runOutcome";
import { SUMMARY } from "./summaryFixture";

const NO_GATES = { invalid: 0, exact_duplicate: 0, near_duplicate: 0, off_topic: 0, low_confidence: 0, cap: 0 };

type Run = Pick<GenerationRun, "summary" | "plan" | "review" | "state">;
const run = (overrides: Partial<Run>): Run => ({ summary: SUMMARY, plan: null, review: false, state: "succeeded", ...overrides });
const summary = (overrides: Partial<GenerationSummary>): GenerationSummary => ({ ...SUMMARY, ...overrides });

describe("a run's outcome in a line", () => {
  it("says what was accepted of the plan, written, removed and called", () => {
    expect(describeRunOutcome(run({}))).toBe("12 of 12 planned records accepted: 21 written, 9 removed by the gates, 8 calls");
    expect(describeRunOutcome(run({ review: true, summary: summary({ calls: 1 }) }))).toBe("12 of 12 planned records passed the gates: 21 written, 9 removed by the gates, 1 call");
  });

  it("has no outcome while the run runs (its summary is {})", () => {
    expect(describeRunOutcome(run({ state: "running", summary: {} }))).toBeNull();
  });

  it("never counts a cancelled run's records as accepted: the server discarded them", () => {
    const cancelled = run({ state: "cancelled", summary: summary({ calls: 12, generated: 38, accepted: 8 }) });
    expect(describeRunOutcome(cancelled)).toBe("Cancelled after 12 calls: nothing joined the dataset; the 38 records written by then were discarded (8 had passed the gates).");
    expect(describeRunOutcome({ ...cancelled, review: true })).toBe("Cancelled after 12 calls: nothing was kept for review; the 38 records written by then were discarded (8 had passed the gates).");
  });

  it("says a failed run kept nothing either, in the singular where it wrote one record", () => {
    expect(describeRunOutcome(run({ state: "failed", summary: summary({ calls: 1, generated: 1, accepted: 0 }) }))).toBe(
      "Failed after 1 call: nothing joined the dataset; the 1 record written by then was discarded.",
    );
  });

  it("says a run stopped before it wrote anything added nothing, without figures of zero", () => {
    expect(describeRunOutcome(run({ state: "cancelled", summary: summary({ calls: 0, generated: 0, accepted: 0, gates: NO_GATES }) }))).toBe("Cancelled before any call: nothing joined the dataset.");
    expect(describeRunOutcome(run({ state: "failed", summary: summary({ calls: 5, failed_calls: 5, generated: 0, accepted: 0, gates: NO_GATES }) }))).toBe("Failed after 5 calls: nothing joined the dataset.");
  });
});

describe("why a run that succeeded accepted nothing", () => {
  const empty = (overrides: Partial<GenerationSummary>) => run({ summary: summary({ accepted: 0, generated: 0, gates: NO_GATES, ...overrides }) });

  it("says nothing when the run accepted records, or has not ended well", () => {
    expect(nothingAcceptedReason(run({}))).toBeNull();
    expect(nothingAcceptedReason(run({ state: "running", summary: {} }))).toBeNull();
    expect(nothingAcceptedReason({ ...empty({}), state: "cancelled" })).toBeNull();
  });

  it("names the answers when the model refused every call", () => {
    expect(nothingAcceptedReason(empty({ calls: 5, answer_problems: { refusal: 5, not_json: 0, wrong_shape: 0 } }))).toBe("No record was accepted: the model refused all 5 calls.");
    expect(nothingAcceptedReason(empty({ calls: 1, answer_problems: { refusal: 1, not_json: 0, wrong_shape: 0 } }))).toBe("No record was accepted: the model refused the only call.");
  });

  it("leads with the biggest answer problem, failed calls included", () => {
    expect(nothingAcceptedReason(empty({ calls: 6, answer_problems: { refusal: 1, not_json: 4, wrong_shape: 1 } }))).toBe("No record was accepted: 4 of 6 answers were not JSON.");
    expect(nothingAcceptedReason(empty({ calls: 6, answer_problems: { refusal: 0, not_json: 0, wrong_shape: 2 }, failed_calls: 4 }))).toBe("No record was accepted: 4 of 6 calls failed.");
    expect(nothingAcceptedReason(empty({ calls: 3, answer_problems: { refusal: 0, not_json: 1, wrong_shape: 0 } }))).toBe("No record was accepted: 1 of 3 answers was not JSON.");
  });

  it("says the answers held no records when they could be read but were empty", () => {
    expect(nothingAcceptedReason(empty({ calls: 4 }))).toBe("No record was accepted: the model's answers held no records.");
  });

  it("names the gate that removed the most when every record written failed a gate", () => {
    const gates = { ...NO_GATES, invalid: 5, near_duplicate: 6, off_topic: 85, low_confidence: 8 };
    expect(nothingAcceptedReason(empty({ calls: 32, generated: 104, gates }))).toBe("No record was accepted: the gates removed all 104 records written, most often as off topic (85).");
    expect(nothingAcceptedReason(empty({ calls: 2, generated: 9, gates: { ...NO_GATES, near_duplicate: 9 } }))).toBe("No record was accepted: all 9 records written were removed as near duplicate.");
  });

  it("adds the answer problems after the gates when most calls brought records back", () => {
    const gates = { ...NO_GATES, off_topic: 20 };
    expect(nothingAcceptedReason(empty({ calls: 10, generated: 20, gates, answer_problems: { refusal: 0, not_json: 2, wrong_shape: 0 } }))).toBe(
      "No record was accepted: all 20 records written were removed as off topic. Besides, 2 of 10 answers were not JSON.",
    );
  });

  it("leads with the answers when they lost more calls than brought records back", () => {
    const gates = { ...NO_GATES, off_topic: 3 };
    expect(nothingAcceptedReason(empty({ calls: 50, generated: 3, gates, answer_problems: { refusal: 48, not_json: 0, wrong_shape: 0 } }))).toBe(
      "No record was accepted: the model refused 48 of 50 calls. Besides, all 3 records written were removed as off topic.",
    );
  });

  it("says the records did not pass the gates for a run that waits for review", () => {
    expect(nothingAcceptedReason({ ...empty({ calls: 2, answer_problems: { refusal: 2, not_json: 0, wrong_shape: 0 } }), review: true })).toBe("No record passed the gates: the model refused all 2 calls.");
  });
});
