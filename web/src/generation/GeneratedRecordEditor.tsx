// Editing a record a run wrote, in the records' JSON editor with the dataset's verdict as you type;
// saving a record that joined the dataset changes the dataset's record too.
import { useState } from "react";
import { describeError } from "../api/errors";
import type { GeneratedRecord, GeneratedRecordEdit } from "../api/generationTypes";
import { api } from "../api/session";
import { RecordJsonEditor } from "../records/RecordJsonEditor";
import { toEditorText, toRecordLine } from "../records/recordText";
import { Modal } from "../ui/Modal";
import { useConfirmedClose } from "../ui/useConfirmedClose";

interface GeneratedRecordEditorProps {
  datasetId: number;
  item: GeneratedRecord;
  onClose: () => void;
  /** With the record as saved: whether it is valid now. */
  onSaved: (saved: GeneratedRecordEdit) => void;
}

export function GeneratedRecordEditor({ datasetId, item, onClose, onSaved }: GeneratedRecordEditorProps) {
  const initialText = toEditorText(item.text);
  const [text, setText] = useState(initialText);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const changed = text !== initialText;
  const { requestClose, confirmation } = useConfirmedClose({
    unsaved: changed,
    onClose,
    message: "The generated record has unsaved edits. Closing the editor discards them; the record stays as it is.",
  });

  const save = async () => {
    setSaving(true);
    setSaveError(null);
    try {
      onSaved(await api.saveGeneratedRecord(item.run_id, item.id, toRecordLine(text)));
      onClose();
    } catch (caught) {
      setSaveError(describeError(caught));
      setSaving(false);
    }
  };

  return (
    <Modal title={`Generated record #${item.id}`} onClose={requestClose} size="large">
      <RecordJsonEditor
        datasetId={datasetId}
        initialText={initialText}
        text={text}
        onChange={setText}
        label="Generated record JSON"
        hint={item.record_id !== null ? `It joined the dataset as record #${item.record_id}: saving changes that record too.` : "Saving keeps its status; accept it afterwards to add it to the dataset."}
        error={saveError}
      >
        <button type="button" className="button button-primary" disabled={!changed || saving} onClick={save}>
          {saving ? "Saving…" : "Save record"}
        </button>
        <button type="button" className="button" onClick={requestClose}>
          {changed ? "Discard changes" : "Close"}
        </button>
      </RecordJsonEditor>
      {confirmation}
    </Modal>
  );
}
