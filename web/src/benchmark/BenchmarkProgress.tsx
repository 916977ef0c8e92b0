// A running benchmark's job: its progress with Cancel (POST /api/jobs/:id/cancel), as every job shows.
import { useJob } from "../api/queries";
import type { Benchmark } from "../api/benchmarksTypes";
import { JobProgress } from "../jobs/JobProgress";
import { LoadingState } from "../ui/States";

export function BenchmarkProgress({ benchmark, onFinished }: { benchmark: Benchmark; onFinished: () => void }) {
  const job = useJob(benchmark.job_id);
  return (
    <div className="benchmark-progress" data-testid="benchmark-progress">
      <p className="muted detail-note">
        Benchmark #{benchmark.id}: <code>{benchmark.base_model}</code> against <code>{benchmark.tuned_model}</code>
      </p>
      {job.data ? <JobProgress key={job.data.id} job={job.data} onFinished={onFinished} /> : <LoadingState label="Starting the benchmark…" />}
    </div>
  );
}
