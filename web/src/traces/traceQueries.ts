// Server state for the gateway's screens: TanStack Query hooks over the API client.
import { keepPreviousData, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../api/session";
import type { TraceFilterFields } from "../api/tracesTypes";

export const TRACES_PAGE_SIZE = 50;
/** A session timeline shows this many of the session's latest calls. */
export const SESSION_CALLS_LIMIT = 200;
/** New calls show up without a click while a traces list is on screen. */
const TRACES_POLL_MS = 5000;

export const traceKeys = {
  all: ["traces"] as const,
  page: (filter: TraceFilterFields, cursor: string | null) => ["traces", "page", filter, cursor] as const,
  detail: (id: string) => ["traces", "detail", id] as const,
  session: (id: string) => ["traces", "session", id] as const,
  stats: (filter: TraceFilterFields) => ["traces", "stats", filter] as const,
  any: ["traces", "any"] as const,
  status: ["gateway", "status"] as const,
  keys: ["gateway", "keys"] as const,
};

/** One page of traces: the newest (cursor null, refreshed as calls arrive) or an older one, which stays as it is. */
export function useTracePage(filter: TraceFilterFields, cursor: string | null, enabled = true) {
  return useQuery({
    queryKey: traceKeys.page(filter, cursor),
    queryFn: () => api.listTraces(filter, cursor, TRACES_PAGE_SIZE),
    placeholderData: keepPreviousData,
    refetchInterval: cursor === null ? TRACES_POLL_MS : false,
    enabled,
  });
}

/** Whether the gateway has recorded any call at all (decides empty states and the default tab). */
export function useAnyTraces() {
  return useQuery({ queryKey: traceKeys.any, queryFn: () => api.listTraces({}, null, 1), refetchInterval: TRACES_POLL_MS });
}

export function useTrace(id: string | null) {
  return useQuery({ queryKey: traceKeys.detail(id ?? ""), queryFn: () => api.getTrace(id ?? ""), enabled: id !== null, staleTime: Infinity });
}

/** A session's calls (newest first, as the server lists them), refreshed while an agent may still be adding calls. */
export function useSessionCalls(sessionId: string) {
  return useQuery({
    queryKey: traceKeys.session(sessionId),
    queryFn: () => api.listTraces({ session: sessionId }, null, SESSION_CALLS_LIMIT),
    refetchInterval: TRACES_POLL_MS,
  });
}

/** Several traces' details at once (a session's calls); a trace never changes once written. */
export function useTraces(ids: readonly string[]) {
  return useQueries({
    queries: ids.map((id) => ({ queryKey: traceKeys.detail(id), queryFn: () => api.getTrace(id), staleTime: Infinity })),
  });
}

export function useTraceStats(filter: TraceFilterFields) {
  return useQuery({ queryKey: traceKeys.stats(filter), queryFn: () => api.traceStats(filter), placeholderData: keepPreviousData });
}

export function useGatewayStatus() {
  return useQuery({ queryKey: traceKeys.status, queryFn: api.gatewayStatus, refetchInterval: TRACES_POLL_MS });
}

/** The gateway's providers and models for a form: read once a minute at most, not polled. */
export function useGatewayProviders() {
  return useQuery({ queryKey: traceKeys.status, queryFn: api.gatewayStatus, staleTime: 60_000 });
}

export function useGatewayKeys() {
  return useQuery({ queryKey: traceKeys.keys, queryFn: api.listGatewayKeys });
}

export function useRefreshGatewayKeys() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: traceKeys.keys });
}

/** The gateway's base URL for callers: this server, under /v1. */
export function gatewayBaseUrl(origin: string = window.location.origin): string {
  return `${origin}/v1`;
}
