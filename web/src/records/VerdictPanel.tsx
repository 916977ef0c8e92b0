import type { Verdict } from "../api/types";
import { formatCount } from "../format/numbers";
import { IssueList } from "./IssueList";

interface VerdictPanelProps {
  verdict: Verdict | undefined;
  checking: boolean;
  error: string | null;
}

/** The server's verdict on the text in the editor, updated as you type. */
export function VerdictPanel({ verdict, checking, error }: VerdictPanelProps) {
  return (
    <aside className={checking ? "verdict verdict-checking" : "verdict"} aria-live="polite" aria-busy={checking} data-testid="verdict">
      <div className="verdict-head">
        {verdict ? (
          <span className={`badge tone-${verdict.valid ? "good" : "bad"}`} data-testid="verdict-state" data-valid={verdict.valid}>
            {verdict.valid ? "✓ Valid" : "⚠ Invalid"}
          </span>
        ) : (
          <span className="badge tone-muted">Checking…</span>
        )}
        {verdict && <span className="muted">{formatCount(verdict.token_count)} tokens</span>}
        {checking && verdict && <span className="muted">checking…</span>}
      </div>
      {error && <p className="form-error">{error}</p>}
      {verdict && verdict.issues.length > 0 ? <IssueList issues={verdict.issues} /> : verdict && <p className="muted">No issues.</p>}
    </aside>
  );
}
