// Step 5's detail: the last run's verdict with its metrics and histogram, the run form, live
// progress with cancel while a run is under way, and the full results overlay.
import { useState } from "react";
import { useDryRun, useGrader } from "../api/gradingQueries";
import { useRefreshDataset } from "../api/queries";
import type { Dataset } from "../api/types";
import { JobProgress } from "../jobs/JobProgress";
import { ErrorState, LoadingState } from "../ui/States";
import { IfAllowed } from "../auth/IfAllowed";
import { ReadOnlyNote } from "../auth/ReadOnlyNote";
import { DryRunDiagnoses } from "./DryRunDiagnoses";
import { DryRunForm } from "./DryRunForm";
import { DryRunMetrics } from "./DryRunMetrics";
import { DryRunResultsOverlay } from "./DryRunResultsOverlay";
import { DryRunVerdictBanner } from "./DryRunVerdictBanner";
import { ScoreHistogram } from "./ScoreHistogram";
import { staleReasons } from "./staleReasons";
import "../styles/grading.css";

interface DryRunDetailProps {
  dataset: Dataset;
  onJobFinished: () => void;
  /** Opens step 6, where training starts (with this dry run as its gate). */
  onTrain: () => void;
}

export function DryRunDetail({ dataset, onJobFinished, onTrain }: DryRunDetailProps) {
  const step = dataset.steps.find((candidate) => candidate.step === "dry_run");
  const run = useDryRun(dataset.id, `${step?.status}:${step?.headline}`, step?.status !== "waiting" && step?.status !== "ready");
  const grader = useGrader(dataset.id);
  const refreshDataset = useRefreshDataset();
  const [formOpen, setFormOpen] = useState(false);
  const [resultsOpen, setResultsOpen] = useState(false);

  const status = step?.status;
  const job = dataset.active_job?.kind === "dry_run" ? dataset.active_job : null;
  const hasGrader = grader.data !== undefined && grader.data.version !== null;
  const disabledReason = !hasGrader
    ? "Define a grader first (step 4)."
    : dataset.valid_count === 0
      ? "The dataset has no valid records."
      : dataset.active_job
        ? "Wait for the running job to finish."
        : null;

  if (run.isPending || grader.isPending) return <LoadingState label="Loading the last dry run…" />;
  if (run.isError) return <ErrorState error={run.error} onRetry={() => run.refetch()} title="The dry run could not be loaded" />;

  const last = run.data;
  const reasons = last && status === "stale" ? staleReasons(last, { revision: dataset.revision, graderVersion: grader.data?.version ?? null }) : [];
  const staleNotice = status === "stale" ? `These results are stale: ${reasons.length > 0 ? reasons.join(" and ") : "the inputs changed"} since the run. Run it again.` : null;
  const showForm = !last || formOpen;

  return (
    <>
      {job && <JobProgress key={job.id} job={job} onFinished={onJobFinished} />}
      {last && (
        <div className="dry-run-summary">
          {staleNotice && (
            <div className="notice tone-warn" data-testid="dry-run-stale">
              ↻ {staleNotice}
            </div>
          )}
          <DryRunVerdictBanner run={last} stale={status === "stale"} />
          <div className="dry-run-summary-grid">
            <DryRunMetrics report={last.report} />
            <ScoreHistogram counts={last.report.statistics.histogram} height={150} />
          </div>
          {last.report.verdict !== "GO" && last.report.diagnoses.length > 0 && <DryRunDiagnoses diagnoses={last.report.diagnoses} />}
        </div>
      )}
      {!last && !job && <p className="muted detail-note">No dry run yet. It samples the base model on a stratified sample of valid records and grades every answer, to tell whether training can learn (GO / CAUTION / NO-GO).</p>}
      {last && (
        <div className="detail-actions">
          <button type="button" className="button button-primary" onClick={() => setResultsOpen(true)}>
            Full results
          </button>
          <IfAllowed to="dryRuns">
            <button type="button" className="button" onClick={() => setFormOpen(!formOpen)} aria-expanded={formOpen} disabled={job !== null}>
              ↻ {formOpen ? "Hide run options" : "Run again…"}
            </button>
          </IfAllowed>
          <button type="button" className="button" onClick={onTrain}>
            Train (step 6) →
          </button>
        </div>
      )}
      {showForm && !job && (
        <IfAllowed to="dryRuns" otherwise={<ReadOnlyNote what="dryRuns" />}>
          <DryRunForm
            datasetId={dataset.id}
            validCount={dataset.valid_count}
            disabledReason={disabledReason}
            lastRequest={last?.request}
            onStarted={() => {
              setFormOpen(false);
              void refreshDataset(dataset.id);
            }}
          />
        </IfAllowed>
      )}
      {resultsOpen && last && <DryRunResultsOverlay datasetId={dataset.id} run={last} staleNotice={staleNotice} onClose={() => setResultsOpen(false)} />}
    </>
  );
}
