import { describe, expect, it } from "vitest";
import type { GenerationRun } from "../api/generationTypes";
import { describeAcceptResult, describeMeasures, finishedSummary, formatAnswerProblems, formatGateCounts, gateCounts, modelProblemText, removedByGates, runStateLook, runTime } from "./generationDisplay";
import { SUMMARY } from "./summaryFixture";

describe("gate counts", () => {
  it("lists every gate in the order they run, zeros included", () => {
    expect(gateCounts(SUMMARY.gates).map((entry) => [entry.label, entry.count])).toEqual([
      ["Invalid", 0],
      ["Exact duplicate", 1],
      ["Near duplicate", 2],
      ["Off topic", 5],
      ["Low confidence", 1],
      ["Over the plan", 0],
    ]);
    expect(removedByGates(SUMMARY.gates)).toBe(9);
  });

  it("says only the gates that removed something, in the gates' order", () => {
    expect(formatGateCounts({ off_topic: 5, exact_duplicate: 1 })).toBe("Exact duplicate 1 · Off topic 5");
    expect(formatGateCounts({})).toBe("none");
    expect(formatGateCounts(undefined)).toBe("none");
  });
});

describe("answer problems", () => {
  it("counts each problem in words, singular or plural", () => {
    expect(formatAnswerProblems({ refusal: 2, not_json: 1, wrong_shape: 0 })).toBe("2 refusals, 1 answer not JSON");
    expect(formatAnswerProblems({ refusal: 0, not_json: 0, wrong_shape: 3 })).toBe("3 answers without a records list");
    expect(formatAnswerProblems(SUMMARY.answer_problems)).toBe("none");
  });
});

describe("a run's state", () => {
  const run = (overrides: Partial<GenerationRun>): Pick<GenerationRun, "summary" | "review" | "state"> => ({ summary: SUMMARY, review: false, state: "succeeded", ...overrides });

  it("has no summary while the run runs (the server sends {})", () => {
    expect(finishedSummary(run({ summary: {} }))).toBeNull();
  });

  it("looks like its state", () => {
    expect(runStateLook(run({ state: "running", summary: {} }))).toEqual({ label: "Running", tone: "info" });
    expect(runStateLook(run({}))).toEqual({ label: "Succeeded", tone: "good" });
    expect(runStateLook(run({ state: "failed" })).tone).toBe("bad");
    expect(runStateLook(run({ state: "cancelled" }))).toEqual({ label: "Cancelled", tone: "muted" });
  });

  it("warns, not reassures, when a run succeeded without accepting a record", () => {
    const empty = { ...SUMMARY, accepted: 0 };
    expect(runStateLook(run({ summary: empty }))).toEqual({ label: "Nothing accepted", tone: "warn" });
    expect(runStateLook(run({ summary: empty, review: true }))).toEqual({ label: "Nothing passed", tone: "warn" });
    // A cancelled run adds nothing whatever it accepted: it reads as cancelled.
    expect(runStateLook(run({ summary: empty, state: "cancelled" })).label).toBe("Cancelled");
  });

  it("reads Unix seconds and RFC 3339 times alike", () => {
    expect(runTime(1_700_000_000)).toBe("2023-11-14T22:13:20.000Z");
    expect(runTime("2026-01-02T03:04:05Z")).toBe("2026-01-02T03:04:05Z");
  });
});

describe("the model problem", () => {
  it("drops the field name and makes a sentence of the server's reason", () => {
    expect(modelProblemText("model: name the model that writes the records, or set the dataset's generation_model")).toBe(
      "Name the model that writes the records, or set the dataset's generation_model.",
    );
    expect(modelProblemText("model: no provider serves the model 'x'; add it.")).toBe("No provider serves the model 'x'; add it.");
  });
});

describe("a generated record's measures", () => {
  it("says only what the gates measured, and the dataset record it became", () => {
    expect(describeMeasures({ confidence: 0.981, similarity: 0.7812, record_id: 154 })).toBe("confidence 0.98 · similarity 0.78 · record #154");
    expect(describeMeasures({ confidence: null, similarity: 0.93, record_id: null })).toBe("similarity 0.93");
    expect(describeMeasures({ confidence: null, similarity: null, record_id: null })).toBe("");
  });
});

describe("describeAcceptResult", () => {
  it("says the records joined when all did", () => {
    expect(describeAcceptResult({ accepted: 1, invalid: [], over_cap: [] })).toEqual({ tone: "good", text: "1 record accepted into the dataset." });
  });
  it("names the invalid ones and those the cap on synthetic data left out", () => {
    const said = describeAcceptResult({ accepted: 3, invalid: [4], over_cap: [5, 6] });
    expect(said.tone).toBe("warn");
    expect(said.text).toBe(
      "3 records accepted into the dataset; 1 not, as it is invalid (edit and accept again); 2 not, as the topic or the dataset is at its cap on synthetic data (they stay as they were).",
    );
  });
});
