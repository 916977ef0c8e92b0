// Step 2's detail panel: what the hierarchy is and how well records are categorized, the running
// discovery or categorization, and every way to define, change or review topics.
import { useState } from "react";
import { describeError } from "../api/errors";
import { api } from "../api/session";
import { useCoverage, useTopics } from "../api/topicsQueries";
import type { Dataset } from "../api/types";
import { formatCount, formatCountOf, formatPercent } from "../format/numbers";
import type { RecordFilterState } from "../records/recordFilters";
import { JobProgress } from "../jobs/JobProgress";
import { ErrorState, LoadingState } from "../ui/States";
import { IfAllowed } from "../auth/IfAllowed";
import { ReadOnlyNote } from "../auth/ReadOnlyNote";
import { LOW_CONFIDENCE_ATTENTION_SHARE, SOURCE_LABEL } from "./confidence";
import { DiscoverDialog } from "./DiscoverDialog";
import { LowConfidenceReview } from "./LowConfidenceReview";
import { TemplateDialog } from "./TemplateDialog";
import { TopicEditor } from "./TopicEditor";
import { isTopicJob } from "./topicJobs";
import { summarizeTopicMethod } from "./topicMethod";
import { leafTopics } from "./topicTree";
import "../styles/topics.css";

interface TopicsDetailProps {
  dataset: Dataset;
  onJobFinished: () => void;
  openRecords: (filters: Partial<RecordFilterState>) => void;
}

type Open = "none" | "editor" | "discover" | "template" | "review";

