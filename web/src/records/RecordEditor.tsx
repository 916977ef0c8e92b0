import { useEffect, useState } from "react";
import { describeError } from "../api/errors";
import { useRecord } from "../api/queries";
import { api } from "../api/session";
import type { RecordDetail } from "../api/types";
import { ReadOnlyNote } from "../auth/ReadOnlyNote";
import { useMayChange } from "../auth/useSession";
import { ConfirmDialog } from "../ui/ConfirmDialog";
import { Modal } from "../ui/Modal";
import { ErrorState, LoadingState } from "../ui/States";
import { useConfirmedClose } from "../ui/useConfirmedClose";
import { RecordJsonEditor } from "./RecordJsonEditor";
import { toEditorText, toRecordLine } from "./recordText";

interface RecordEditorProps {
  datasetId: number;
  recordId: number;
  onClose: () => void;
  onChanged: () => Promise<unknown>;
}

export function RecordEditor({ datasetId, recordId, onClose, onChanged }: RecordEditorProps) {
  const record = useRecord(datasetId, recordId);
  const title = record.data ? `Record ${record.data.line !== null ? `line ${record.data.line}` : `#${record.data.id}`}` : "Record";
  // Escape, ✕ and the backdrop ask before dropping edits; the body's own buttons say what they do.
  const [edited, setEdited] = useState(false);
  const { requestClose, confirmation } = useConfirmedClose({
    unsaved: edited,
    onClose,
    message: "The record has unsaved edits. Closing the editor discards them; the saved record stays as it is.",
  });
  return (
    <Modal title={title} onClose={requestClose} size="large">
      {record.isPending ? (
        <LoadingState label="Loading the record…" />
      ) : record.isError ? (
        <ErrorState error={record.error} onRetry={() => record.refetch()} />
      ) : (
        <RecordEditorBody key={record.data.updated_at} datasetId={datasetId} record={record.data} onClose={onClose} onChanged={onChanged} onEditedChange={setEdited} />
      )}
      {confirmation}
    </Modal>
  );
}

interface BodyProps {
  datasetId: number;
  record: RecordDetail;
  onClose: () => void;
  onChanged: () => Promise<unknown>;
  onEditedChange: (edited: boolean) => void;
}

function RecordEditorBody({ datasetId, record, onClose, onChanged, onEditedChange }: BodyProps) {
  const recordId = record.id;
  const initialText = toEditorText(record.text);
  const mayEdit = useMayChange()("records");
  const [text, setText] = useState(initialText);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const changed = text !== initialText;
  useEffect(() => onEditedChange(changed), [changed, onEditedChange]);

  const save = async () => {
    setSaving(true);
    setSaveError(null);
    try {
      await api.saveRecord(datasetId, recordId, toRecordLine(text));
      await onChanged();
      onClose();
    } catch (caught) {
      setSaveError(describeError(caught));
      setSaving(false);
    }
  };

  if (!mayEdit) {
    return (
      <RecordJsonEditor
        datasetId={datasetId}
        initialText={initialText}
        text={initialText}
        onChange={() => undefined}
        label="Record JSON"
        hint={`Origin: ${record.origin}.`}
        error={null}
        readOnlyVerdict={{ valid: record.valid, issues: record.issues, token_count: record.token_count }}
      >
        <ReadOnlyNote what="records" />
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </RecordJsonEditor>
    );
  }

  return (
    <>
      <RecordJsonEditor
        datasetId={datasetId}
        initialText={initialText}
        text={text}
        onChange={setText}
        label="Record JSON"
        hint={`Origin: ${record.origin}. Saving marks the record as edited; it is stored as one JSONL line.`}
        error={saveError}
      >
        <button type="button" className="button button-primary" disabled={!changed || saving} onClick={save}>
          {saving ? "Saving…" : "Save record"}
        </button>
        <button type="button" className="button" onClick={onClose}>
          {changed ? "Discard changes" : "Close"}
        </button>
        <button type="button" className="button button-danger-ghost" onClick={() => setConfirmingDelete(true)}>
          Delete record
        </button>
      </RecordJsonEditor>
      {confirmingDelete && (
        <ConfirmDialog
          title="Delete this record?"
          confirmLabel="Delete record"
          danger
          onClose={() => setConfirmingDelete(false)}
          onConfirm={async () => {
            await api.deleteRecord(datasetId, recordId);
            await onChanged();
            onClose();
          }}
        >
          <p>The record is removed from the dataset. This cannot be undone.</p>
        </ConfirmDialog>
      )}
    </>
  );
}
