import { endpointLabel, endpointShortLabel } from "./traceEndpoints";
import "../styles/traces.css";

/** The protocol a call spoke, as a small badge ("Responses", "Messages", …). */
export function EndpointBadge({ endpoint }: { endpoint: string }) {
  return (
    <span className={`endpoint-badge endpoint-${endpoint.replace(/[^a-z]/g, "-")}`} title={endpointLabel(endpoint)} data-testid="endpoint-badge">
      {endpointShortLabel(endpoint)}
    </span>
  );
}
