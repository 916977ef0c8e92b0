// One sentence about a job for the person watching it.
import type { ImportResult, Job } from "../api/types";
import { formatCount, formatProgress } from "../format/numbers";

function isImportResult(result: Job["result"]): result is ImportResult {
  return result !== null && typeof result === "object" && "imported" in result;
}

export function describeJob(job: Job): string {
  const what = job.kind === "import" ? "Import" : job.kind.replace(/_/g, " ");
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
        return `Imported ${formatCount(imported)} records: ${formatCount(valid)} valid, ${formatCount(invalid)} invalid`;
      }
      return `${what} finished`;
    case "failed":
      return `${what} failed: ${job.error ?? "no reason given"}`;
    case "cancelled":
      return `${what} cancelled`;
  }
}
