// Gateway traces, keys and datasets made from traces: /api/traces, /api/gateway-keys, /api/gateway/status, /api/datasets/from-traces, pull-traces (docs/api.md).
import { buildQuery, type Http } from "./http";
import type {
  FromTracesRequest,
  FromTracesResult,
  GatewayKey,
  GatewayStatus,
  IssuedGatewayKey,
  PullResult,
  TraceDetail,
  TraceFilterFields,
  TraceImportCounts,
  TracePage,
  TraceStatsRow,
} from "./tracesTypes";
import type { Job } from "./types";

export function tracesEndpoints(http: Http) {
  const { json, send } = http;
  return {
    /** A page of traces, newest first: the first one (cursor null) or the one a previous page's next_cursor opens. */
    listTraces: (filter: TraceFilterFields, cursor: string | null, limit: number) =>
      json<TracePage>("GET", "/api/traces" + buildQuery({ ...filter, ...(cursor ? { cursor } : {}), limit })),
    getTrace: (id: string) => json<TraceDetail>("GET", `/api/traces/${encodeURIComponent(id)}`),
    traceStats: (filter: TraceFilterFields) => json<{ items: TraceStatsRow[] }>("GET", "/api/traces/stats" + buildQuery({ ...filter })),
    gatewayStatus: () => json<GatewayStatus>("GET", "/api/gateway/status"),

    listGatewayKeys: () => json<{ items: GatewayKey[] }>("GET", "/api/gateway-keys"),
    createGatewayKey: (name: string) => json<IssuedGatewayKey>("POST", "/api/gateway-keys", { json: { name } }),
    revokeGatewayKey: async (id: number) => {
      await send("DELETE", `/api/gateway-keys/${id}`);
    },

    createDatasetFromTraces: (request: FromTracesRequest) => json<FromTracesResult>("POST", "/api/datasets/from-traces", { json: request }),
    pullTraces: async (datasetId: number): Promise<PullResult> => {
      const response = await send("POST", `/api/datasets/${datasetId}/pull-traces`);
      // 202: more than the server adds while answering, so a job does it.
      if (response.status === 202) return { kind: "job", job: (await response.json()) as Job };
      return { kind: "counts", counts: (await response.json()) as TraceImportCounts };
    },
  };
}
