// Whether the server answers, as the page's reads find out: a read that cannot reach it (fetch's
// TypeError) makes it unreachable, any read that gets an answer (even a refusal) reachable again.
import { ApiError } from "../api/errors";

export type Reachability = "reachable" | "unreachable";

/** What a query's outcome says about the server; null when it says nothing (still fetching). */
export function reachabilityFrom(outcome: { type: string; error?: unknown }): Reachability | null {
  if (outcome.type === "success") return "reachable";
  if (outcome.type !== "error") return null;
  return outcome.error instanceof ApiError ? "reachable" : outcome.error instanceof TypeError ? "unreachable" : null;
}
