// Benchmarks (step 7): /api/benchmarks… (docs/deployment.md). A benchmark runs as a job; cancel
// it with cancelJob(benchmark.job_id).
import { buildQuery, type Http } from "./http";
import type { Page } from "./types";
import type { Benchmark, BenchmarkRecordSamples, BenchmarkRequest, BenchmarkSampleQuery } from "./benchmarksTypes";

export function benchmarksEndpoints(http: Http) {
  const { json } = http;
  const one = (id: number) => `/api/benchmarks/${id}`;
  return {
    /** 202 with the benchmark and its job. Refusals: 400 naming the field, 404 unknown dataset or run, 409 no grader, no valid records, no validation split. */
    startBenchmark: (request: BenchmarkRequest) => json<Benchmark>("POST", "/api/benchmarks", { json: request }),
    /** Newest first. */
    listBenchmarks: (filter: { datasetId?: number; runId?: number } = {}) =>
      json<{ items: Benchmark[] }>("GET", "/api/benchmarks" + buildQuery({ dataset_id: filter.datasetId, run_id: filter.runId })),
    getBenchmark: (id: number) => json<Benchmark>("GET", one(id)),
    listBenchmarkSamples: (id: number, query: BenchmarkSampleQuery, offset: number, limit: number) =>
      json<Page<BenchmarkRecordSamples>>("GET", `${one(id)}/samples` + buildQuery({ offset, limit, outcome: query.outcome, topic: query.topic })),
  };
}
