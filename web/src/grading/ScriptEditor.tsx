// CodeMirror 6 for the script grader's JavaScript. Loaded on demand (React.lazy in
// ScriptGraderForm), so the canvas does not download the editor.
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { javascript } from "@codemirror/lang-javascript";
import { bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting } from "@codemirror/language";
import { EditorState } from "@codemirror/state";
import { EditorView, highlightActiveLine, keymap, lineNumbers } from "@codemirror/view";
import { useEffect, useRef } from "react";

interface ScriptEditorProps {
  initialText: string;
  onChange: (text: string) => void;
  label: string;
}

export default function ScriptEditor({ initialText, onChange, label }: ScriptEditorProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    const view = new EditorView({
      parent: hostRef.current!,
      state: EditorState.create({
        doc: initialText,
        extensions: [
          lineNumbers(),
          history(),
          bracketMatching(),
          indentOnInput(),
          highlightActiveLine(),
          javascript(),
          syntaxHighlighting(defaultHighlightStyle),
          EditorState.tabSize.of(2),
          // Tab indents inside the editor; Escape then Tab leaves it (CodeMirror's documented escape hatch).
          keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
          EditorView.contentAttributes.of({ "aria-label": label }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) onChangeRef.current(update.state.doc.toString());
          }),
        ],
      }),
    });
    return () => view.destroy();
    // The editor owns its text after creation; the parent remounts it (key) to reset it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return <div ref={hostRef} className="script-editor" data-testid="script-editor" />;
}
