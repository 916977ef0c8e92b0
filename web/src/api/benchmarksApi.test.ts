import { describe, expect, it } from "vitest";
import { serverAnswering } from "./fakeServer";
import type { BenchmarkRequest } from "./benchmarksTypes";

const REQUEST: BenchmarkRequest = { dataset_id: 5, run_id: 3, base_model: "gpt-4o-mini", tuned_model: "ft:gpt-4o-mini:acme::abc", k: 2, samples: 200 };

describe("benchmark endpoints", () => {
  it("starts a benchmark with the request as the JSON body", async () => {
    const { calls, client } = serverAnswering(202, { id: 9, job_id: 41, report: null });
    await expect(client.startBenchmark(REQUEST)).resolves.toMatchObject({ id: 9, job_id: 41 });
    expect(calls[0]!).toMatchObject({ url: "/api/benchmarks", init: { method: "POST" } });
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual(REQUEST);
  });

  it("lists a dataset's benchmarks, or a run's", async () => {
    const ofDataset = serverAnswering(200, { items: [] });
    await ofDataset.client.listBenchmarks({ datasetId: 5 });
    expect(ofDataset.calls[0]!.url).toBe("/api/benchmarks?dataset_id=5");
    const ofRun = serverAnswering(200, { items: [] });
    await ofRun.client.listBenchmarks({ datasetId: 5, runId: 3 });
    expect(ofRun.calls[0]!.url).toBe("/api/benchmarks?dataset_id=5&run_id=3");
  });

  it("reads one benchmark and a page of its samples filtered by outcome and topic", async () => {
    const one = serverAnswering(200, { id: 9 });
    await one.client.getBenchmark(9);
    expect(one.calls[0]!.url).toBe("/api/benchmarks/9");
    const samples = serverAnswering(200, { total: 0, items: [] });
    await samples.client.listBenchmarkSamples(9, { outcome: "loss", topic: "t3" }, 50, 50);
    expect(samples.calls[0]!.url).toBe("/api/benchmarks/9/samples?offset=50&limit=50&outcome=loss&topic=t3");
    const all = serverAnswering(200, { total: 0, items: [] });
    await all.client.listBenchmarkSamples(9, {}, 0, 50);
    expect(all.calls[0]!.url).toBe("/api/benchmarks/9/samples?offset=0&limit=50");
  });

  it("turns a refusal into an ApiError naming the field", async () => {
    const { client } = serverAnswering(400, { error: { code: "bad_request", message: "k must be between 1 and 16" } });
    await expect(client.startBenchmark({ ...REQUEST, k: 40 })).rejects.toMatchObject({ status: 400, message: "k must be between 1 and 16" });
  });
});
