import { useMemo } from "react";
import { useGatewayKeys, useGatewayStatus, useTraceStats } from "./traceQueries";

const EVERYTHING = {};

/** What the filter controls offer: configured models and providers plus the ones seen in traces, and the keys. */
export function useTraceFilterOptions() {
  const status = useGatewayStatus();
  const stats = useTraceStats(EVERYTHING);
  const keys = useGatewayKeys();
  return useMemo(() => {
    const models = new Set<string>();
    for (const model of status.data?.models ?? []) models.add(model.name);
    for (const row of stats.data?.items ?? []) models.add(row.model);
    return {
      models: [...models].sort(),
      providers: (status.data?.providers ?? []).map((provider) => provider.name),
      keys: keys.data?.items ?? [],
    };
  }, [status.data, stats.data, keys.data]);
}
