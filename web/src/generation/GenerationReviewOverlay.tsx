// A run's records for review, a status at a time (accepted, pending, rejected, deleted), a page
// at a time: accept a pending one or overrule a gate, edit, delete; accept every pending record;
// delete the run with every record it added.
import { useState } from "react";
import { describeError } from "../api/errors";
import { GENERATED_RECORDS_PAGE_SIZE, useGeneratedRecords } from "../api/generationQueries";
import { GENERATED_RECORD_STATUSES, type GeneratedRecord, type GeneratedRecordStatus, type GenerationRun } from "../api/generationTypes";
import { isGenerationRunning } from "../api/liveness";
import { api } from "../api/session";
import { formatCount } from "../format/numbers";
import { formatRelativeTime } from "../format/time";
import { ConfirmDialog } from "../ui/ConfirmDialog";
import { Modal } from "../ui/Modal";
import { PageStepper } from "../ui/PageStepper";
import { EmptyState, ErrorState, LoadingState } from "../ui/States";
import { IfAllowed } from "../auth/IfAllowed";
import { GeneratedRecordCard } from "./GeneratedRecordCard";
import { GeneratedRecordEditor } from "./GeneratedRecordEditor";
import { describeAcceptResult, runStateLook, runTime, STATUS_LABEL } from "./generationDisplay";

interface GenerationReviewOverlayProps {
  run: GenerationRun;
  labels: ReadonlyMap<string, string>;
  onClose: () => void;
  /** A record was accepted, edited or deleted. */
  onChanged: () => void;
  onDeleted: () => void;
}

const EMPTY: Record<GeneratedRecordStatus, [title: string, text: string]> = {
  accepted: ["No accepted records", "No record of this run is in the dataset."],
  pending: ["Nothing to review", "No record of this run waits for review."],
  rejected: ["Nothing rejected", "The gates removed none of this run's records."],
  deleted: ["Nothing deleted", "No record of this run was deleted."],
};

