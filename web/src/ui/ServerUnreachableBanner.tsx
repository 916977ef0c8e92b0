// Says when the server stopped answering. Reads that fail keep showing what they had, which
// would otherwise look current; meanwhile the page's reads are tried again every few seconds,
// so the banner goes and the figures catch up once the server is back, without a click.
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { reachabilityFrom, type Reachability } from "./serverReachability";

const RETRY_MS = 5_000;

export function ServerUnreachableBanner() {
  const queryClient = useQueryClient();
  const [reachability, setReachability] = useState<Reachability>("reachable");
  useEffect(
    () =>
      queryClient.getQueryCache().subscribe((event) => {
        if (event.type !== "updated") return;
        const found = reachabilityFrom(event.action);
        if (found) setReachability(found);
      }),
    [queryClient],
  );
  useEffect(() => {
    if (reachability === "reachable") return;
    const timer = window.setInterval(() => void queryClient.refetchQueries({ type: "active" }), RETRY_MS);
    return () => window.clearInterval(timer);
  }, [reachability, queryClient]);
  if (reachability === "reachable") return null;
  return (
    <div className="notice tone-bad server-unreachable" role="alert" data-testid="server-unreachable">
      The server cannot be reached: what this page shows may be out of date. Trying again every few seconds…
    </div>
  );
}
