// Virtualized: only the rows in view are in the DOM, and pages of records load from the server
// as you scroll, so a million-record dataset opens as fast as a small one.
import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef } from "react";
import type { RecordSummary } from "../api/types";
import { useMayChange } from "../auth/useSession";
import { formatCount } from "../format/numbers";
import { CONFIDENCE_LOOK, confidenceBand, formatConfidence } from "../topics/confidence";

const ROW_HEIGHT = 44;
const LOAD_AHEAD_ROWS = 40;

interface RecordsTableProps {
  records: RecordSummary[];
  /** Null when the server stopped counting (a "10,000+" total). */
  total: number | null;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  selected: Set<number>;
  onToggle: (id: number) => void;
  onToggleAll: () => void;
  onOpen: (id: number) => void;
  /** Leaf topic id → name, for the topic column. */
  topicNames: Map<string, string>;
  /** Changes with the search and filters: a new list starts at its top, where its newest records are. */
  listKey: string;
}

export function RecordsTable({ records, total, hasMore, loadingMore, onLoadMore, selected, onToggle, onToggleAll, onOpen, topicNames, listKey }: RecordsTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [listKey]);
  const rowCount = records.length + (hasMore ? 1 : 0);
  const virtualizer = useVirtualizer({ count: rowCount, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.length > 0 ? items[items.length - 1]!.index : 0;

  useEffect(() => {
    if (hasMore && !loadingMore && lastIndex >= records.length - LOAD_AHEAD_ROWS) onLoadMore();
  }, [hasMore, loadingMore, lastIndex, records.length, onLoadMore]);

  const allSelected = records.length > 0 && records.every((record) => selected.has(record.id));
  // Picking rows is for deleting them.
  const selectable = useMayChange()("records");

  return (
    <div className="records-table" role="table" aria-label="Records" aria-rowcount={total === null ? -1 : total + 1}>
      <div className="records-row records-head" role="row">
        <span role="columnheader" className="col-check">
          {selectable && <input type="checkbox" aria-label="Select all loaded records" checked={allSelected} onChange={onToggleAll} />}
        </span>
        <span role="columnheader" className="col-line">
          Line
        </span>
        <span role="columnheader" className="col-preview">
          First user message
        </span>
        <span role="columnheader" className="col-health">
          Health
        </span>
        <span role="columnheader" className="col-topic">
          Topic
        </span>
        <span role="columnheader" className="col-tokens">
          Tokens
        </span>
        <span role="columnheader" className="col-origin">
          Origin
        </span>
      </div>
      <div ref={scrollRef} className="records-scroll" data-testid="records-scroll">
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {items.map((item) => {
            const record = records[item.index];
            const style = { transform: `translateY(${item.start}px)`, height: ROW_HEIGHT };
            if (!record) {
              return (
                <div key="more" className="records-row records-loading" style={style} role="row">
                  Loading more records…
                </div>
              );
            }
            const errors = record.issues.filter((issue) => issue.severity === "error");
            const warnings = record.issues.filter((issue) => issue.severity === "warning");
            return (
              <div
                key={record.id}
                className={`records-row records-row-openable${selected.has(record.id) ? " records-row-selected" : ""}`}
                style={style}
                role="row"
                data-testid="record-row"
                onClick={(event) => {
                  // Anywhere on the row opens the record, as its first message's button does for the keyboard.
                  if (!(event.target as HTMLElement).closest("input, button, a")) onOpen(record.id);
                }}
              >
                <span role="cell" className="col-check">
                  {selectable && (
                    <input type="checkbox" aria-label={`Select record ${record.line ?? record.id}`} checked={selected.has(record.id)} onChange={() => onToggle(record.id)} />
                  )}
                </span>
                <span role="cell" className="col-line">
                  {record.line ?? "—"}
                </span>
                <span role="cell" className="col-preview">
                  <button type="button" className="link-button" onClick={() => onOpen(record.id)} title={selectable ? "View and edit" : "View"}>
                    {record.preview || <em className="muted">(no user message)</em>}
                  </button>
                </span>
                <span role="cell" className="col-health" title={record.issues.map((issue) => issue.message).join("\n")}>
                  {record.valid ? <span className="tone-text-good">✓ valid</span> : <span className="tone-text-bad">⚠ {errors[0]?.code ?? "invalid"}{errors.length > 1 ? ` +${errors.length - 1}` : ""}</span>}
                  {warnings.length > 0 && <span className="tone-text-warn"> · {warnings.length} warning{warnings.length > 1 ? "s" : ""}</span>}
                </span>
                <span role="cell" className="col-topic">
                  <TopicCell topicId={record.topic_id} confidence={record.confidence} manual={record.topic_manual} names={topicNames} />
                </span>
                <span role="cell" className="col-tokens">
                  {formatCount(record.token_count)}
                </span>
                <span role="cell" className="col-origin">
                  {record.origin}
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

function TopicCell({ topicId, confidence, manual, names }: { topicId: string | null; confidence: number | null; manual: boolean; names: Map<string, string> }) {
  if (topicId === null) return <span className="muted">—</span>;
  const band = confidence === null ? null : confidenceBand(confidence);
  return (
    <>
      <span className="col-topic-name" title={names.get(topicId) ?? topicId}>
        {names.get(topicId) ?? topicId}
      </span>
      {manual ? (
        <span className="badge tone-neutral" title="Chosen by a person; kept through re-categorization">
          by hand
        </span>
      ) : (
        band &&
        confidence !== null && (
          <span className={`badge tone-${CONFIDENCE_LOOK[band].tone}`} title={`${CONFIDENCE_LOOK[band].label} confidence (${CONFIDENCE_LOOK[band].range})`}>
            {formatConfidence(confidence)}
          </span>
        )
      )}
    </>
  );
}
