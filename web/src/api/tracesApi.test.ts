import { describe, expect, it } from "vitest";
import { serverAnswering } from "./fakeServer";

describe("traces endpoints", () => {
  it("lists traces with the filter's fields and the page's cursor", async () => {
    const { calls, client } = serverAnswering(200, { items: [], total: 0, total_exact: true, next_cursor: null, offset: 0, limit: 50 });
    await client.listTraces({ from: "1000", tag: "prod" }, null, 50);
    expect(calls[0]!.url).toBe("/api/traces?from=1000&tag=prod&limit=50");
    await client.listTraces({ tag: "prod" }, "c1.ab.1.2", 50);
    expect(calls[1]!.url).toBe("/api/traces?tag=prod&cursor=c1.ab.1.2&limit=50");
  });

  it("escapes a trace id in the path", async () => {
    const { calls, client } = serverAnswering(200, {});
    await client.getTrace("tr_a/b");
    expect(calls[0]!.url).toBe("/api/traces/tr_a%2Fb");
  });

  it("tells a pull that answered with counts from one that started a job", async () => {
    const counts = { added: 3, invalid: 1, skipped: 0, already_in_dataset: 5 };
    const now = serverAnswering(200, counts);
    await expect(now.client.pullTraces(4)).resolves.toEqual({ kind: "counts", counts });
    expect(now.calls[0]!.url).toBe("/api/datasets/4/pull-traces");
    expect(now.calls[0]!.init.method).toBe("POST");

    const job = { id: 9, state: "queued" };
    const later = serverAnswering(202, job);
    await expect(later.client.pullTraces(4)).resolves.toEqual({ kind: "job", job });
  });

  it("creates a dataset from a selection with the filter in the body", async () => {
    const { calls, client } = serverAnswering(201, { id: 1, from_traces: { added: 2, invalid: 0, skipped: 0 }, job: null });
    await client.createDatasetFromTraces({ name: "n", objective: "o", filter: { model: "m" }, trace_ids: ["tr_1", "tr_2"] });
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ name: "n", objective: "o", filter: { model: "m" }, trace_ids: ["tr_1", "tr_2"] });
  });

  it("revokes a key with DELETE", async () => {
    const { calls, client } = serverAnswering(204, null);
    await expect(client.revokeGatewayKey(3)).resolves.toBeUndefined();
    expect(calls[0]!.init.method).toBe("DELETE");
    expect(calls[0]!.url).toBe("/api/gateway-keys/3");
  });
});
