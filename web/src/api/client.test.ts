import { afterEach, describe, expect, it, vi } from "vitest";
import { buildQuery, createClient, filenameFromDisposition, importPath } from "./client";
import { ApiError, describeError, UploadCancelledError } from "./errors";

interface Call {
  url: string;
  init: RequestInit;
}

function fakeServer(reply: (call: Call) => Response) {
  const calls: Call[] = [];
  const fetchImpl = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const call = { url: String(input), init: init ?? {} };
    calls.push(call);
    return reply(call);
  });
  return { calls, fetchImpl: fetchImpl as unknown as typeof fetch };
}

const jsonResponse = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });

const headersOf = (call: Call) => call.init.headers as Record<string, string>;
const unauthorized = () => jsonResponse(401, { error: { code: "unauthorized", message: "Sign in first." } });

describe("api client", () => {
  it("sends the session's CSRF token on every state-changing call and on no read", async () => {
    const server = fakeServer(() => new Response("{}", { status: 200 }));
    const client = createClient({ getCsrfToken: () => "csrf-1", fetchImpl: server.fetchImpl });
    await client.listDatasets();
    await client.createDataset("x", "");
    await client.saveRecord(1, 2, "{}");
    await client.updateDataset(1, { name: "y" });
    await client.revokeApiToken(4);
    expect(server.calls.map((call) => [call.init.method, headersOf(call)["X-CSRF-Token"]])).toEqual([
      ["GET", undefined],
      ["POST", "csrf-1"],
      ["PUT", "csrf-1"],
      ["PATCH", "csrf-1"],
      ["DELETE", "csrf-1"],
    ]);
  });

  it("sends the session cookie along and no bearer token: the page keeps no secret", async () => {
    const server = fakeServer(() => jsonResponse(200, { items: [], total: 0 }));
    const client = createClient({ getCsrfToken: () => null, fetchImpl: server.fetchImpl });
    await client.createDataset("x", "");
    expect(server.calls[0]!.init.credentials).toBe("same-origin");
    expect(headersOf(server.calls[0]!).Authorization).toBeUndefined();
    expect(headersOf(server.calls[0]!)["X-CSRF-Token"]).toBeUndefined();
  });

  it("turns the server's error body into an ApiError with its code and message", async () => {
    const server = fakeServer(() => jsonResponse(409, { error: { code: "conflict", message: "A dataset named x exists." } }));
    const client = createClient({ getCsrfToken: () => "t", fetchImpl: server.fetchImpl });
    const error = await client.createDataset("x", "").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: "conflict", message: "A dataset named x exists." });
  });

  it("keeps the status line when an error body is not JSON", async () => {
    const server = fakeServer(() => new Response("<html>bad gateway</html>", { status: 502, statusText: "Bad Gateway" }));
    const client = createClient({ getCsrfToken: () => "t", fetchImpl: server.fetchImpl });
    const error = await client.getDataset(1).catch((caught: unknown) => caught);
    expect(describeError(error)).toBe("The server answered 502 Bad Gateway.");
  });

  it("after a 401 waits for the person to sign in again, then sends the request again with the new session's token", async () => {
    let signedInAgain = () => {};
    let csrf = "old";
    const onUnauthorized = vi.fn(() => new Promise<void>((resolve) => (signedInAgain = resolve)));
    const server = fakeServer((call) => (headersOf(call)["X-CSRF-Token"] === "old" ? unauthorized() : jsonResponse(200, { id: 3, name: "x" })));
    const client = createClient({ getCsrfToken: () => csrf, onUnauthorized, fetchImpl: server.fetchImpl });
    const pending = client.createDataset("x", "");
    await vi.waitFor(() => expect(onUnauthorized).toHaveBeenCalledOnce());
    expect(server.calls).toHaveLength(1);
    csrf = "new";
    signedInAgain();
    await expect(pending).resolves.toMatchObject({ id: 3 });
    expect(server.calls).toHaveLength(2);
    expect(server.calls[1]!.init.body).toBe('{"name":"x","objective":""}');
  });

  it("fails with the 401 when the person does not sign in again", async () => {
    const server = fakeServer(unauthorized);
    const client = createClient({ getCsrfToken: () => "t", onUnauthorized: () => Promise.reject(new Error("signed out")), fetchImpl: server.fetchImpl });
    await expect(client.getHealth(3)).rejects.toMatchObject({ status: 401, code: "unauthorized" });
    expect(server.calls).toHaveLength(1);
  });

  it("answers a wrong password at sign-in instead of waiting for a sign-in", async () => {
    const onUnauthorized = vi.fn(() => Promise.resolve());
    const server = fakeServer(() => jsonResponse(401, { error: { code: "invalid_credentials", message: "Wrong name or password." } }));
    const client = createClient({ getCsrfToken: () => null, onUnauthorized, fetchImpl: server.fetchImpl });
    await expect(client.signIn("ada", "guess")).rejects.toMatchObject({ status: 401, code: "invalid_credentials" });
    expect(server.calls[0]!.init.body).toBe('{"name":"ada","password":"guess"}');
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it("reads how long to wait from Retry-After when sign-in is rate limited", async () => {
    const server = fakeServer(() => jsonResponse(429, { error: { code: "too_many_attempts", message: "Too many attempts." } }, { "Retry-After": "840" }));
    const client = createClient({ getCsrfToken: () => null, fetchImpl: server.fetchImpl });
    await expect(client.signIn("ada", "guess")).rejects.toMatchObject({ status: 429, code: "too_many_attempts", retryAfterSeconds: 840 });
  });

  it("renews a stale CSRF token once and sends the request again with the fresh one", async () => {
    let csrf = "other-tab";
    const onCsrfFailed = vi.fn(async () => {
      csrf = "fresh";
    });
    const server = fakeServer((call) =>
      headersOf(call)["X-CSRF-Token"] === "fresh" ? new Response(null, { status: 204 }) : jsonResponse(403, { error: { code: "csrf_failed", message: "CSRF token missing or wrong." } }),
    );
    const client = createClient({ getCsrfToken: () => csrf, onCsrfFailed, fetchImpl: server.fetchImpl });
    await expect(client.deleteDataset(3)).resolves.toBeUndefined();
    expect(onCsrfFailed).toHaveBeenCalledOnce();
    expect(server.calls.map((call) => headersOf(call)["X-CSRF-Token"])).toEqual(["other-tab", "fresh"]);
  });

  it("gives up after one renewal when the CSRF token is still refused, and says what to do", async () => {
    const onCsrfFailed = vi.fn(() => Promise.resolve());
    const server = fakeServer(() => jsonResponse(403, { error: { code: "csrf_failed", message: "CSRF token missing or wrong." } }));
    const client = createClient({ getCsrfToken: () => "t", onCsrfFailed, fetchImpl: server.fetchImpl });
    const error = await client.deleteDataset(3).catch((caught: unknown) => caught);
    expect(server.calls).toHaveLength(2);
    expect(describeError(error)).toMatch(/Reload the page/);
  });

  it("passes the server's forbidden message on, which names the role needed, and reports the refusal", async () => {
    const onForbidden = vi.fn();
    const server = fakeServer(() => jsonResponse(403, { error: { code: "forbidden", message: "Your role (viewer) cannot do this: it needs editor." } }));
    const client = createClient({ getCsrfToken: () => "t", onForbidden, fetchImpl: server.fetchImpl });
    const error = await client.createDataset("x", "").catch((caught: unknown) => caught);
    expect(describeError(error)).toBe("Your role (viewer) cannot do this: it needs editor.");
    expect(onForbidden).toHaveBeenCalledOnce();
    expect(server.calls).toHaveLength(1);
  });

  it("asks for records with only the filters that are set, plus paging", async () => {
    const server = fakeServer(() => jsonResponse(200, { items: [], total: 0, total_exact: true, next_cursor: null }));
    const client = createClient({ getCsrfToken: () => "t", fetchImpl: server.fetchImpl });
    await client.listRecords(4, { validity: "invalid", q: "castle & king" }, null, 200);
    expect(server.calls[0]!.url).toBe("/api/datasets/4/records?validity=invalid&q=castle+%26+king&limit=200");
    await client.listRecords(4, { validity: "invalid" }, "c1.9f.3e8", 200);
    expect(server.calls[1]!.url).toBe("/api/datasets/4/records?validity=invalid&cursor=c1.9f.3e8&limit=200");
  });

  it("sends an edited record as the raw request body", async () => {
    const server = fakeServer(() => jsonResponse(200, { valid: true, issues: [], token_count: 9 }));
    const client = createClient({ getCsrfToken: () => "t", fetchImpl: server.fetchImpl });
    const verdict = await client.validateRecord(2, '{"messages":[]}');
    expect(server.calls[0]!.init.method).toBe("POST");
    expect(server.calls[0]!.init.body).toBe('{"messages":[]}');
    expect(verdict.token_count).toBe(9);
  });

  it("sends JSON bodies with a JSON content type", async () => {
    const server = fakeServer(() => jsonResponse(200, { deleted: 2 }));
    const client = createClient({ getCsrfToken: () => "t", fetchImpl: server.fetchImpl });
    await expect(client.deleteRecords(2, [5, 6])).resolves.toEqual({ deleted: 2 });
    expect(server.calls[0]!.init.body).toBe('{"ids":[5,6]}');
    expect((server.calls[0]!.init.headers as Record<string, string>)["Content-Type"]).toBe("application/json");
  });

  it("names an export after the server's Content-Disposition", async () => {
    const server = fakeServer(() => new Response('{"messages":[]}\n', { status: 200, headers: { "Content-Disposition": 'attachment; filename="chess-tutor.jsonl"' } }));
    const client = createClient({ getCsrfToken: () => "t", fetchImpl: server.fetchImpl });
    const download = await client.exportRecords(7, true, "fallback");
    expect(server.calls[0]!.url).toBe("/api/datasets/7/export?valid_only=true");
    expect(download.filename).toBe("chess-tutor.jsonl");
    expect(await download.blob.text()).toBe('{"messages":[]}\n');
  });

  it("resolves a 204 delete without reading a body", async () => {
    const server = fakeServer(() => new Response(null, { status: 204 }));
    const client = createClient({ getCsrfToken: () => "t", fetchImpl: server.fetchImpl });
    await expect(client.deleteDataset(3)).resolves.toBeUndefined();
    expect(server.calls[0]!.init.method).toBe("DELETE");
  });
});

