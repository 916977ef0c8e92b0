import { describe, expect, it } from "vitest";
import { serverAnswering } from "./fakeServer";
import { retryAfterSeconds } from "./http";

const bodyOf = (init: RequestInit) => JSON.parse(String(init.body)) as unknown;

describe("team endpoints", () => {
  it("signs in with the name and password and signs out, both as POSTs", async () => {
    const signIn = serverAnswering(200, { ok: true, user: { id: 1, name: "admin", role: "admin" }, via: "session", csrf_token: "c" });
    await expect(signIn.client.signIn("admin", "e2e-token")).resolves.toMatchObject({ csrf_token: "c" });
    expect(signIn.calls[0]!).toMatchObject({ url: "/api/auth/sign-in", init: { method: "POST" } });
    expect(bodyOf(signIn.calls[0]!.init)).toEqual({ name: "admin", password: "e2e-token" });
    const signOut = serverAnswering(204, null);
    await expect(signOut.client.signOut()).resolves.toBeUndefined();
    expect(signOut.calls[0]!).toMatchObject({ url: "/api/auth/sign-out", init: { method: "POST" } });
  });

  it("changes one's password with both passwords as the server names them", async () => {
    const { calls, client } = serverAnswering(204, null);
    await client.changePassword("old-password", "new-password");
    expect(calls[0]!).toMatchObject({ url: "/api/session/password", init: { method: "PUT" } });
    expect(bodyOf(calls[0]!.init)).toEqual({ current_password: "old-password", new_password: "new-password" });
  });

  it("creates, lists and revokes personal API tokens", async () => {
    const created = serverAnswering(201, { id: 4, name: "ci", prefix: "rkp_ab", created_at: "2026-01-01T00:00:00Z", token: "rkp_secret" });
    await expect(created.client.createApiToken("ci")).resolves.toMatchObject({ token: "rkp_secret" });
    expect(bodyOf(created.calls[0]!.init)).toEqual({ name: "ci" });
    const revoked = serverAnswering(204, null);
    await revoked.client.revokeApiToken(4);
    expect(revoked.calls[0]!).toMatchObject({ url: "/api/tokens/4", init: { method: "DELETE" } });
  });

  it("adds a user, changes only what the patch names, signs them out and removes them", async () => {
    const added = serverAnswering(201, { id: 7, name: "ada", role: "editor" });
    await added.client.createUser({ name: "ada", password: "long-enough", role: "editor" });
    expect(bodyOf(added.calls[0]!.init)).toEqual({ name: "ada", password: "long-enough", role: "editor" });
    const patched = serverAnswering(200, { id: 7, name: "ada", role: "viewer" });
    await patched.client.updateUser(7, { role: "viewer" });
    expect(patched.calls[0]!).toMatchObject({ url: "/api/users/7", init: { method: "PATCH" } });
    expect(bodyOf(patched.calls[0]!.init)).toEqual({ role: "viewer" });
    const signedOut = serverAnswering(204, null);
    await signedOut.client.signOutUserEverywhere(7);
    expect(signedOut.calls[0]!).toMatchObject({ url: "/api/users/7/sign-out", init: { method: "POST" } });
    const removed = serverAnswering(204, null);
    await removed.client.removeUser(7);
    expect(removed.calls[0]!).toMatchObject({ url: "/api/users/7", init: { method: "DELETE" } });
  });

  it("refuses to remove the last admin with the server's 409", async () => {
    const { client } = serverAnswering(409, { error: { code: "last_admin", message: "admin is the last admin." } });
    await expect(client.removeUser(1)).rejects.toMatchObject({ status: 409, code: "last_admin" });
  });

  it("pages the audit log with the filters that are set and the cursor, and exports with the same filters", async () => {
    const page = serverAnswering(200, { items: [], next_cursor: null });
    await page.client.listAudit({ user: "ada" }, null, 50);
    expect(page.calls[0]!.url).toBe("/api/audit?user=ada&limit=50");
    await page.client.listAudit({ user: "ada", action: "dataset.create" }, "c2", 50);
    expect(page.calls[1]!.url).toBe("/api/audit?user=ada&action=dataset.create&cursor=c2&limit=50");
    const exported = serverAnswering(200, {});
    const download = await exported.client.exportAudit({ action: "user.create" });
    expect(exported.calls[0]!.url).toBe("/api/audit/export?action=user.create");
    expect(download.filename).toBe("reinforge-audit.jsonl");
  });
});

describe("retryAfterSeconds", () => {
  it("reads seconds and HTTP dates, and nothing from an absent or unreadable header", () => {
    const now = Date.parse("2026-03-01T10:00:00Z");
    expect(retryAfterSeconds("120", now)).toBe(120);
    expect(retryAfterSeconds("Sun, 01 Mar 2026 10:15:00 GMT", now)).toBe(900);
    expect(retryAfterSeconds("Sun, 01 Mar 2026 09:00:00 GMT", now)).toBe(0);
    expect(retryAfterSeconds(null, now)).toBeNull();
    expect(retryAfterSeconds("", now)).toBeNull();
    expect(retryAfterSeconds("soon", now)).toBeNull();
  });
});
