// When the UI polls: only while the server says work is under way.
import type { Benchmark } from "./benchmarksTypes";
import type { GenerationRun } from "./generationTypes";
import type { TrainingRun } from "./trainingTypes";
import type { DatasetSummary, Job, RecordPage } from "./types";

/** Whether the server is still working on the dataset, so its figures will change by themselves. */
export function isBusy(dataset: Pick<DatasetSummary, "active_job" | "steps"> | undefined): boolean {
  if (!dataset) return false;
  return dataset.active_job !== null || dataset.steps.some((step) => step.status === "running");
}

export function isJobFinished(job: Job | undefined): boolean {
  return job !== undefined && (job.state === "succeeded" || job.state === "failed" || job.state === "cancelled");
}

/** A training run the backend is still working on: its progress, metrics and events still move. */
export function isTrainingActive(run: Pick<TrainingRun, "state"> | undefined): boolean {
  return run !== undefined && (run.state === "queued" || run.state === "starting" || run.state === "running");
}

/** A benchmark whose job is queued or running: its report is still to come. */
export function isBenchmarkRunning(benchmark: Pick<Benchmark, "job"> | undefined): boolean {
  return benchmark?.job?.state === "queued" || benchmark?.job?.state === "running";
}

/** A generation run whose job is still writing and judging records: its summary is still to come. */
export function isGenerationRunning(run: Pick<GenerationRun, "state"> | undefined): boolean {
  return run?.state === "running";
}

/** A records search answered while the search index was still taking in the newest records: asked again until whole. */
export function isSearchCatchingUp(pages: { pages: Pick<RecordPage, "search_catching_up">[] } | undefined): boolean {
  return pages?.pages[0]?.search_catching_up ?? false;
}
