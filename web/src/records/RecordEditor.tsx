import { useEffect, useState } from "react";
import { describeError } from "../api/errors";
import { useRecord } from "../api/queries";
import { api } from "../api/session";
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
        <RecordEditorBody key={record.data.updated_at} datasetId={datasetId} recordId={recordId} line={record.data.text} origin={record.data.origin} onClose={onClose} onChanged={onChanged} onEditedChange={setEdited} />
      )}
      {confirmation}
    </Modal>
  );
}

interface BodyProps {
  datasetId: number;
  recordId: number;
  line: string;
  origin: string;
  onClose: () => void;
  onChanged: () => Promise<unknown>;
  onEditedChange: (edited: boolean) => void;
}

function RecordEditorBody({ datasetId, recordId, line, origin, onClose, onChanged, onEditedChange }: BodyProps) {
  const initialText = toEditorText(line);
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

  return (
    <>
      <RecordJsonEditor
        datasetId={datasetId}
        initialText={initialText}
        text={text}
        onChange={setText}
        label="Record JSON"
        hint={`Origin: ${origin}. Saving marks the record as edited; it is stored as one JSONL line.`}
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
