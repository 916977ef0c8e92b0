// One record a run wrote: its verdict (accepted, pending, the gate that removed it and why), its
// topic, the gates' confidence and similarity, its conversation, and what a person can do with it.
import type { GeneratedRecord } from "../api/generationTypes";
import { IfAllowed } from "../auth/IfAllowed";
import { describeMeasures, GATE_HINT, GATE_LABEL, STATUS_LABEL } from "./generationDisplay";
import { GeneratedConversation } from "./GeneratedConversation";

interface GeneratedRecordCardProps {
  item: GeneratedRecord;
  topicLabel: string;
  busy: boolean;
  onAccept: () => void;
  onEdit: () => void;
  onDelete: () => void;
}

const STATUS_TONE = { accepted: "good", pending: "info", rejected: "bad", deleted: "muted" } as const;

export function GeneratedRecordCard({ item, topicLabel, busy, onAccept, onEdit, onDelete }: GeneratedRecordCardProps) {
  const verdict = item.status === "rejected" && item.gate ? GATE_LABEL[item.gate] : STATUS_LABEL[item.status];
  const open = item.status !== "deleted";
  const measures = describeMeasures(item);
  return (
    <li className="generated-record" data-testid="generated-record" data-status={item.status} data-id={item.id}>
      <div className="generated-record-head">
        <span className={`badge tone-${STATUS_TONE[item.status]}`} title={item.gate ? GATE_HINT[item.gate] : undefined} data-testid="generated-record-verdict">
          {verdict}
        </span>
        <span className="generated-record-topic" title={topicLabel}>
          {topicLabel}
        </span>
        {measures && <span className="muted generated-record-measures">{measures}</span>}
        <span className="spacer" />
        <IfAllowed to="generation">
          {(item.status === "pending" || item.status === "rejected") && (
            <button
              type="button"
              className="button button-small"
              disabled={busy}
              onClick={onAccept}
              title={item.status === "rejected" ? "Overrule the gate: the record joins the dataset if it is valid" : "The record joins the dataset"}
            >
              {item.status === "rejected" ? "Accept anyway" : "Accept"}
            </button>
          )}
          {open && (
            <button type="button" className="button button-small" disabled={busy} onClick={onEdit}>
              Edit
            </button>
          )}
          {open && (
            <button type="button" className="button button-small button-danger-ghost" disabled={busy} onClick={onDelete}>
              Delete
            </button>
          )}
        </IfAllowed>
      </div>
      {item.status === "rejected" && item.reason && <p className="generated-record-reason">{item.reason}</p>}
      <GeneratedConversation record={item.record} text={item.text} />
    </li>
  );
}
