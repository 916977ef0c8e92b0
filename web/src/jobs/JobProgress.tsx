import { useEffect } from "react";
import { describeError } from "../api/errors";
import { isJobFinished, useJob } from "../api/queries";
import { api } from "../api/session";
import type { Job } from "../api/types";
import { useMayChange } from "../auth/useSession";
import { ProgressBar } from "../ui/ProgressBar";
import { describeJob } from "./jobSummary";

interface JobProgressProps {
  job: Job;
  /** Called with the job as it ended (succeeded, failed or cancelled). */
  onFinished: (job: Job) => void;
}

/** Live progress of a queued or running job, polled from GET /api/jobs/:id, with Cancel for those who may. */
export function JobProgress({ job: initial, onFinished }: JobProgressProps) {
  const polled = useJob(initial.id);
  const job = polled.data ?? initial;
  const finished = isJobFinished(job);
  const may = useMayChange();

  useEffect(() => {
    if (finished) onFinished(job);
    // Not on every poll: once, when it ends (the job as it ended is the one passed).
  }, [finished, onFinished]);

  return (
    <div className="job-progress" data-testid="job-progress">
      <div className="job-progress-line">
        <span>{describeJob(job)}</span>
        {!finished && may("datasets") && (
          <button
            type="button"
            className="button button-small"
            onClick={() => {
              api.cancelJob(job.id).then(() => polled.refetch(), (error) => window.alert(describeError(error)));
            }}
          >
            Cancel
          </button>
        )}
      </div>
      {!finished && <ProgressBar value={job.state === "queued" ? null : job.progress} label={describeJob(job)} />}
    </div>
  );
}
