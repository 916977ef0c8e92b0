import type { Issue } from "../api/types";

export function IssueList({ issues }: { issues: Issue[] }) {
  return (
    <ul className="issue-list">
      {issues.map((issue, index) => (
        <li key={index} className={`issue issue-${issue.severity}`}>
          <span className={`badge tone-${issue.severity === "error" ? "bad" : "warn"}`}>{issue.code}</span>
          <span>{issue.message}</span>
        </li>
      ))}
    </ul>
  );
}
