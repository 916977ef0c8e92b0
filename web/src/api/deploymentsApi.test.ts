import { describe, expect, it } from "vitest";
import { ApiError } from "./errors";
import { serverAnswering } from "./fakeServer";
import type { DeployRequest } from "./deploymentsTypes";

const REQUEST: DeployRequest = {
  mode: "ab",
  base_model: "support",
  tuned_model: "ft:o4-mini:acme::abc",
  share: 0.2,
  dataset_id: 5,
  run_id: 3,
};

describe("deployment endpoints", () => {
  it("deploys with the request as the JSON body", async () => {
    const { calls, client } = serverAnswering(201, { id: 1, state: "active", ...REQUEST });
    await expect(client.createDeployment(REQUEST)).resolves.toMatchObject({ id: 1, state: "active" });
    expect(calls[0]!).toMatchObject({ url: "/api/deployments", init: { method: "POST" } });
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual(REQUEST);
  });

  it("turns a refusal into an ApiError with the server's code and message", async () => {
    const { client } = serverAnswering(400, { error: { code: "unknown_model", message: "The gateway serves no model named 'support' (and has no default provider)." } });
    const error = await client.createDeployment(REQUEST).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: "unknown_model", message: "The gateway serves no model named 'support' (and has no default provider)." });
  });

  it("lists the active deployments, or all of them", async () => {
    const active = serverAnswering(200, { items: [] });
    await active.client.listDeployments("active");
    expect(active.calls[0]!.url).toBe("/api/deployments?state=active");
    const all = serverAnswering(200, { items: [] });
    await all.client.listDeployments();
    expect(all.calls[0]!.url).toBe("/api/deployments");
  });

  it("reads one deployment with its arms", async () => {
    const arms = { tuned: { calls: 4, errors: 1, error_rate: 0.25, prompt_tokens: 40, completion_tokens: 12, latency_ms: { p50: 120, p95: 300 } } };
    const { calls, client } = serverAnswering(200, { id: 7, arms });
    await expect(client.getDeployment(7)).resolves.toMatchObject({ arms });
    expect(calls[0]!).toMatchObject({ url: "/api/deployments/7", init: { method: "GET" } });
  });

  it("rolls back and promotes with POSTs", async () => {
    const rollback = serverAnswering(200, { id: 7, state: "rolled_back" });
    await expect(rollback.client.rollBackDeployment(7)).resolves.toMatchObject({ state: "rolled_back" });
    expect(rollback.calls[0]!).toMatchObject({ url: "/api/deployments/7/rollback", init: { method: "POST" } });
    const promote = serverAnswering(200, { id: 7, mode: "replace" });
    await expect(promote.client.promoteDeployment(7)).resolves.toMatchObject({ mode: "replace" });
    expect(promote.calls[0]!).toMatchObject({ url: "/api/deployments/7/promote", init: { method: "POST" } });
  });

  it("says when a rollback finds the deployment already ended", async () => {
    const { client } = serverAnswering(409, { error: { code: "conflict", message: "Deployment 7 is not active (rolled_back)." } });
    await expect(client.rollBackDeployment(7)).rejects.toMatchObject({ status: 409, code: "conflict" });
  });

  it("changes online scoring and the guard with a PATCH", async () => {
    const { calls, client } = serverAnswering(200, { id: 7, online_scoring: { share: 0.25 } });
    await client.updateDeployment(7, { online_scoring: { share: 0.25 }, guard: { enabled: true } });
    expect(calls[0]!).toMatchObject({ url: "/api/deployments/7", init: { method: "PATCH" } });
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual({ online_scoring: { share: 0.25 }, guard: { enabled: true } });
  });

  it("reads the timeline in buckets of the size asked", async () => {
    const { calls, client } = serverAnswering(200, { bucket_s: 30, points: [] });
    await client.getDeploymentTimeline(7, 30);
    expect(calls[0]!.url).toBe("/api/deployments/7/timeline?bucket_s=30");
  });
});
