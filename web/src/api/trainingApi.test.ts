import { describe, expect, it } from "vitest";
import { ApiError } from "./errors";
import { serverAnswering } from "./fakeServer";
import type { TrainingStartRequest } from "./trainingTypes";

const REQUEST: TrainingStartRequest = {
  backend: "external",
  base_model: "Qwen/Qwen2.5-0.5B-Instruct",
  valid_share: 0.1,
  stratify: true,
  seed: 42,
  hyperparameters: { n_epochs: 2, batch_size: "auto" },
  command: "python3 train_grpo.py",
  confirm_caution: false,
  override_gate: false,
};

describe("training endpoints", () => {
  it("asks for a preflight with the start body, without starting", async () => {
    const { calls, client } = serverAnswering(200, { allowed: true, needs_confirmation: false, message: "", gate: { verdict: "GO", stale: false } });
    await client.preflightTraining(5, REQUEST);
    expect(calls[0]!.url).toBe("/api/datasets/5/training/preflight");
    expect(calls[0]!.init.method).toBe("POST");
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual(REQUEST);
  });

  it("starts a run and hands back the run with its trainer token", async () => {
    const started = { run: { id: 3, state: "queued" }, token: "rft_abc" };
    const { calls, client } = serverAnswering(201, started);
    await expect(client.startTraining(5, REQUEST)).resolves.toEqual(started);
    expect(calls[0]!.url).toBe("/api/datasets/5/training");
    expect(calls[0]!.init.method).toBe("POST");
  });

  it("turns a gate refusal into an ApiError with the server's code", async () => {
    const { client } = serverAnswering(409, { error: { code: "gate_refused", message: "The last dry run is NO-GO." } });
    const error = await client.startTraining(5, REQUEST).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: "gate_refused", message: "The last dry run is NO-GO." });
  });

  it("lists a dataset's runs and reads one run", async () => {
    const list = serverAnswering(200, { items: [] });
    await list.client.listTrainingRuns(5);
    expect(list.calls[0]!.url).toBe("/api/datasets/5/training");
    const one = serverAnswering(200, { id: 3 });
    await one.client.getTrainingRun(3);
    expect(one.calls[0]!.url).toBe("/api/training/runs/3");
  });

  it("reads metrics and events after the last sequence number seen", async () => {
    const metrics = serverAnswering(200, { items: [] });
    await metrics.client.listTrainingMetrics(3, 0);
    await metrics.client.listTrainingMetrics(3, 41);
    expect(metrics.calls.map((call) => call.url)).toEqual(["/api/training/runs/3/metrics?after=0", "/api/training/runs/3/metrics?after=41"]);
    const events = serverAnswering(200, { items: [] });
    await events.client.listTrainingEvents(3, 7, 500);
    expect(events.calls[0]!.url).toBe("/api/training/runs/3/events?after=7&limit=500");
  });

  it("cancels a run and renews its trainer token with POSTs", async () => {
    const cancel = serverAnswering(200, { id: 3, state: "cancelled" });
    await expect(cancel.client.cancelTrainingRun(3)).resolves.toMatchObject({ state: "cancelled" });
    expect(cancel.calls[0]!).toMatchObject({ url: "/api/training/runs/3/cancel", init: { method: "POST" } });
    const token = serverAnswering(200, { token: "rft_new" });
    await expect(token.client.renewTrainerToken(3)).resolves.toEqual({ token: "rft_new" });
    expect(token.calls[0]!).toMatchObject({ url: "/api/training/runs/3/token", init: { method: "POST" } });
  });
});
