import { describe, expect, it } from "vitest";
import type { GenerationPlan } from "../api/generationTypes";
import { buildGenerationRequest, fillGaps, initialGenerationForm, planRequestOf, setTopicCount, toggleTopic, type GenerationForm } from "./generationForm";

const COVERAGE = [
  { id: "t1", name: "Banking", records: 70, target: 1 / 3 },
  { id: "t2", name: "Travel", records: 70, target: 1 / 3 },
  { id: "t3", name: "Dining", records: 12, target: 1 / 3 },
];
// With no topics the server plans only the topics that lack records.
const PLAN: Pick<GenerationPlan, "topics" | "model"> = {
  model: "writer",
  topics: [{ topic: "t3", name: "Dining", records: 12, generated: 0, target_share: 1 / 3, fill: 58, requested: 58, allowed: 5, clipped_by: "topic_cap", no_real_examples: false }],
};

function form(overrides: Partial<GenerationForm> = {}): GenerationForm {
  return { ...initialGenerationForm(COVERAGE, PLAN), ...overrides };
}

describe("the Generate form's defaults", () => {
  it("lists every topic with the records it lacks, ticking only those that lack some", () => {
    const initial = initialGenerationForm(COVERAGE, PLAN, new Map([["t3", "Food › Dining"]]));
    expect(initial.topics.map(({ id, name, fill, checked, count }) => ({ id, name, fill, checked, count }))).toEqual([
      { id: "t1", name: "Banking", fill: 0, checked: false, count: "0" },
      { id: "t2", name: "Travel", fill: 0, checked: false, count: "0" },
      { id: "t3", name: "Food › Dining", fill: 58, checked: true, count: "58" },
    ]);
    expect(initial).toMatchObject({ model: "writer", recordsPerCall: "5", maxSyntheticShare: "30", review: false, inputPrice: "", outputPrice: "" });
  });

  it("leaves the model empty when the plan has none, for the server to say why", () => {
    expect(initialGenerationForm(COVERAGE, { ...PLAN, model: null }).model).toBe("");
  });

  it("asks for one call's worth when a topic with nothing asked is ticked, and keeps a typed count", () => {
    const ticked = toggleTopic(form({ recordsPerCall: "8" }), "t1", true);
    expect(ticked.topics[0]).toMatchObject({ checked: true, count: "8" });
    const typed = toggleTopic(setTopicCount(form(), "t2", "12"), "t2", true);
    expect(typed.topics[1]).toMatchObject({ checked: true, count: "12" });
    expect(toggleTopic(form(), "t3", false).topics[2]).toMatchObject({ checked: false, count: "58" });
  });

  it("resets to the gaps", () => {
    const changed = setTopicCount(toggleTopic(form(), "t1", true), "t3", "3");
    expect(fillGaps(changed).topics.map((topic) => [topic.checked, topic.count])).toEqual([
      [false, "0"],
      [false, "0"],
      [true, "58"],
    ]);
  });
});

describe("the Generate request", () => {
  it("sends the ticked topics with their counts and the options", () => {
    const built = buildGenerationRequest(form({ maxSyntheticShare: "50", review: true, inputPrice: "0.15", outputPrice: "0.6" }));
    expect(built).toEqual({
      ok: true,
      request: {
        topics: [{ topic: "t3", count: 58 }],
        model: "writer",
        records_per_call: 5,
        max_synthetic_share: 0.5,
        review: true,
        price: { input_per_million: 0.15, output_per_million: 0.6 },
      },
    });
  });

  it("leaves an empty model to the server (the dataset's generation model) and sends no price without one", () => {
    const built = buildGenerationRequest(form({ model: "  " }));
    expect(built.ok && built.request).toEqual({ topics: [{ topic: "t3", count: 58 }], records_per_call: 5, max_synthetic_share: 0.3, review: false });
  });

  it("keeps a typed percentage exact", () => {
    const built = buildGenerationRequest(form({ maxSyntheticShare: "7" }));
    expect(built.ok && built.request.max_synthetic_share).toBe(0.07);
  });

  it.each([
    [{ recordsPerCall: "0" }, "recordsPerCall", "A whole number from 1 to 50."],
    [{ recordsPerCall: "51" }, "recordsPerCall", "A whole number from 1 to 50."],
    [{ recordsPerCall: "2.5" }, "recordsPerCall", "A whole number from 1 to 50."],
    [{ maxSyntheticShare: "120" }, "maxSyntheticShare", "A percentage from 0 to 100."],
    [{ maxSyntheticShare: "-5" }, "maxSyntheticShare", "A percentage from 0 to 100."],
    [{ inputPrice: "0.15" }, "outputPrice", "Give both prices, or neither."],
    [{ outputPrice: "0.6" }, "inputPrice", "Give both prices, or neither."],
    [{ inputPrice: "cheap", outputPrice: "1" }, "inputPrice", "Dollars per million tokens, 0 or more."],
  ])("refuses %o at its field", (overrides, field, message) => {
    const built = buildGenerationRequest(form(overrides));
    expect(built.ok).toBe(false);
    expect(!built.ok && built.errors[field as keyof typeof built.errors]).toBe(message);
  });

  it("names the topic whose count is wrong, and asks for a topic when none is ticked", () => {
    const zero = buildGenerationRequest(setTopicCount(form(), "t3", "0"));
    expect(!zero.ok && zero.errors.counts).toEqual({ t3: "A whole number from 1 to 100,000." });
    const none = buildGenerationRequest(toggleTopic(form(), "t3", false));
    expect(!none.ok && none.errors.topics).toBe("Tick at least one topic to generate records for.");
  });

  it("plans without the review choice, which changes nothing in the plan", () => {
    expect(planRequestOf({ topics: [{ topic: "t3", count: 5 }], review: true, records_per_call: 5 })).toEqual({ topics: [{ topic: "t3", count: 5 }], records_per_call: 5 });
  });
});
