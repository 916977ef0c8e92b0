import { describe, expect, it } from "vitest";
import { serverAnswering } from "./fakeServer";

describe("generation endpoints", () => {
  it("plans and starts with the request as the JSON body", async () => {
    const plan = serverAnswering(200, { topics: [], allowed: 0 });
    await plan.client.planGeneration(4, { topics: [{ topic: "t3", count: 5 }], max_synthetic_share: 0.5 });
    expect(plan.calls[0]!).toMatchObject({ url: "/api/datasets/4/generation/plan", init: { method: "POST" } });
    expect(JSON.parse(String(plan.calls[0]!.init.body))).toEqual({ topics: [{ topic: "t3", count: 5 }], max_synthetic_share: 0.5 });
    const start = serverAnswering(202, { id: 2, job_id: 9 });
    await expect(start.client.startGeneration(4, { review: true })).resolves.toMatchObject({ id: 2, job_id: 9 });
    expect(start.calls[0]!.url).toBe("/api/datasets/4/generation");
  });

  it("lists runs and a page of a run's records by status", async () => {
    const runs = serverAnswering(200, { items: [] });
    await runs.client.listGenerationRuns(4);
    expect(runs.calls[0]!.url).toBe("/api/datasets/4/generation/runs");
    const records = serverAnswering(200, { total: 0, items: [] });
    await records.client.listGeneratedRecords(2, "rejected", 20, 20);
    expect(records.calls[0]!.url).toBe("/api/generation/runs/2/records?status=rejected&offset=20&limit=20");
  });

  it("accepts every pending record with no body, or the ids given", async () => {
    const all = serverAnswering(200, { accepted: 3, invalid: [] });
    await all.client.acceptGeneratedRecords(2);
    expect(all.calls[0]!).toMatchObject({ url: "/api/generation/runs/2/accept", init: { method: "POST", body: undefined } });
    const some = serverAnswering(200, { accepted: 1, invalid: [] });
    await some.client.acceptGeneratedRecords(2, [7]);
    expect(JSON.parse(String(some.calls[0]!.init.body))).toEqual({ ids: [7] });
  });

  it("saves a record's JSON as the body, deletes a record and a run", async () => {
    const save = serverAnswering(200, { id: 7, valid: true, issues: [] });
    await save.client.saveGeneratedRecord(2, 7, '{"messages":[]}');
    expect(save.calls[0]!).toMatchObject({ url: "/api/generation/runs/2/records/7", init: { method: "PUT", body: '{"messages":[]}' } });
    const record = serverAnswering(200, { deleted: true });
    await record.client.deleteGeneratedRecord(2, 7);
    expect(record.calls[0]!).toMatchObject({ url: "/api/generation/runs/2/records/7", init: { method: "DELETE" } });
    const run = serverAnswering(200, { deleted: true, records_removed: 11 });
    await expect(run.client.deleteGenerationRun(2)).resolves.toEqual({ deleted: true, records_removed: 11 });
  });

  it("turns a refusal into an ApiError with the server's reason", async () => {
    const { client } = serverAnswering(409, { error: { code: "conflict", message: "The run is still running; cancel its job first." } });
    await expect(client.deleteGenerationRun(2)).rejects.toMatchObject({ status: 409, message: "The run is still running; cancel its job first." });
  });
});
