// CodeMirror 6 for JSON. Loaded on demand (React.lazy in RecordEditor and the judge's schema
// field), so the datasets list and canvas do not download the editor.
import { json } from "@codemirror/lang-json";
import { EditorView } from "@codemirror/view";
import { useCodeEditor } from "../ui/useCodeEditor";

interface JsonEditorProps {
  initialText: string;
  onChange: (text: string) => void;
  label: string;
}

const JSON_EXTENSIONS = [json(), EditorView.lineWrapping];

export default function JsonEditor({ initialText, onChange, label }: JsonEditorProps) {
  const hostRef = useCodeEditor({ initialText, onChange, label, extensions: JSON_EXTENSIONS });
  return <div ref={hostRef} className="json-editor" data-testid="json-editor" />;
}