export function TopicsDetail({ dataset, onJobFinished, openRecords }: TopicsDetailProps) {
  const hierarchy = useTopics(dataset.id);
  const coverage = useCoverage(dataset.id);
  const [open, setOpen] = useState<Open>("none");
  const [error, setError] = useState<string | null>(null);

  if (hierarchy.isPending || coverage.isPending) return <LoadingState label="Loading topics…" />;
  if (hierarchy.isError) return <ErrorState error={hierarchy.error} onRetry={() => hierarchy.refetch()} title="The topics could not be loaded" />;
  if (coverage.isError) return <ErrorState error={coverage.error} onRetry={() => coverage.refetch()} title="The topics could not be loaded" />;

  const topics = hierarchy.data.topics;
  const leaves = leafTopics(topics).length;
  const hasTopics = leaves > 0;
  const valid = dataset.valid_count;
  const { categorized, uncategorized } = coverage.data;
  const low = coverage.data.topics.reduce((sum, topic) => sum + (topic.confidence.low ?? 0), 0);
  const lowShare = valid > 0 ? low / valid : 0;
  const job = isTopicJob(dataset.active_job) ? dataset.active_job : null;
  const busy = dataset.active_job !== null;
  const busyHint = busy ? "Wait for the running job to finish" : undefined;
  const method = summarizeTopicMethod(hierarchy.data.method);

  const recategorize = async (mode: "all" | "unlabeled") => {
    setError(null);
    try {
      await api.categorize(dataset.id, mode);
      onJobFinished();
    } catch (caught) {
      setError(describeError(caught));
    }
  };

  return (
    <>
      {hasTopics ? (
        <dl className="figures" data-testid="topics-figures">
          <div>
            <dt>Topics</dt>
            <dd>{formatCount(leaves)}</dd>
          </div>
          <div>
            <dt>Categorized</dt>
            <dd>
              {formatCount(categorized)} <span className="muted">of {formatCount(valid)} valid</span>
            </dd>
          </div>
          <div>
            <dt>Low confidence</dt>
            <dd className={lowShare >= LOW_CONFIDENCE_ATTENTION_SHARE ? "tone-text-warn" : undefined} data-testid="low-confidence-figure">
              {formatCount(low)} <span className="muted">({formatPercent(lowShare * 100)} · {lowShare >= LOW_CONFIDENCE_ATTENTION_SHARE ? "at or over" : "under"} the 5% mark)</span>
            </dd>
          </div>
          <div>
            <dt>Hierarchy</dt>
            <dd className="figure-text">{hierarchy.data.source ? SOURCE_LABEL[hierarchy.data.source] ?? hierarchy.data.source : "—"}</dd>
          </div>
          {method && (
            <div>
              <dt>Method</dt>
              <dd className="figure-text" data-testid="topics-method" title={method.explanation ?? undefined}>
                {method.text}
              </dd>
            </div>
          )}
        </dl>
      ) : (
        <p className="detail-note muted">
          No topics yet. Generate them from the records (clustering, works offline), start from a template, or write them by hand. Categorization then gives every valid record a topic and a
          confidence.
        </p>
      )}
      {method && method.fallbacks.length > 0 && !job && (
        <p className="notice tone-warn" data-testid="topics-fallback">
          The configured models were not fully used: {method.fallbacks.join("; ")}. Check the models in Settings and the provider, then regenerate or re-categorize.
        </p>
      )}
      {lowShare >= LOW_CONFIDENCE_ATTENTION_SHARE && !job && (
        <p className="notice tone-warn">
          {formatCount(low)} records ({formatPercent(lowShare * 100)}) have low confidence (below 0.70): review them, or sharpen the topics' descriptions and keywords and re-categorize.
        </p>
      )}
      {uncategorized > 0 && hasTopics && !job && (
        <p className="detail-note muted">{formatCountOf(uncategorized, "valid record")} {uncategorized === 1 ? "has" : "have"} no topic yet (new imports, or their topic was deleted).</p>
      )}
      {job && <JobProgress key={job.id} job={job} onFinished={onJobFinished} />}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <IfAllowed to="topics" otherwise={<ReadOnlyNote what="topics" />}>
        <div className="detail-actions">
          {hasTopics ? (
            <>
              <button type="button" className="button button-primary" onClick={() => setOpen("editor")}>
                ✎ Edit topics
              </button>
              <button type="button" className="button" onClick={() => setOpen("review")} disabled={low === 0}>
                Review low confidence ({formatCount(low)})
              </button>
              <button type="button" className="button" onClick={() => recategorize("unlabeled")} disabled={busy || uncategorized === 0} title={busyHint ?? (uncategorized === 0 ? "Every valid record has a topic" : undefined)}>
                Re-categorize unlabeled ({formatCount(uncategorized)})
              </button>
              <button type="button" className="button" onClick={() => recategorize("all")} disabled={busy} title={busyHint ?? "Assigns every valid record again; topics a person chose are kept"}>
                Re-categorize all
              </button>
              <button type="button" className="button" onClick={() => setOpen("discover")} disabled={busy || valid === 0} title={busyHint}>
                ↻ Regenerate…
              </button>
              <button type="button" className="button" onClick={() => setOpen("template")} disabled={busy} title={busyHint}>
                From template…
              </button>
            </>
          ) : (
            <>
              <button type="button" className="button button-primary" onClick={() => setOpen("discover")} disabled={busy || valid === 0} title={busyHint ?? (valid === 0 ? "Needs valid records" : undefined)}>
                Auto-generate…
              </button>
              <button type="button" className="button" onClick={() => setOpen("template")} disabled={busy} title={busyHint}>
                From template…
              </button>
              <button type="button" className="button" onClick={() => setOpen("editor")} disabled={busy} title={busyHint}>
                Define by hand
              </button>
            </>
          )}
        </div>
      </IfAllowed>

      {open === "discover" && (
        <DiscoverDialog datasetId={dataset.id} existingTopics={leaves} categorized={categorized} onClose={() => setOpen("none")} onStarted={onJobFinished} />
      )}
      {open === "template" && <TemplateDialog datasetId={dataset.id} existingTopics={leaves} categorized={categorized} onClose={() => setOpen("none")} onApplied={onJobFinished} />}
      {open === "editor" && (
        <TopicEditor
          dataset={dataset}
          onClose={() => setOpen("none")}
          onChanged={onJobFinished}
          onOpenRecords={(topic) => {
            setOpen("none");
            openRecords({ topic });
          }}
        />
      )}
      {open === "review" && <LowConfidenceReview datasetId={dataset.id} onClose={() => setOpen("none")} onChanged={onJobFinished} />}
    </>
  );
}
