// The code editors keep Tab for indenting, as programmers expect; this says how a keyboard gets
// out of them: CodeMirror's tab focus mode (its default keymap's Ctrl-M, Shift-Alt-M on a Mac)
// makes Tab move to the next field instead.
const ON_A_MAC = typeof navigator !== "undefined" && /Mac/i.test(navigator.platform);

export function CodeEditorKeys() {
  return (
    <p className="muted editor-keys" data-testid="editor-keys">
      Tab indents · <kbd>{ON_A_MAC ? "⇧⌥M" : "Ctrl+M"}</kbd> makes Tab move to the next field instead
    </p>
  );
}
