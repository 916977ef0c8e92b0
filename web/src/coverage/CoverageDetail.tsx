// Step 3's detail panel: the balance score and its band, the worst-covered topic, small bars of
// share against target, the actions (dashboard, generate for the gaps, the worst topic's records,
// skip) and the generation section (its form, a run's progress and outcome, past runs).
import { lazy, Suspense, useRef, useState } from "react";
import { describeError } from "../api/errors";
import { api } from "../api/session";
import { useCoverage, useTopics } from "../api/topicsQueries";
import { leafLabels } from "../topics/topicTree";
import type { Dataset } from "../api/types";
import { formatCount, formatCountOf } from "../format/numbers";
import type { RecordFilterState } from "../records/recordFilters";
import { IfAllowed } from "../auth/IfAllowed";
import { EmptyState, ErrorState, LoadingState } from "../ui/States";
import { BALANCE_LOOK } from "../topics/confidence";
import { GenerationSection } from "../generation/GenerationSection";
import { formatDeficit, topicsForBars, topicsShort } from "./coverageFigures";
import "../styles/coverage.css";

interface CoverageDetailProps {
  dataset: Dataset;
  onChanged: () => void;
  openRecords: (filters: Partial<RecordFilterState>) => void;
  openSettings: () => void;
}

// recharts is large: the dashboard loads when first opened.
const CoverageDashboard = lazy(() => import("./CoverageDashboard").then((module) => ({ default: module.CoverageDashboard })));

const BARS = 6;
const percent = (share: number) => `${Math.round(share * 100)}%`;

export function CoverageDetail({ dataset, onChanged, openRecords, openSettings }: CoverageDetailProps) {
  const coverage = useCoverage(dataset.id);
  const hierarchy = useTopics(dataset.id);
  const labels = leafLabels(hierarchy.data?.topics ?? []);
  const [dashboard, setDashboard] = useState(false);
  const [generateOpen, setGenerateOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The dashboard's Generate button opens the form under these actions, maybe out of sight.
  const actionsRef = useRef<HTMLDivElement>(null);
  const status = dataset.steps.find((step) => step.step === "coverage")?.status;
  const skipped = status === "skipped";

  const setSkipped = async (value: boolean) => {
    setError(null);
    try {
      await api.setCoverageSkipped(dataset.id, value);
      onChanged();
    } catch (caught) {
      setError(describeError(caught));
    }
  };

  if (coverage.isPending) return <LoadingState label="Loading coverage…" />;
  if (coverage.isError) return <ErrorState error={coverage.error} onRetry={() => coverage.refetch()} title="Coverage could not be loaded" />;
  const report = coverage.data;
  if (report.topics.length === 0) {
    return <EmptyState title="No topics yet">Coverage compares each topic's share of the records with its target; define topics in step 2 first.</EmptyState>;
  }
  const short = topicsShort(report);
  const worst = report.topics.find((topic) => topic.id === report.worst_topic);
  const look = report.balance_band ? BALANCE_LOOK[report.balance_band] : null;
  const bars = topicsForBars(report, BARS);
  // The longest bar or target mark spans the track.
  const scale = Math.max(0.01, ...report.topics.map((topic) => Math.max(topic.share, topic.target)));
  const width = (share: number) => `${Math.min(100, (share / scale) * 100)}%`;

  return (
    <>
      <dl className="figures">
        <div>
          <dt>Balance score</dt>
          <dd data-testid="balance-score">
            {report.balance_score === null ? "—" : report.balance_score.toFixed(2)}{" "}
            {look && (
              <span className={`badge tone-${look.tone}`} title={`Good above 0.6, attention 0.3–0.6, poor below 0.3`}>
                {look.label}
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt>Worst covered</dt>
          <dd className="figure-text">{worst ? `${labels.get(worst.id) ?? worst.name} (${percent(worst.share)} of ${percent(worst.target)})` : "—"}</dd>
        </div>
        <div>
          <dt>Under target</dt>
          <dd>
            {/* With no record categorized there are no shares to fall short yet. */}
            {report.categorized === 0 ? "—" : formatCount(short.length)} <span className="muted">of {formatCount(report.topics.length)} topics</span>
          </dd>
        </div>
      </dl>
      {report.uncategorized > 0 && <p className="detail-note muted">{formatCountOf(report.uncategorized, "valid record")} {report.uncategorized === 1 ? "is" : "are"} uncategorized and not counted here.</p>}
      <ul className="coverage-bars" aria-label="Share of records against target, worst covered first" data-testid="coverage-bars">
        {bars.map((topic) => (
          <li key={topic.id}>
            <span className="coverage-bar-name" title={labels.get(topic.id) ?? topic.name}>
              {topic.name}
            </span>
            <span className="coverage-bar-track" aria-hidden="true">
              <span className={`coverage-bar-fill${topic.deficit > 0 ? " coverage-bar-short" : ""}`} style={{ width: width(topic.share) }} />
              <span className="coverage-bar-target" style={{ left: width(topic.target) }} />
            </span>
            <span className="coverage-bar-figures">
              {percent(topic.share)} <span className="muted">(target {percent(topic.target)})</span>
            </span>
            <span className="coverage-bar-deficit tone-text-warn">{formatDeficit(topic.deficit)}</span>
          </li>
        ))}
      </ul>
      {report.topics.length > BARS && <p className="detail-note muted">The {BARS} worst covered of {formatCount(report.topics.length)} topics; the dashboard shows them all.</p>}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="detail-actions" ref={actionsRef}>
        <button type="button" className="button button-primary" onClick={() => setDashboard(true)}>
          Open coverage dashboard
        </button>
        <IfAllowed to="generation">
          <button type="button" className="button" onClick={() => setGenerateOpen(!generateOpen)} aria-expanded={generateOpen} data-testid="generate-toggle">
            ✦ {generateOpen ? "Hide generation options" : "Generate for gaps…"}
          </button>
        </IfAllowed>
        <button type="button" className="button" onClick={() => worst && openRecords({ topic: worst.id })} disabled={!worst}>
          View the worst topic's records
        </button>
        <IfAllowed to="coverage">
          {skipped ? (
            <button type="button" className="button" onClick={() => setSkipped(false)}>
              Un-skip
            </button>
          ) : (
            <button type="button" className="button" onClick={() => setSkipped(true)} title="The imbalance is acceptable: mark the step skipped and move on">
              Skip →
            </button>
          )}
        </IfAllowed>
      </div>
      <GenerationSection dataset={dataset} coverage={report} labels={labels} formOpen={generateOpen} onFormOpenChange={setGenerateOpen} openSettings={openSettings} onDatasetChanged={onChanged} />
      {dashboard && (
        <Suspense fallback={<LoadingState label="Loading the dashboard…" />}>
          <CoverageDashboard
            datasetId={dataset.id}
            onClose={() => setDashboard(false)}
            onGenerate={() => {
              setDashboard(false);
              setGenerateOpen(true);
              actionsRef.current?.scrollIntoView({ behavior: "smooth", block: "start" });
            }}
          />
        </Suspense>
      )}
    </>
  );
}
