// CodeMirror 6 for JSON. Loaded on demand (React.lazy in RecordEditor and the judge's schema
// field), so the datasets list and canvas do not download the editor.
import { json } from "@codemirror/lang-json";
import { EditorState } from "@codemirror/state";
import { EditorView } from "@codemirror/view";
import { CodeEditorKeys } from "../ui/CodeEditorKeys";
import { useCodeEditor } from "../ui/useCodeEditor";

interface JsonEditorProps {
  initialText: string;
  onChange: (text: string) => void;
  label: string;
  /** For a role that may not change it: the text can be read, selected and copied, not typed over. */
  readOnly?: boolean;
}

const JSON_EXTENSIONS = [json(), EditorView.lineWrapping];
const READ_ONLY_EXTENSIONS = [...JSON_EXTENSIONS, EditorState.readOnly.of(true)];

export default function JsonEditor({ initialText, onChange, label, readOnly = false }: JsonEditorProps) {
  const hostRef = useCodeEditor({ initialText, onChange, label, extensions: readOnly ? READ_ONLY_EXTENSIONS : JSON_EXTENSIONS });
  return (
    <>
      <div ref={hostRef} className="json-editor" data-testid="json-editor" />
      {!readOnly && <CodeEditorKeys />}
    </>
  );
}
