// Shapes of the gateway's admin API: traces, stats, status, keys, datasets from traces
// (docs/api.md, "Gateway traces", "Gateway keys", "Datasets from traces").
import type { CursorPage, Dataset, Job } from "./types";

/** The filter fields the server reads, from the query string or a request body; all optional. */
export interface TraceFilterFields {
  /** Unix milliseconds (as text) or an RFC 3339 UTC time. */
  from?: string;
  /** Exclusive. */
  to?: string;
  model?: string;
  provider?: string;
  /** "ok" (2xx), "error" (anything else) or a status code. */
  status?: string;
  /** A gateway key id. */
  key?: string;
  tag?: string;
  /** Every word must occur in the request or the response. */
  q?: string;
  /** The protocol the caller spoke: "chat.completions", "responses", "messages" or "embeddings". */
  endpoint?: string;
  /** One agent session's calls (a `session_id`). */
  session?: string;
  /** "last_of_session": only each session's latest call, the whole episode in one trace. */
  calls?: string;
}

export interface TraceUsage {
  prompt_tokens: number | null;
  completion_tokens: number | null;
  total_tokens: number | null;
  /** Part of prompt_tokens read from the provider's cache; null where it does not say. */
  cached_tokens?: number | null;
  /** Part of completion_tokens spent reasoning; null where the provider does not say. */
  reasoning_tokens?: number | null;
}

export interface TraceSummary {
  id: string;
  created_at: string;
  created_at_ms: number;
  endpoint: string;
  model_requested: string;
  model: string;
  provider: string;
  stream: boolean;
  status: number;
  error: string | null;
  latency_ms: number;
  ttft_ms: number | null;
  attempts: number;
  usage: TraceUsage;
  gateway_key_id: number | null;
  tags: string[];
  preview: string;
  /** The agent session the call belongs to; null for embeddings (docs/gateway.md, "Agent sessions"). */
  session_id: string | null;
}

/** A Responses or Messages call read as a chat: the messages (with what `previous_response_id` chained in front), the answer last. */
export interface TraceConversation {
  messages: unknown[];
  tools?: unknown[];
}

export interface TraceDetail extends TraceSummary {
  /** The body the caller sent (text when it was not JSON). */
  request: unknown;
  /** The response body as the caller got it, a stream assembled into one answer; null when none. */
  response: unknown;
  /** Present for Responses and Messages calls; a chat call's conversation is its request and answer. */
  conversation?: TraceConversation | null;
}

/** Newest first; the next page is older. Counted up to 10,000 (docs/api.md). */
export interface TracePage extends CursorPage<TraceSummary> {
  offset: number;
  limit: number;
}

export interface TraceStatsRow {
  day: string;
  model: string;
  calls: number;
  errors: number;
  prompt_tokens: number;
  completion_tokens: number;
  latency_ms: { p50: number; p95: number; p99: number };
}

export interface GatewayProvider {
  name: string;
  base_url: string;
  api_key_env: string;
  api_key_set: boolean;
}

export interface GatewayModel {
  name: string;
  provider: string;
  upstream_model: string;
  fallbacks: string[];
}

export interface TraceQueueCounters {
  accepted: number;
  written: number;
  dropped: number;
  failed: number;
  queued: number;
  queue_capacity: number;
}

export interface GatewayStatus {
  providers: GatewayProvider[];
  models: GatewayModel[];
  default_provider: string;
  traces: TraceQueueCounters;
}

export interface GatewayKey {
  id: number;
  name: string;
  prefix: string;
  created_at: string;
  revoked_at: string | null;
}

/** Only the answer to creating a key carries the key itself. */
export interface IssuedGatewayKey extends GatewayKey {
  key: string;
}

export interface TraceImportCounts {
  added: number;
  invalid: number;
  skipped: number;
  /** Pulls only: matching traces that were records already. */
  already_in_dataset?: number;
}

export interface FromTracesRequest {
  name: string;
  objective: string;
  filter: TraceFilterFields;
  /** A hand-picked selection; without it every successful conversation trace matching the filter. */
  trace_ids?: string[];
  /** Queue step 2 (topics) once the records are in ("Create & start"). */
  start?: boolean;
}

export interface FromTracesResult extends Dataset {
  from_traces: TraceImportCounts | null;
  job: Job | null;
}

/** A pull answers at once with its counts, or with a job when there is much to add. */
export type PullResult = { kind: "counts"; counts: TraceImportCounts } | { kind: "job"; job: Job };
