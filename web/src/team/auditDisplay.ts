// How an audit entry reads in the log's table.
import type { AuditEntry } from "../api/teamTypes";

/**
 * What the change was made to, from the server's target: the route's parameters (`id`, `rid`,
 * `run`…) and `created`, the id of what a POST made. "#3 · rid 17", "new #2".
 */
export function targetLabel(target: AuditEntry["target"]): string {
  return Object.entries(target)
    .map(([name, value]) => (name === "id" ? `#${value}` : name === "created" ? `new #${value}` : `${name} ${value}`))
    .join(" · ");
}

const VIA_LABELS: Record<string, string> = { token: "API token", admin_token: "admin token", cli: "CLI" };

/** How the person acted when not through a signed-in page: "API token", "CLI"; null for a session or a sign-in. */
export function viaLabel(via: string): string | null {
  if (via === "session" || via === "password") return null;
  return VIA_LABELS[via] ?? via;
}
