// The protocols the gateway records, as the filter offers them and a row's badge names them
// (docs/gateway.md, "Agent protocols": a trace's `endpoint`).
export type TraceEndpoint = "chat.completions" | "responses" | "messages" | "embeddings";

export interface EndpointOption {
  id: TraceEndpoint;
  /** In the filter and the trace's facts. */
  label: string;
  /** On a row's badge. */
  short: string;
}

export const TRACE_ENDPOINTS: EndpointOption[] = [
  { id: "chat.completions", label: "Chat completions", short: "Chat" },
  { id: "responses", label: "Responses", short: "Responses" },
  { id: "messages", label: "Anthropic Messages", short: "Messages" },
  { id: "embeddings", label: "Embeddings", short: "Embeddings" },
];

export function isTraceEndpoint(value: string): value is TraceEndpoint {
  return TRACE_ENDPOINTS.some((option) => option.id === value);
}

/** "Anthropic Messages" for "messages"; an endpoint this UI does not know is shown as the server names it. */
export function endpointLabel(endpoint: string): string {
  return TRACE_ENDPOINTS.find((option) => option.id === endpoint)?.label ?? endpoint;
}

export function endpointShortLabel(endpoint: string): string {
  return TRACE_ENDPOINTS.find((option) => option.id === endpoint)?.short ?? endpoint;
}
