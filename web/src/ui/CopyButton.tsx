import { useEffect, useState } from "react";

/** Copies a text to the clipboard and says so for a moment; says what to do when the browser refuses. */
export function CopyButton({ text, label = "Copy", className = "button button-small" }: { text: string; label?: string; className?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 2000);
    return () => clearTimeout(timer);
  }, [state]);
  const copy = async () => {
    try {
      // The Clipboard API exists only on https and localhost pages.
      if (!navigator.clipboard) throw new Error("no clipboard");
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
  };
  return (
    <button type="button" className={className} onClick={copy} aria-live="polite">
      {state === "copied" ? "✓ Copied" : state === "failed" ? "Select and copy it" : label}
    </button>
  );
}
