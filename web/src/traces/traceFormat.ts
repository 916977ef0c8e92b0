// How trace figures read: latencies in ms or s, times to the second, statuses with a tone.
import type { TraceSummary, TraceUsage } from "../api/tracesTypes";
import { formatCount } from "../format/numbers";

export function formatLatency(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  if (ms < 1) return `${ms.toFixed(2)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

const timeFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", second: "2-digit" });

/** "24 Nov, 23:02:02" in the browser's time zone; the exact UTC time goes in a tooltip. */
export function formatTraceTime(ms: number): string {
  return timeFormat.format(new Date(ms));
}

export type StatusTone = "good" | "warn" | "bad";

/**
 * 2xx good, unless the call has an error (a stream the upstream broke off after its 200: the
 * answer is cut short); 499 (the caller went away) and 429 (rate limited) warn; anything else bad.
 */
export function statusTone(status: number, error: string | null = null): StatusTone {
  if (status >= 200 && status < 300) return error ? "warn" : "good";
  if (status === 499 || status === 429) return "warn";
  return "bad";
}

export function formatTokens(usage: TraceUsage): string {
  if (usage.total_tokens === null && usage.prompt_tokens === null) return "—";
  const total = usage.total_tokens ?? (usage.prompt_tokens ?? 0) + (usage.completion_tokens ?? 0);
  return formatCount(total);
}

/** "gpt-4o-mini", or "team-model → gpt-4o-mini" when the gateway mapped or fell back. */
export function modelLabel(trace: Pick<TraceSummary, "model_requested" | "model">): string {
  return !trace.model || trace.model === trace.model_requested ? trace.model_requested : `${trace.model_requested} → ${trace.model}`;
}
