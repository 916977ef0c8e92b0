// One CodeMirror 6 setup for every code field (record JSON, grader scripts): line numbers, history,
// bracket matching, highlighting, Tab to indent, the field's label for screen readers, and the text
// reported on each change. Only the lazily loaded editor modules import it, so CodeMirror stays out
// of the pages that do not edit code.
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { bracketMatching, defaultHighlightStyle, syntaxHighlighting } from "@codemirror/language";
import { EditorState, type Extension } from "@codemirror/state";
import { EditorView, highlightActiveLine, keymap, lineNumbers } from "@codemirror/view";
import { useEffect, useRef, type RefObject } from "react";

// CodeMirror adds its styles as a <style> element, which the server's Content-Security-Policy
// allows only with the page's nonce (docs/access.md, "Hardened HTTP"). Read from the element's
// `nonce` property: browsers hide the attribute once the page has loaded.
function pageStyleNonce(): string {
  return document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]')?.nonce ?? "";
}

export interface CodeEditorOptions {
  initialText: string;
  onChange: (text: string) => void;
  label: string;
  /** The language and anything else the field needs (line wrapping, tab size...). */
  extensions: Extension[];
}

/** Mounts an editor in the returned element. It owns its text once created: the parent remounts it (a `key`) to reset it. */
export function useCodeEditor({ initialText, onChange, label, extensions }: CodeEditorOptions): RefObject<HTMLDivElement | null> {
  const hostRef = useRef<HTMLDivElement>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;

  useEffect(() => {
    const view = new EditorView({
      parent: hostRef.current!,
      state: EditorState.create({
        doc: initialText,
        extensions: [
          EditorView.cspNonce.of(pageStyleNonce()),
          lineNumbers(),
          history(),
          bracketMatching(),
          highlightActiveLine(),
          syntaxHighlighting(defaultHighlightStyle),
          ...extensions,
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
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  return hostRef;
}