export function GenerationReviewOverlay({ run, labels, onClose, onChanged, onDeleted }: GenerationReviewOverlayProps) {
  const [status, setStatus] = useState<GeneratedRecordStatus>(run.counts.pending > 0 ? "pending" : "accepted");
  const [offset, setOffset] = useState(0);
  const page = useGeneratedRecords(run.id, status, offset);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: "good" | "bad" | "warn"; text: string } | null>(null);
  const [editing, setEditing] = useState<GeneratedRecord | null>(null);
  const [deletingRecord, setDeletingRecord] = useState<GeneratedRecord | null>(null);
  const [deletingRun, setDeletingRun] = useState(false);
  const look = runStateLook(run);
  const running = isGenerationRunning(run);
  const created = runTime(run.created_at);

  const showStatus = (next: GeneratedRecordStatus) => {
    setStatus(next);
    setOffset(0);
  };
  const accept = async (ids?: number[]) => {
    setBusy(true);
    setMessage(null);
    try {
      setMessage(describeAcceptResult(await api.acceptGeneratedRecords(run.id, ids)));
      onChanged();
    } catch (caught) {
      setMessage({ tone: "bad", text: describeError(caught) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title={`Generation run #${run.id}: review`} size="full" onClose={onClose}>
      <div className="generation-review" data-testid="generation-review">
        <div className="generation-review-head">
          <span className={`badge tone-${look.tone}`}>{look.label}</span>
          <code>{run.model}</code>
          <span className="muted" title={created}>
            started {formatRelativeTime(created)}
            {run.review ? " · waits for review" : ""}
          </span>
          <span className="spacer" />
          <IfAllowed to="generation">
            {run.counts.pending > 0 && (
              <button type="button" className="button button-primary" disabled={busy} onClick={() => void accept()}>
                Accept all pending ({formatCount(run.counts.pending)})
              </button>
            )}
            <button type="button" className="button button-danger-ghost" disabled={running} title={running ? "Cancel the run first" : undefined} onClick={() => setDeletingRun(true)}>
              Delete run…
            </button>
          </IfAllowed>
        </div>
        {message && (
          <p className={`notice tone-${message.tone}`} role="status" data-testid="review-message">
            {message.text}
          </p>
        )}
        <div className="tabs generation-review-tabs" role="tablist" aria-label="Records by status">
          {GENERATED_RECORD_STATUSES.map((candidate) => (
            <button
              key={candidate}
              type="button"
              role="tab"
              className={candidate === status ? "tab tab-active" : "tab"}
              aria-selected={candidate === status}
              onClick={() => showStatus(candidate)}
              data-status={candidate}
            >
              {STATUS_LABEL[candidate]} <span className="count-pill">{formatCount(run.counts[candidate])}</span>
            </button>
          ))}
          <span className="spacer" />
          <span className="generation-review-pager">
            <PageStepper offset={offset} pageSize={GENERATED_RECORDS_PAGE_SIZE} total={page.data?.total ?? 0} noun="record" onOffset={setOffset} />
          </span>
        </div>
        {page.isPending ? (
          <LoadingState label="Loading the records…" />
        ) : page.isError ? (
          <ErrorState error={page.error} onRetry={() => page.refetch()} title="The records could not be loaded" />
        ) : page.data.items.length === 0 ? (
          <EmptyState title={EMPTY[status][0]}>{running ? "The run is still generating: its records appear when it ends." : EMPTY[status][1]}</EmptyState>
        ) : (
          <ol className={page.isPlaceholderData ? "generated-records is-stale" : "generated-records"} role="tabpanel" aria-label={STATUS_LABEL[status]}>
            {page.data.items.map((item) => (
              <GeneratedRecordCard
                key={item.id}
                item={item}
                topicLabel={labels.get(item.topic) ?? item.topic}
                busy={busy}
                onAccept={() => void accept([item.id])}
                onEdit={() => setEditing(item)}
                onDelete={() => setDeletingRecord(item)}
              />
            ))}
          </ol>
        )}
      </div>
      {editing && (
        <GeneratedRecordEditor
          datasetId={run.dataset_id}
          item={editing}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            // Said at once, not at the next accept: an invalid record is kept but never joins.
            setMessage(
              saved.valid
                ? { tone: "good", text: `Record #${saved.id} saved${saved.record_id !== null ? `, and its dataset record #${saved.record_id} with it` : ""}.` }
                : { tone: "warn", text: `Record #${saved.id} saved, but it is invalid: it cannot be accepted until it is fixed (Edit shows why).` },
            );
            onChanged();
          }}
        />
      )}
      {deletingRecord && (
        <ConfirmDialog
          title="Delete this generated record?"
          confirmLabel="Delete record"
          danger
          onClose={() => setDeletingRecord(null)}
          onConfirm={async () => {
            await api.deleteGeneratedRecord(run.id, deletingRecord.id);
            setMessage({ tone: "good", text: `Record deleted${deletingRecord.record_id !== null ? ` and removed from the dataset (record #${deletingRecord.record_id})` : ""}.` });
            onChanged();
          }}
        >
          <p>
            {deletingRecord.record_id !== null
              ? `It leaves the dataset (record #${deletingRecord.record_id}) and stays listed under Deleted.`
              : "It stays listed under Deleted and can no longer be accepted."}{" "}
            This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
      {deletingRun && (
        <ConfirmDialog
          title={`Delete run #${run.id}?`}
          confirmLabel="Delete run"
          danger
          onClose={() => setDeletingRun(false)}
          onConfirm={async () => {
            await api.deleteGenerationRun(run.id);
            onDeleted();
          }}
        >
          <p>
            {run.counts.accepted > 0
              ? `Its ${formatCount(run.counts.accepted)} accepted ${run.counts.accepted === 1 ? "record leaves" : "records leave"} the dataset, and the run is removed with every record it wrote.`
              : "The run is removed with every record it wrote; none of them is in the dataset."}{" "}
            This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </Modal>
  );
}
