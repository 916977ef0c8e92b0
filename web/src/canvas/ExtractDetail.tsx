import { useState } from "react";
import { describeError } from "../api/errors";
import { useDatasetJobs } from "../api/queries";
import { api } from "../api/session";
import type { Dataset } from "../api/types";
import { formatCount, formatPercent } from "../format/numbers";
import { formatRelativeTime } from "../format/time";
import { IfAllowed } from "../auth/IfAllowed";
import { JobProgress } from "../jobs/JobProgress";
import { describeJob, describeTraceCounts } from "../jobs/jobSummary";
import { describeTraceFilter } from "../traces/traceFilters";
import { useGatewayKeys } from "../traces/traceQueries";
import "../styles/traces.css";

export interface ExtractActions {
  viewRecords: () => void;
  append: () => void;
}

interface ExtractDetailProps {
  dataset: Dataset;
  actions: ExtractActions;
  onJobFinished: () => void;
}

const NOT_FROM_TRACES = "Only a dataset made from gateway traces has a filter to pull with.";

export function ExtractDetail({ dataset, actions, onJobFinished }: ExtractDetailProps) {
  const jobs = useDatasetJobs(dataset.id);
  const keys = useGatewayKeys();
  const [pulling, setPulling] = useState(false);
  const [pullNotice, setPullNotice] = useState<{ tone: "good" | "bad"; text: string } | null>(null);
  const lastFinished = jobs.data?.items.find((job) => (job.kind === "import" || job.kind === "pull_traces") && job.id !== dataset.active_job?.id);
  const { health } = dataset;
  const traceFilter = dataset.trace_filter ?? null;
  const keyName = (id: string) => keys.data?.items.find((key) => String(key.id) === id)?.name;

  const pull = async () => {
    setPulling(true);
    setPullNotice(null);
    try {
      const result = await api.pullTraces(dataset.id);
      // A job shows its own progress through the dataset's active job.
      if (result.kind === "counts") setPullNotice({ tone: "good", text: `Pulled new traces: ${describeTraceCounts(result.counts)}.` });
      onJobFinished();
    } catch (error) {
      setPullNotice({ tone: "bad", text: describeError(error) });
    } finally {
      setPulling(false);
    }
  };

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
      {traceFilter && (
        <p className="detail-note trace-source" data-testid="trace-source">
          <span className="muted">Source: gateway traces · </span>
          {describeTraceFilter(traceFilter, keyName)}
          {dataset.traces_pulled_at && (
            <span className="muted" title={dataset.traces_pulled_at}>
              {" "}
              · last pulled {formatRelativeTime(dataset.traces_pulled_at)}
            </span>
          )}
        </p>
      )}
      {dataset.active_job && <JobProgress key={dataset.active_job.id} job={dataset.active_job} onFinished={onJobFinished} />}
      {!dataset.active_job && pullNotice && (
        <div className={`notice tone-${pullNotice.tone}`} role="status" data-testid="pull-result">
          {pullNotice.text}
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => setPullNotice(null)}>
            ✕
          </button>
        </div>
      )}
      {!dataset.active_job && !pullNotice && lastFinished && (
        <p className="muted detail-note" title={lastFinished.finished_at ?? undefined}>
          Last {lastFinished.kind === "import" ? "import" : "trace pull"}
          {lastFinished.finished_at ? ` (${formatRelativeTime(lastFinished.finished_at)})` : ""}: {describeJob(lastFinished)}
        </p>
      )}
      <div className="detail-actions">
        <button type="button" className="button" onClick={actions.viewRecords} disabled={dataset.record_count === 0}>
          View records
        </button>
        <IfAllowed to="datasets">
          <button type="button" className="button" onClick={actions.append} disabled={dataset.active_job !== null}>
            Append records…
          </button>
          <button
            type="button"
            className="button"
            onClick={pull}
            disabled={!traceFilter || pulling || dataset.active_job !== null}
            title={traceFilter ? "Add the traces that match the saved filter and are not records yet" : NOT_FROM_TRACES}
          >
            {pulling ? "Pulling…" : "↻ Pull new traces"}
          </button>
          {!traceFilter && <span className="muted detail-note detail-action-reason">{NOT_FROM_TRACES}</span>}
        </IfAllowed>
      </div>
    </>
  );
}
