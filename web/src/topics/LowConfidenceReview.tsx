// Review of the records categorized with low confidence (< 0.70): pick the right topic or
// confirm the current one. A person's choice is kept through re-categorization, and the record
// leaves the list. Keyboard: ↑/↓ move between records, 1–9 pick a topic, Enter assigns.
import { useEffect, useMemo, useRef, useState } from "react";
import { describeError } from "../api/errors";
import { useRecordPages } from "../api/queries";
import { api } from "../api/session";
import { useTopics } from "../api/topicsQueries";
import type { RecordSummary } from "../api/types";
import { formatCount, formatCountOf } from "../format/numbers";
import { Modal } from "../ui/Modal";
import { EmptyState, ErrorState, LoadingState } from "../ui/States";
import { leafLabels } from "./topicTree";
import { formatConfidence } from "./confidence";

interface LowConfidenceReviewProps {
  datasetId: number;
  onClose: () => void;
  onChanged: () => void;
}

const LOW_QUERY = { validity: "valid", confidence: "low" } as const;

export function LowConfidenceReview({ datasetId, onClose, onChanged }: LowConfidenceReviewProps) {
  const hierarchy = useTopics(datasetId);
  const pages = useRecordPages(datasetId, LOW_QUERY);
  const [done, setDone] = useState<Set<number>>(new Set());
  const listRef = useRef<HTMLUListElement>(null);
  const records = useMemo(() => (pages.data?.pages.flatMap((page) => page.items) ?? []).filter((record) => !done.has(record.id)), [pages.data, done]);
  const total = Math.max(0, (pages.data?.pages[0]?.total ?? 0) - done.size);
  const leaves = useMemo(() => [...leafLabels(hierarchy.data?.topics ?? [])].map(([id, name]) => ({ id, name })), [hierarchy.data]);

  const close = () => {
    if (done.size > 0) onChanged();
    onClose();
  };

  const focusRow = (index: number) => {
    const rows = listRef.current?.querySelectorAll<HTMLElement>("[data-review-row]");
    rows?.[Math.max(0, Math.min(index, rows.length - 1))]?.focus();
  };
  // The keys work from the start: the first record has the focus once the list is there, and
  // after an assignment the record that takes its place (once the list has re-rendered without
  // it: focus left on a removed row would fall out of the dialog).
  const focusAfterRender = useRef<number | null>(0);
  useEffect(() => {
    if (focusAfterRender.current === null || records.length === 0) return;
    focusRow(focusAfterRender.current);
    focusAfterRender.current = null;
  }, [records]);

  return (
    <Modal title="Review low-confidence records" size="large" onClose={close}>
      <p className="muted">
        These records were categorized with a confidence below 0.70. Pick the right topic, or keep the current one: a topic you choose is kept when records are re-categorized, and the record
        leaves this list. <span className="keyboard-hint">↑ ↓ move · 1–9 pick a topic · Enter assign</span>
      </p>
      {pages.isPending || hierarchy.isPending ? (
        <LoadingState label="Loading low-confidence records…" />
      ) : pages.isError ? (
        <ErrorState error={pages.error} onRetry={() => pages.refetch()} title="The records could not be loaded" />
      ) : hierarchy.isError ? (
        <ErrorState error={hierarchy.error} onRetry={() => hierarchy.refetch()} title="The topics could not be loaded" />
      ) : records.length === 0 ? (
        <EmptyState title={done.size > 0 ? "All reviewed" : "No low-confidence records"}>
          {done.size > 0 ? `You assigned ${formatCountOf(done.size, "record")}.` : "Every categorized record has a confidence of at least 0.70."}
        </EmptyState>
      ) : (
        <>
          <div className="records-toolbar">
            <span className="muted" data-testid="review-total">
              {formatCount(total)} to review{done.size > 0 ? ` · ${formatCount(done.size)} assigned` : ""}
            </span>
          </div>
          <ol className="review-legend" aria-label="Topic shortcuts">
            {leaves.slice(0, 9).map((leaf, index) => (
              <li key={leaf.id}>
                <kbd>{index + 1}</kbd> {leaf.name}
              </li>
            ))}
          </ol>
          <ul className="review-list" ref={listRef} data-testid="review-list">
            {records.map((record, index) => (
              <ReviewRow
                key={record.id}
                datasetId={datasetId}
                record={record}
                leaves={leaves}
                first={index === 0}
                onMove={(step) => focusRow(index + step)}
                onAssigned={() => {
                  focusAfterRender.current = index;
                  setDone((previous) => new Set([...previous, record.id]));
                }}
              />
            ))}
          </ul>
          {pages.hasNextPage && (
            <button type="button" className="button" onClick={() => pages.fetchNextPage()} disabled={pages.isFetchingNextPage}>
              {pages.isFetchingNextPage ? "Loading…" : "Show more"}
            </button>
          )}
        </>
      )}
    </Modal>
  );
}

interface ReviewRowProps {
  datasetId: number;
  record: RecordSummary;
  leaves: { id: string; name: string }[];
  onMove: (step: number) => void;
  onAssigned: () => void;
  /** The list's first row: the dialog focuses it on open (ui/Modal's data-autofocus). */
  first: boolean;
}

function ReviewRow({ datasetId, record, leaves, onMove, onAssigned, first }: ReviewRowProps) {
  const [topic, setTopic] = useState(record.topic_id ?? leaves[0]?.id ?? "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const current = leaves.find((leaf) => leaf.id === record.topic_id);
  const changed = topic !== record.topic_id;

  const assign = async () => {
    if (!topic || busy) return;
    setBusy(true);
    setError(null);
    try {
      await api.assignRecordTopic(datasetId, record.id, topic);
      onAssigned();
    } catch (caught) {
      setError(describeError(caught));
      setBusy(false);
    }
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLLIElement>) => {
    if (event.target !== event.currentTarget) return; // keys inside the picker are the picker's
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      onMove(event.key === "ArrowDown" ? 1 : -1);
    } else if (event.key === "Enter") {
      event.preventDefault();
      void assign();
    } else if (/^[1-9]$/.test(event.key)) {
      const leaf = leaves[Number(event.key) - 1];
      if (leaf) setTopic(leaf.id);
    }
  };

  return (
    <li className="review-row" tabIndex={0} data-review-row data-autofocus={first || undefined} data-testid="review-row" onKeyDown={onKeyDown} aria-label={`Record ${record.line ?? record.id}: ${record.preview}`}>
      <div className="review-text">
        <span className="review-preview">{record.preview || <em className="muted">(no user message)</em>}</span>
        <span className="muted review-meta">
          {record.line !== null ? `Line ${record.line} · ` : ""}now in <strong>{current?.name ?? "no topic"}</strong> · confidence{" "}
          <span className="badge tone-warn">{record.confidence !== null && record.confidence !== undefined ? formatConfidence(record.confidence) : "—"}</span>
        </span>
      </div>
      <select aria-label="Topic" value={topic} onChange={(event) => setTopic(event.target.value)} disabled={busy}>
        {leaves.map((leaf) => (
          <option key={leaf.id} value={leaf.id}>
            {leaf.name}
          </option>
        ))}
      </select>
      <button type="button" className={changed ? "button button-small button-primary" : "button button-small"} onClick={assign} disabled={busy || !topic}>
        {busy ? "…" : changed ? "Move here" : "Keep"}
      </button>
      {error && (
        <p className="form-error review-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
