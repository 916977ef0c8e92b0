// Gateway traces, keys and datasets made from traces: /api/traces, /api/gateway-keys, /api/gateway/status, /api/datasets/from-traces, pull-traces (docs/api.md).
import type { Http } from "./http";

export function tracesEndpoints(http: Http) {
  void http;
  return {};
}
