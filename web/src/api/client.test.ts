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

describe("api client", () => {
  it("sends the stored admin token as a bearer token", async () => {
    const server = fakeServer(() => jsonResponse(200, { items: [], total: 0 }));
    const client = createClient({ getToken: () => "secret", fetchImpl: server.fetchImpl });
    await client.listDatasets();
    expect(server.calls[0]!.url).toBe("/api/datasets");
    expect((server.calls[0]!.init.headers as Record<string, string>).Authorization).toBe("Bearer secret");
  });

  it("turns the server's error body into an ApiError with its code and message", async () => {
    const server = fakeServer(() => jsonResponse(409, { error: { code: "conflict", message: "A dataset named x exists." } }));
    const client = createClient({ getToken: () => "t", fetchImpl: server.fetchImpl });
    const error = await client.createDataset("x", "").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: "conflict", message: "A dataset named x exists." });
  });

  it("keeps the status line when an error body is not JSON", async () => {
    const server = fakeServer(() => new Response("<html>bad gateway</html>", { status: 502, statusText: "Bad Gateway" }));
    const client = createClient({ getToken: () => "t", fetchImpl: server.fetchImpl });
    const error = await client.getDataset(1).catch((caught: unknown) => caught);
    expect(describeError(error)).toBe("The server answered 502 Bad Gateway.");
  });

  it("reports a 401 on an ordinary call so the app can send the user to sign-in", async () => {
    const onUnauthorized = vi.fn();
    const server = fakeServer(() => jsonResponse(401, { error: { code: "unauthorized", message: "Bad token." } }));
    const client = createClient({ getToken: () => "old", onUnauthorized, fetchImpl: server.fetchImpl });
    await expect(client.getHealth(3)).rejects.toMatchObject({ status: 401 });
    expect(onUnauthorized).toHaveBeenCalledOnce();
  });

  it("does not sign out when a candidate token is rejected at sign-in", async () => {
    const onUnauthorized = vi.fn();
    const server = fakeServer(() => jsonResponse(401, { error: { code: "unauthorized", message: "Bad token." } }));
    const client = createClient({ getToken: () => null, onUnauthorized, fetchImpl: server.fetchImpl });
    await expect(client.checkToken("guess")).rejects.toMatchObject({ status: 401 });
    expect((server.calls[0]!.init.headers as Record<string, string>).Authorization).toBe("Bearer guess");
    expect(onUnauthorized).not.toHaveBeenCalled();
  });

  it("asks for records with only the filters that are set, plus paging", async () => {
    const server = fakeServer(() => jsonResponse(200, { items: [], total: 0, total_exact: true, next_cursor: null }));
    const client = createClient({ getToken: () => "t", fetchImpl: server.fetchImpl });
    await client.listRecords(4, { validity: "invalid", q: "castle & king" }, null, 200);
    expect(server.calls[0]!.url).toBe("/api/datasets/4/records?validity=invalid&q=castle+%26+king&limit=200");
    await client.listRecords(4, { validity: "invalid" }, "c1.9f.3e8", 200);
    expect(server.calls[1]!.url).toBe("/api/datasets/4/records?validity=invalid&cursor=c1.9f.3e8&limit=200");
  });

  it("sends an edited record as the raw request body", async () => {
    const server = fakeServer(() => jsonResponse(200, { valid: true, issues: [], token_count: 9 }));
    const client = createClient({ getToken: () => "t", fetchImpl: server.fetchImpl });
    const verdict = await client.validateRecord(2, '{"messages":[]}');
    expect(server.calls[0]!.init.method).toBe("POST");
    expect(server.calls[0]!.init.body).toBe('{"messages":[]}');
    expect(verdict.token_count).toBe(9);
  });

  it("sends JSON bodies with a JSON content type", async () => {
    const server = fakeServer(() => jsonResponse(200, { deleted: 2 }));
    const client = createClient({ getToken: () => "t", fetchImpl: server.fetchImpl });
    await expect(client.deleteRecords(2, [5, 6])).resolves.toEqual({ deleted: 2 });
    expect(server.calls[0]!.init.body).toBe('{"ids":[5,6]}');
    expect((server.calls[0]!.init.headers as Record<string, string>)["Content-Type"]).toBe("application/json");
  });

  it("names an export after the server's Content-Disposition", async () => {
    const server = fakeServer(() => new Response('{"messages":[]}\n', { status: 200, headers: { "Content-Disposition": 'attachment; filename="chess-tutor.jsonl"' } }));
    const client = createClient({ getToken: () => "t", fetchImpl: server.fetchImpl });
    const download = await client.exportRecords(7, true, "fallback");
    expect(server.calls[0]!.url).toBe("/api/datasets/7/export?valid_only=true");
    expect(download.filename).toBe("chess-tutor.jsonl");
    expect(await download.blob.text()).toBe('{"messages":[]}\n');
  });

  it("resolves a 204 delete without reading a body", async () => {
    const server = fakeServer(() => new Response(null, { status: 204 }));
    const client = createClient({ getToken: () => "t", fetchImpl: server.fetchImpl });
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
    setRequestHeader() {}
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

  it("uploads to the import path and resolves with the server's job", async () => {
    vi.stubGlobal("XMLHttpRequest", FakeXhr);
    const client = createClient({ getToken: () => "t" });
    const pending = client.importFile(4, file, { mode: "append", start: true });
    expect(FakeXhr.last!.url).toBe("/api/datasets/4/import?mode=append&filename=chess+tutor.jsonl&start=true");
    FakeXhr.last!.answer(202, { id: 9, kind: "import" });
    await expect(pending).resolves.toMatchObject({ id: 9 });
  });

  it("aborts the request when its signal fires, and says the upload was cancelled", async () => {
    vi.stubGlobal("XMLHttpRequest", FakeXhr);
    const client = createClient({ getToken: () => "t" });
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
    const client = createClient({ getToken: () => "t" });
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
