// Step 3's generation: /api/datasets/:id/generation… and /api/generation/runs… (docs/generation.md).
// A run is a job; cancel it with cancelJob(run.job_id).
import { buildQuery, type Http } from "./http";
import type { Page } from "./types";
import type { AcceptResult, GeneratedRecord, GeneratedRecordEdit, GeneratedRecordStatus, GenerationPlan, GenerationRequest, GenerationRun } from "./generationTypes";

export function generationEndpoints(http: Http) {
  const { json } = http;
  const ofDataset = (id: number) => `/api/datasets/${id}/generation`;
  const run = (runId: number) => `/api/generation/runs/${runId}`;
  return {
    /** The plan and estimate for a request, nothing spent; with no topics, every topic's fill. 400 names a bad field. */
    planGeneration: (datasetId: number, request: GenerationRequest, signal?: AbortSignal) =>
      json<GenerationPlan>("POST", `${ofDataset(datasetId)}/plan`, { json: request, signal }),
    /** 202 with the run; 400 with the reason (no model, nothing to generate…). */
    startGeneration: (datasetId: number, request: GenerationRequest) => json<GenerationRun>("POST", ofDataset(datasetId), { json: request }),
    /** Newest first. */
    listGenerationRuns: (datasetId: number) => json<{ items: GenerationRun[] }>("GET", `${ofDataset(datasetId)}/runs`),
    getGenerationRun: (runId: number) => json<GenerationRun>("GET", run(runId)),
    /** Removes the run and the records it added to the dataset; 409 while it runs. */
    deleteGenerationRun: (runId: number) => json<{ deleted: boolean; records_removed: number }>("DELETE", run(runId)),
    listGeneratedRecords: (runId: number, status: GeneratedRecordStatus | undefined, offset: number, limit: number) =>
      json<Page<GeneratedRecord>>("GET", `${run(runId)}/records` + buildQuery({ status, offset, limit })),
    /** These records (pending ones, or rejected ones a person overrules) join the dataset; no ids: every pending one. */
    acceptGeneratedRecords: (runId: number, ids?: number[]) =>
      json<AcceptResult>("POST", `${run(runId)}/accept`, ids ? { json: { ids } } : {}),
    /** `text` is the record's JSON; an accepted record's dataset record changes with it. */
    saveGeneratedRecord: (runId: number, recordId: number, text: string) =>
      json<GeneratedRecordEdit>("PUT", `${run(runId)}/records/${recordId}`, { body: text }),
    /** Marks it deleted, and removes it from the dataset when it had joined. */
    deleteGeneratedRecord: (runId: number, recordId: number) => json<{ deleted: boolean }>("DELETE", `${run(runId)}/records/${recordId}`),
  };
}
