import { describe, expect, it } from "vitest";
import { ApiError } from "../api/errors";
import type { TrainingRun } from "../api/trainingTypes";
import { deploymentPatch, deployRequest, initialDeployForm, latestTunedRun, onlineSettingsOf, refusedField } from "./deployForm";
import { formatLatency, formatShare } from "./deployDisplay";

const run = (id: number, state: TrainingRun["state"], model: string | null): TrainingRun =>
  ({ id, state, base_model: "gpt-4o-mini", fine_tuned_model: model }) as TrainingRun;

describe("latestTunedRun", () => {
  it("takes the newest run that succeeded with a model", () => {
    expect(latestTunedRun([run(4, "running", null), run(3, "succeeded", "ft:b"), run(2, "succeeded", "ft:a")])?.id).toBe(3);
  });
  it("skips a succeeded run without a model, and finds none among failures", () => {
    expect(latestTunedRun([run(2, "succeeded", null), run(1, "failed", null)])).toBeUndefined();
  });
});

describe("deployRequest", () => {
  const form = { ...initialDeployForm(run(3, "succeeded", "ft:tuned")), provider: "" };

  it("pre-fills the run's base and tuned models and sends the dataset and run", () => {
    expect(deployRequest(form, 5, 3)).toEqual({ mode: "replace", base_model: "gpt-4o-mini", tuned_model: "ft:tuned", dataset_id: 5, run_id: 3 });
  });
  it("sends the endpoint only in endpoint mode and the share as a fraction only in A/B", () => {
    expect(deployRequest({ ...form, mode: "endpoint", endpoint: " support-tuned ", sharePercent: "20" }, 5, 3)).toMatchObject({ endpoint: "support-tuned" });
    expect(deployRequest({ ...form, mode: "endpoint", endpoint: "x" }, 5, 3)).not.toHaveProperty("share");
    const ab = deployRequest({ ...form, mode: "ab", endpoint: "ignored", sharePercent: "20" }, 5, undefined);
    expect(ab).toMatchObject({ share: 0.2, online_scoring: { share: 0.1 }, guard: { enabled: false, min_calls: 100, min_scores: 30 } });
    expect(ab).not.toHaveProperty("endpoint");
    expect(ab).not.toHaveProperty("run_id");
  });
  it("sends online scoring and the guard only in A/B, as fractions and counts", () => {
    const ab = deployRequest({ ...form, mode: "ab", scoringPercent: "25", guardEnabled: true, guardMinCalls: "50", guardMinScores: "12" }, 5, 3);
    expect(ab).toMatchObject({ online_scoring: { share: 0.25 }, guard: { enabled: true, min_calls: 50, min_scores: 12 } });
    expect(deployRequest({ ...form, scoringPercent: "25" }, 5, 3)).not.toHaveProperty("online_scoring");
    expect(deployRequest({ ...form, guardEnabled: true }, 5, 3)).not.toHaveProperty("guard");
  });
  it("sends a provider only when one is named", () => {
    expect(deployRequest({ ...form, provider: " gpu-box " }, 5, 3)).toMatchObject({ provider: "gpu-box" });
    expect(deployRequest(form, 5, 3)).not.toHaveProperty("provider");
  });
});

describe("online settings", () => {
  it("reads a deployment's settings, with the defaults where it has none", () => {
    expect(onlineSettingsOf({ online_scoring: { share: 0.25 }, guard: { enabled: true, min_calls: 50, min_scores: 10 } })).toEqual({
      scoringPercent: "25",
      guardEnabled: true,
      guardMinCalls: "50",
      guardMinScores: "10",
    });
    expect(onlineSettingsOf({})).toEqual({ scoringPercent: "10", guardEnabled: false, guardMinCalls: "100", guardMinScores: "30" });
  });
  it("sends them back as the PATCH body", () => {
    expect(deploymentPatch({ scoringPercent: "0", guardEnabled: true, guardMinCalls: "50", guardMinScores: "10" })).toEqual({
      online_scoring: { share: 0 },
      guard: { enabled: true, min_calls: 50, min_scores: 10 },
    });
  });
});

describe("refusedField", () => {
  it.each([
    [new ApiError(400, "unknown_model", "The gateway serves no model named 'x'."), "base_model"],
    [new ApiError(400, "unknown_provider", "The gateway has no provider named 'y'."), "provider"],
    [new ApiError(400, "bad_request", "share must be above 0 and below 1"), "share"],
    [new ApiError(400, "bad_request", "endpoint is required in endpoint mode: the new model name"), "endpoint"],
    [new ApiError(400, "bad_request", "online_scoring.share must be from 0 to 1"), "online_scoring"],
    [new ApiError(400, "bad_request", "guard.min_calls must be a whole number above 0"), "guard"],
    [new ApiError(409, "conflict", "'support' is already a configured model; choose another name."), null],
    [new Error("network"), null],
  ])("%s → %s", (error, field) => {
    expect(refusedField(error)).toBe(field);
  });
});

describe("display", () => {
  it("formats shares and latencies", () => {
    expect(formatShare(0.2)).toBe("20%");
    expect(formatShare(0.125)).toBe("12.5%");
    expect(formatLatency(84.4)).toBe("84 ms");
    expect(formatLatency(1520)).toBe("1.52 s");
    expect(formatLatency(0.558)).toBe("0.6 ms");
    expect(formatLatency(null)).toBe("—");
  });
});