describe("file upload", () => {
  // A stand-in for the browser's XMLHttpRequest: records what was opened and sent, and lets the
  // test answer or abort it.
  class FakeXhr {
    static last: FakeXhr | null = null;
    url = "";
    headers: Record<string, string> = {};
    sent = false;
    aborted = false;
    status = 0;
    statusText = "";
    responseText = "";
    upload: { onprogress: ((event: { loaded: number; total: number; lengthComputable: boolean }) => void) | null } = { onprogress: null };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    onabort: (() => void) | null = null;
    onloadend: (() => void) | null = null;
    constructor() {
      FakeXhr.last = this;
    }
    open(_method: string, url: string) {
      this.url = url;
    }
    setRequestHeader(name: string, value: string) {
      this.headers[name] = value;
    }
    send() {
      this.sent = true;
    }
    abort() {
      this.aborted = true;
      this.onabort?.();
      this.onloadend?.();
    }
    answer(status: number, body: unknown) {
      this.status = status;
      this.responseText = JSON.stringify(body);
      this.onload?.();
      this.onloadend?.();
    }
  }
  const file = { name: "chess tutor.jsonl", size: 10 } as File;
  afterEach(() => {
    vi.unstubAllGlobals();
    FakeXhr.last = null;
  });

  it("asks the server to start the next step only when told to", () => {
    expect(importPath(4, "a b.jsonl", { mode: "append", start: true })).toBe("/api/datasets/4/import?mode=append&filename=a+b.jsonl&start=true");
    expect(importPath(4, "a.jsonl", { mode: "replace" })).toBe("/api/datasets/4/import?mode=replace&filename=a.jsonl");
    expect(importPath(4, "a.jsonl", { mode: "append", start: false })).toBe("/api/datasets/4/import?mode=append&filename=a.jsonl");
  });

  it("uploads to the import path with the CSRF token and resolves with the server's job", async () => {
    vi.stubGlobal("XMLHttpRequest", FakeXhr);
    const client = createClient({ getCsrfToken: () => "csrf-1" });
    const pending = client.importFile(4, file, { mode: "append", start: true });
    expect(FakeXhr.last!.url).toBe("/api/datasets/4/import?mode=append&filename=chess+tutor.jsonl&start=true");
    expect(FakeXhr.last!.headers).toEqual({ "Content-Type": "application/x-ndjson", "X-CSRF-Token": "csrf-1" });
    FakeXhr.last!.answer(202, { id: 9, kind: "import" });
    await expect(pending).resolves.toMatchObject({ id: 9 });
  });

  it("uploads the file again once the person signed in again after a 401", async () => {
    vi.stubGlobal("XMLHttpRequest", FakeXhr);
    let signedInAgain = () => {};
    const onUnauthorized = vi.fn(() => new Promise<void>((resolve) => (signedInAgain = resolve)));
    const client = createClient({ getCsrfToken: () => "csrf-1", onUnauthorized });
    const pending = client.importFile(4, file, { mode: "append" });
    const first = FakeXhr.last!;
    first.answer(401, { error: { code: "unauthorized", message: "Sign in first." } });
    await vi.waitFor(() => expect(onUnauthorized).toHaveBeenCalledOnce());
    signedInAgain();
    await vi.waitFor(() => expect(FakeXhr.last).not.toBe(first));
    expect(FakeXhr.last!.sent).toBe(true);
    FakeXhr.last!.answer(202, { id: 9, kind: "import" });
    await expect(pending).resolves.toMatchObject({ id: 9 });
  });

  it("aborts the request when its signal fires, and says the upload was cancelled", async () => {
    vi.stubGlobal("XMLHttpRequest", FakeXhr);
    const client = createClient({ getCsrfToken: () => "csrf-1" });
    const controller = new AbortController();
    const pending = client.importFile(4, file, { mode: "append", signal: controller.signal });
    controller.abort();
    expect(FakeXhr.last!.aborted).toBe(true);
    const error = await pending.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UploadCancelledError);
    expect(describeError(error)).toBe("Upload cancelled.");
  });

  it("does not start an upload whose signal has already fired", async () => {
    vi.stubGlobal("XMLHttpRequest", FakeXhr);
    const client = createClient({ getCsrfToken: () => "csrf-1" });
    const controller = new AbortController();
    controller.abort();
    await expect(client.importFile(4, file, { mode: "append", signal: controller.signal })).rejects.toBeInstanceOf(UploadCancelledError);
    expect(FakeXhr.last).toBeNull();
  });
});

describe("buildQuery", () => {
  it("leaves out empty and undefined values", () => {
    expect(buildQuery({ a: undefined, b: "", c: 0, d: false })).toBe("?c=0&d=false");
    expect(buildQuery({})).toBe("");
  });
});

describe("filenameFromDisposition", () => {
  it("falls back when the header is missing or has no filename", () => {
    expect(filenameFromDisposition(null, "x.jsonl")).toBe("x.jsonl");
    expect(filenameFromDisposition("attachment", "x.jsonl")).toBe("x.jsonl");
  });
  it("reads RFC 5987 encoded names", () => {
    expect(filenameFromDisposition("attachment; filename*=UTF-8''caf%C3%A9.jsonl", "x")).toBe("café.jsonl");
  });
});

describe("describeError", () => {
  it("explains a network failure in words", () => {
    expect(describeError(new TypeError("Failed to fetch"))).toMatch(/could not be reached/);
  });
});
