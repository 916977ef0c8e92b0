// A running generation's job: what it is writing, its progress in the server's words (records
// accepted of planned, written, removed by the gates, calls) and Cancel, as every job shows.
import { useJob } from "../api/queries";
import type { GenerationRun } from "../api/generationTypes";
import { formatCount } from "../format/numbers";
import { JobProgress } from "../jobs/JobProgress";
import { LoadingState } from "../ui/States";

export function GenerationProgress({ run, onFinished }: { run: GenerationRun; onFinished: () => void }) {
  const job = useJob(run.job_id > 0 ? run.job_id : null);
  const planned = run.plan?.allowed;
  return (
    <div className="generation-progress" data-testid="generation-progress">
      <p className="muted detail-note">
        Run #{run.id}: <code>{run.model}</code> writes {planned !== undefined ? `${formatCount(planned)} records` : "records"}
        {run.review ? "; they wait for your review" : "; they join the dataset when the run ends"}.
      </p>
      {job.data ? <JobProgress key={job.data.id} job={job.data} onFinished={onFinished} /> : <LoadingState label="Starting the generation…" />}
    </div>
  );
}
