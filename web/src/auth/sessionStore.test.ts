import { describe, expect, it, vi } from "vitest";
import type { Session } from "../api/teamTypes";
import { createSessionStore } from "./sessionStore";

const session = (csrf: string): Session => ({ ok: true, version: "0.1.0", user: { id: 2, name: "ada", role: "editor" }, via: "session", csrf_token: csrf });

describe("session store", () => {
  it("gives the CSRF token of the signed-in session only", () => {
    const store = createSessionStore();
    expect(store.csrfToken()).toBeNull();
    store.signedIn(session("c1"));
    expect(store.csrfToken()).toBe("c1");
    store.signedOut();
    expect(store.csrfToken()).toBeNull();
  });

  it("keeps who was signed in when the session ends, and resumes the waiting requests when they sign in again", async () => {
    const store = createSessionStore();
    store.signedIn(session("c1"));
    const first = store.expired();
    const second = store.expired();
    expect(store.get()).toEqual({ status: "expired", session: session("c1") });
    expect(store.csrfToken()).toBeNull();
    store.signedIn(session("c2"));
    await expect(Promise.all([first, second])).resolves.toEqual([undefined, undefined]);
    expect(store.csrfToken()).toBe("c2");
  });

  it("fails the waiting requests when the person signs out instead", async () => {
    const store = createSessionStore();
    store.signedIn(session("c1"));
    const waiting = store.expired();
    store.signedOut();
    await expect(waiting).rejects.toThrow();
    expect(store.get()).toEqual({ status: "signed-out" });
  });

  it("does not wait when no one had signed in (the first visit's 401)", async () => {
    const store = createSessionStore();
    await expect(store.expired()).rejects.toThrow();
    expect(store.get()).toEqual({ status: "unknown" });
  });

  it("tells subscribers when the session changes", () => {
    const store = createSessionStore();
    const listener = vi.fn();
    store.subscribe(listener);
    store.signedIn(session("c1"));
    const waiting = store.expired().catch(() => "gave up");
    store.signedOut();
    store.signedOut();
    expect(listener).toHaveBeenCalledTimes(3);
    return expect(waiting).resolves.toBe("gave up");
  });
});
