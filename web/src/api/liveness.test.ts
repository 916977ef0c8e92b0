import { describe, expect, it } from "vitest";
import { isBenchmarkRunning, isBusy, isJobFinished, isSearchCatchingUp, isTrainingActive } from "./liveness";
import type { StepState } from "./types";

const steps = (status: StepState["status"]): StepState[] => [{ step: "extract", status, headline: "" }];

describe("liveness", () => {
  it("polls a dataset while a job or a step is running, and not after", () => {
    expect(isBusy({ active_job: null, steps: steps("complete") })).toBe(false);
    expect(isBusy({ active_job: null, steps: steps("running") })).toBe(true);
    expect(isBusy(undefined)).toBe(false);
  });
  it("asks a records search again while its first page says the index is catching up", () => {
    expect(isSearchCatchingUp({ pages: [{ search_catching_up: true }] })).toBe(true);
    expect(isSearchCatchingUp({ pages: [{ search_catching_up: false }, { search_catching_up: true }] })).toBe(false);
    expect(isSearchCatchingUp({ pages: [] })).toBe(false);
    expect(isSearchCatchingUp(undefined)).toBe(false);
  });
  it("knows a job's final states", () => {
    for (const state of ["succeeded", "failed", "cancelled"] as const) expect(isJobFinished({ state } as never)).toBe(true);
    expect(isJobFinished({ state: "queued" } as never)).toBe(false);
  });
  it("follows a training run until it succeeds, fails or is cancelled", () => {
    for (const state of ["queued", "starting", "running"] as const) expect(isTrainingActive({ state })).toBe(true);
    for (const state of ["succeeded", "failed", "cancelled"] as const) expect(isTrainingActive({ state })).toBe(false);
    expect(isTrainingActive(undefined)).toBe(false);
  });
  it("follows a benchmark while its job is queued or running", () => {
    const job = (state: "queued" | "running" | "succeeded" | "failed" | "cancelled") => ({ job: { state, progress: 0, total: 0, message: "", error: null } });
    for (const state of ["queued", "running"] as const) expect(isBenchmarkRunning(job(state))).toBe(true);
    for (const state of ["succeeded", "failed", "cancelled"] as const) expect(isBenchmarkRunning(job(state))).toBe(false);
    expect(isBenchmarkRunning({ job: null })).toBe(false);
  });
});
