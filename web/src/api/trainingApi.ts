// Training (step 6): /api/datasets/:id/training… and /api/training/runs/:run… (docs/training.md).
import { buildQuery, type Http } from "./http";
import type { StartedTraining, TrainingEvent, TrainingMetricPoint, TrainingPreflight, TrainingRun, TrainingStartRequest } from "./trainingTypes";

export function trainingEndpoints(http: Http) {
  const { json } = http;
  const runs = (datasetId: number) => `/api/datasets/${datasetId}/training`;
  const run = (runId: number) => `/api/training/runs/${runId}`;
  return {
    /** What starting would do, without starting: the gate, the split, the grader's translation. */
    preflightTraining: (datasetId: number, request: TrainingStartRequest) =>
      json<TrainingPreflight>("POST", `${runs(datasetId)}/preflight`, { json: request }),
    /** Refusals are ApiErrors: 400 naming the field, 409 `gate_caution`, `gate_refused`, `no_grader`, `no_valid_records`. */
    startTraining: (datasetId: number, request: TrainingStartRequest) => json<StartedTraining>("POST", runs(datasetId), { json: request }),
    /** Newest first. */
    listTrainingRuns: (datasetId: number) => json<{ items: TrainingRun[] }>("GET", runs(datasetId)),
    getTrainingRun: (runId: number) => json<TrainingRun>("GET", run(runId)),
    /** In order, at most 1000 after `after`. */
    listTrainingMetrics: (runId: number, after: number) =>
      json<{ items: TrainingMetricPoint[] }>("GET", `${run(runId)}/metrics` + buildQuery({ after })),
    listTrainingEvents: (runId: number, after: number, limit?: number) =>
      json<{ items: TrainingEvent[] }>("GET", `${run(runId)}/events` + buildQuery({ after, limit })),
    cancelTrainingRun: (runId: number) => json<TrainingRun>("POST", `${run(runId)}/cancel`),
    /** A new trainer token for an external run; the old one stops working. */
    renewTrainerToken: (runId: number) => json<{ token: string }>("POST", `${run(runId)}/token`),
  };
}
