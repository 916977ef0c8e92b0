// What happened to a deployment, in order: deployed, online scoring changed, promoted, rolled back —
// by a person or by the guard, whose reason (with its figures) is shown.
import type { DeploymentHistoryEntry } from "../api/deploymentsTypes";
import { formatClockTime, formatRelativeTime } from "../format/time";
import { describeHistoryAction } from "./onlineScoreDisplay";

export function DeploymentHistory({ history }: { history: DeploymentHistoryEntry[] }) {
  if (history.length === 0) return null;
  return (
    <ol className="deployment-history" data-testid="deployment-history">
      {history.map((entry, index) => {
        const byGuard = entry.action === "rolled_back" && entry.reason?.startsWith("guard");
        return (
          <li key={index} data-action={entry.action} className={byGuard ? "tone-text-bad" : undefined}>
            <time dateTime={entry.at} title={`${entry.at} (${formatRelativeTime(entry.at)})`}>
              {formatClockTime(entry.at)}
            </time>
            <span className="deployment-history-action">{describeHistoryAction(entry)}</span>
            {entry.reason && (
              <span className={byGuard ? "deployment-history-reason" : "deployment-history-reason muted"} data-testid="deployment-history-reason">
                {entry.reason}
              </span>
            )}
          </li>
        );
      })}
    </ol>
  );
}
