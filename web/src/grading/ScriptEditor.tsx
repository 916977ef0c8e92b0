// CodeMirror 6 for the script grader's JavaScript. Loaded on demand (React.lazy in
// ScriptGraderForm), so the canvas does not download the editor.
import { javascript } from "@codemirror/lang-javascript";
import { indentOnInput } from "@codemirror/language";
import { EditorState } from "@codemirror/state";
import { CodeEditorKeys } from "../ui/CodeEditorKeys";
import { useCodeEditor } from "../ui/useCodeEditor";

interface ScriptEditorProps {
  initialText: string;
  onChange: (text: string) => void;
  label: string;
}

const SCRIPT_EXTENSIONS = [javascript(), indentOnInput(), EditorState.tabSize.of(2)];

export default function ScriptEditor({ initialText, onChange, label }: ScriptEditorProps) {
  const hostRef = useCodeEditor({ initialText, onChange, label, extensions: SCRIPT_EXTENSIONS });
  return (
    <>
      <div ref={hostRef} className="script-editor" data-testid="script-editor" />
      <CodeEditorKeys />
    </>
  );
}
