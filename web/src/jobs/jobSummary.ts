// One sentence about a job for the person watching it.
import type { ImportResult, Job } from "../api/types";
import type { TraceImportCounts } from "../api/tracesTypes";
import { formatCount, formatCountOf, formatProgress } from "../format/numbers";

function isImportResult(result: Job["result"]): result is ImportResult {
  return result !== null && typeof result === "object" && "imported" in result;
}

function isTraceImportCounts(result: Job["result"]): result is TraceImportCounts & Record<string, unknown> {
  return result !== null && typeof result === "object" && "added" in result && "invalid" in result;
}

/** "12 added (3 invalid), 40 already in the dataset": what adding traces as records did. */
export function describeTraceCounts(counts: TraceImportCounts): string {
  const parts = [`${formatCount(counts.added)} added (${formatCount(counts.invalid)} invalid)`];
  if (counts.already_in_dataset !== undefined) parts.push(`${formatCount(counts.already_in_dataset)} already in the dataset`);
  if (counts.skipped > 0) parts.push(`${formatCount(counts.skipped)} skipped (no answer to learn from)`);
  return parts.join(", ");
}

const JOB_NAMES: Record<string, string> = { import: "Import", pull_traces: "Adding traces", training: "Training", benchmark: "Benchmark", generation: "Generation" };

export function describeJob(job: Job): string {
  const what = JOB_NAMES[job.kind] ?? job.kind.replace(/_/g, " ");
  switch (job.state) {
    case "queued":
      return `${what} queued`;
    case "running": {
      const counted = job.total > 0 ? ` · ${formatCount(job.done)} of ${formatCount(job.total)}` : "";
      return `${job.message || what} ${formatProgress(job.progress)}${counted}`;
    }
    case "succeeded":
      if (isImportResult(job.result)) {
        const { imported, valid, invalid } = job.result;
        return `Imported ${formatCountOf(imported, "record")}: ${formatCount(valid)} valid, ${formatCount(invalid)} invalid`;
      }
      if (job.kind === "pull_traces" && isTraceImportCounts(job.result)) return `Traces: ${describeTraceCounts(job.result)}`;
      return `${what} finished`;
    case "failed":
      return `${what} failed: ${job.error ?? "no reason given"}`;
    case "cancelled":
      return `${what} cancelled`;
  }
}
