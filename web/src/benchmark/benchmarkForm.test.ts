import { describe, expect, it } from "vitest";
import type { TrainingRun } from "../api/trainingTypes";
import { buildBenchmarkRequest, initialBenchmarkForm } from "./benchmarkForm";
import { benchmarkConclusion, benchmarkState, describeBenchmarkSize, formatDifference, outcomeShares } from "./benchmarkDisplay";

const run = { id: 3, base_model: "gpt-4o-mini", fine_tuned_model: "ft:gpt-4o-mini:acme::abc" } as TrainingRun;

describe("buildBenchmarkRequest", () => {
  it("starts from the run's models and sends its id, so its validation split is the held-out set", () => {
    expect(buildBenchmarkRequest(initialBenchmarkForm(run), 5, 3)).toEqual({
      ok: true,
      request: { dataset_id: 5, run_id: 3, base_model: "gpt-4o-mini", tuned_model: "ft:gpt-4o-mini:acme::abc", k: 1, samples: 300 },
    });
  });

  it("sends All as 0 records, a provider only when named, and no run without one", () => {
    const built = buildBenchmarkRequest({ ...initialBenchmarkForm(run), samples: "all", provider: " gpu-box ", k: "4" }, 5, undefined);
    expect(built).toEqual({ ok: true, request: expect.objectContaining({ samples: 0, provider: "gpu-box", k: 4 }) });
    expect(built.ok && built.request).not.toHaveProperty("run_id");
  });

  it.each([
    [{ k: "0" }, "k"],
    [{ k: "17" }, "k"],
    [{ k: "1.5" }, "k"],
    [{ samples: "0" }, "samples"],
    [{ samples: "ten" }, "samples"],
    [{ baseModel: " " }, "baseModel"],
    [{ tunedModel: "" }, "tunedModel"],
  ])("refuses %o at its field", (change, field) => {
    const built = buildBenchmarkRequest({ ...initialBenchmarkForm(run), ...change }, 5, 3);
    expect(built.ok).toBe(false);
    expect(!built.ok && Object.keys(built.errors)).toEqual([field]);
  });

  it("starts empty without a run", () => {
    expect(initialBenchmarkForm(undefined)).toMatchObject({ baseModel: "", tunedModel: "" });
  });
});

describe("benchmark display", () => {
  it.each([
    [{ mean: 0.22, conclusive: true }, "Tuned is better", "good"],
    [{ mean: -0.1, conclusive: true }, "Tuned is worse", "bad"],
    [{ mean: 0.05, conclusive: false }, "No conclusive difference", "muted"],
  ])("says %o in words", (difference, text, tone) => {
    expect(benchmarkConclusion(difference)).toEqual({ text, tone });
  });

  it("writes the paired difference with its interval", () => {
    expect(formatDifference({ mean: 0.22, ci: [0.151, 0.29] })).toBe("+0.22 [0.15, 0.29]");
    expect(formatDifference({ mean: -0.02, ci: [-0.06, 0.02] })).toBe("−0.02 [−0.06, 0.02]");
  });

  it("shares the outcomes among the paired records", () => {
    expect(outcomeShares({ win: 30, tie: 10, loss: 10 }).map((part) => part.share)).toEqual([0.6, 0.2, 0.2]);
    expect(outcomeShares({ win: 0, tie: 0, loss: 0 }).map((part) => part.share)).toEqual([0, 0, 0]);
  });

  it("says where a past benchmark is", () => {
    const job = (state: "queued" | "running" | "failed" | "cancelled", error: string | null = null) => ({ state, progress: 0.42, total: 100, message: "", error });
    expect(benchmarkState({ job: job("running"), report: null })).toEqual({ text: "Running 42%", tone: "info" });
    expect(benchmarkState({ job: job("failed", "no grader"), report: null })).toEqual({ text: "Failed: no grader", tone: "bad" });
    expect(benchmarkState({ job: job("cancelled"), report: null }).text).toBe("Cancelled");
  });

  it("sizes a report", () => {
    expect(describeBenchmarkSize({ records: 1200, k: 2, wall_ms: 4230 })).toBe("1,200 paired records · k = 2 · took 4.2 s");
  });
});
