import { useDatasetJobs } from "../api/queries";
import type { Dataset } from "../api/types";
import { formatCount, formatPercent } from "../format/numbers";
import { formatRelativeTime } from "../format/time";
import { JobProgress } from "../jobs/JobProgress";
import { describeJob } from "../jobs/jobSummary";

export interface ExtractActions {
  viewRecords: () => void;
  append: () => void;
}

interface ExtractDetailProps {
  dataset: Dataset;
  actions: ExtractActions;
  onJobFinished: () => void;
}

export function ExtractDetail({ dataset, actions, onJobFinished }: ExtractDetailProps) {
  const jobs = useDatasetJobs(dataset.id);
  const lastFinished = jobs.data?.items.find((job) => job.kind === "import" && job.id !== dataset.active_job?.id);
  const { health } = dataset;
  return (
    <>
      <dl className="figures">
        <div>
          <dt>Records</dt>
          <dd>{formatCount(health.total)}</dd>
        </div>
        <div>
          <dt>Valid</dt>
          <dd className="tone-text-good">{formatCount(health.valid)}</dd>
        </div>
        <div>
          <dt>Invalid</dt>
          <dd className={health.invalid > 0 ? "tone-text-warn" : undefined}>
            {formatCount(health.invalid)} <span className="muted">({formatPercent(health.invalid_percent)})</span>
          </dd>
        </div>
        <div>
          <dt>Tokenizer</dt>
          <dd>{dataset.settings.encoding}</dd>
        </div>
      </dl>
      {dataset.active_job && <JobProgress key={dataset.active_job.id} job={dataset.active_job} onFinished={onJobFinished} />}
      {!dataset.active_job && lastFinished && (
        <p className="muted detail-note" title={lastFinished.finished_at ?? undefined}>
          Last import{lastFinished.finished_at ? ` (${formatRelativeTime(lastFinished.finished_at)})` : ""}: {describeJob(lastFinished)}
        </p>
      )}
      <div className="detail-actions">
        <button type="button" className="button" onClick={actions.viewRecords} disabled={dataset.record_count === 0}>
          View records
        </button>
        <button type="button" className="button" onClick={actions.append} disabled={dataset.active_job !== null}>
          Append records…
        </button>
        <button type="button" className="button" disabled title="Needs the gateway's traces">
          ↻ Pull new traces
        </button>
      </div>
    </>
  );
}
