// The request layer under the API client: the session cookie goes with every call (same origin)
// and the session's CSRF token with every state-changing one (docs/access.md); the server's JSON
// error shape is parsed into an ApiError. A 401 after signing in waits for the person to sign in
// again and then sends the request again, so an editor's unsaved work survives an ended session.
import { ApiError, isCsrfFailure } from "./errors";
import type { ImportMode } from "./types";

export interface ClientOptions {
  /** Same-origin by default: the server that serves the UI also serves the API, and the session cookie goes with every call. */
  baseUrl?: string;
  /** The signed-in session's CSRF token, sent on every state-changing request; null before sign-in. */
  getCsrfToken: () => string | null;
  /**
   * A 401: the session ended. Resolves once the person signed in again, and the request is sent
   * again (it never reached its handler); rejects to give up, and the request fails with the 401.
   */
  onUnauthorized?: () => Promise<void>;
  /** A 403 csrf_failed: the cookie is another session's than the token (signed in again in another tab). Resolves once the token is renewed; the request is sent again, once. */
  onCsrfFailed?: () => Promise<void>;
  /** A 403 forbidden: the person's role may have changed since the page learnt it. */
  onForbidden?: () => void;
  fetchImpl?: typeof fetch;
}

export interface Download {
  blob: Blob;
  filename: string;
}

export interface UploadOptions {
  mode: ImportMode;
  /** After the import succeeds, the server queues the next step itself (topic discovery, or categorizing the new records). */
  start?: boolean;
  onProgress?: (sentBytes: number, totalBytes: number) => void;
  /** Aborting it stops the upload; the promise then rejects with an UploadCancelledError. */
  signal?: AbortSignal;
}

type Query = Record<string, string | number | boolean | undefined>;

export interface RequestOptions {
  body?: BodyInit;
  /** Sent as the JSON body. */
  json?: unknown;
  /** False for signing in and out, whose 401 is an answer (wrong password, signed out already), not a session to renew. */
  renewSessionOn401?: boolean;
  /** Beside the CSRF token (the gateway's routing headers, say). */
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export function buildQuery(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === "") continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** POST /api/datasets/:id/import's path and query for a file upload. */
export function importPath(datasetId: number, filename: string, upload: Pick<UploadOptions, "mode" | "start">): string {
  return `/api/datasets/${datasetId}/import` + buildQuery({ mode: upload.mode, filename, start: upload.start || undefined });
}

/** The filename a Content-Disposition header names, or the fallback. */
export function filenameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(header);
  return match?.[1] ? decodeURIComponent(match[1]) : fallback;
}

/** Retry-After in seconds: its delay-seconds or HTTP-date form (RFC 9110, 10.2.3); null when absent or unreadable. */
export function retryAfterSeconds(header: string | null, now: number = Date.now()): number | null {
  if (header === null || header.trim() === "") return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}

export async function errorFrom(response: Response): Promise<ApiError> {
  let code = "http_" + response.status;
  let message = `The server answered ${response.status} ${response.statusText}.`;
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string } };
    if (body.error?.code) code = body.error.code;
    if (body.error?.message) message = body.error.message;
  } catch {
    // Not JSON (a proxy's HTML page, say): keep the status line as the message.
  }
  return new ApiError(response.status, code, message, retryAfterSeconds(response.headers.get("Retry-After")));
}

/** The methods that change something: the server wants the CSRF token on these only. */
const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function createHttp(options: ClientOptions) {
  const baseUrl = options.baseUrl ?? "";
  const doFetch = options.fetchImpl ?? ((input, init) => fetch(input, init));

  /** `extra` plus X-CSRF-Token when the method changes something and a session is signed in. */
  function requestHeaders(method: string, extra: Record<string, string> = {}): Record<string, string> {
    const csrfToken = STATE_CHANGING.has(method) ? options.getCsrfToken() : null;
    return csrfToken ? { ...extra, "X-CSRF-Token": csrfToken } : { ...extra };
  }

  /**
   * Runs `attempt` (one request, fetch or XHR) until the session lets it through: after a 401 it
   * waits for the person to sign in again, after a stale CSRF token for a fresh one. Both refusals
   * come before any handler runs, so sending the request again is safe.
   */
  async function withSession<T>(attempt: () => Promise<T>, renewSessionOn401 = true): Promise<T> {
    let csrfRenewed = false;
    for (;;) {
      try {
        return await attempt();
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        if (error.status === 401 && renewSessionOn401 && options.onUnauthorized) {
          await options.onUnauthorized().catch(() => Promise.reject(error));
          continue;
        }
        if (isCsrfFailure(error) && !csrfRenewed && options.onCsrfFailed) {
          csrfRenewed = true;
          await options.onCsrfFailed().catch(() => Promise.reject(error));
          continue;
        }
        if (error.status === 403 && error.code === "forbidden") options.onForbidden?.();
        throw error;
      }
    }
  }

  function send(method: string, path: string, init: RequestOptions = {}) {
    return withSession(async () => {
      const headers = requestHeaders(method, init.headers);
      let body = init.body;
      if (init.json !== undefined) {
        headers["Content-Type"] = "application/json";
        body = JSON.stringify(init.json);
      }
      const response = await doFetch(baseUrl + path, { method, headers, body, signal: init.signal, credentials: "same-origin" });
      if (!response.ok) throw await errorFrom(response);
      return response;
    }, init.renewSessionOn401);
  }

  async function json<T>(method: string, path: string, init: RequestOptions = {}) {
    const response = await send(method, path, init);
    return (await response.json()) as T;
  }
  /** A GET whose answer is a file to save, named as the server's Content-Disposition says. */
  async function download(path: string, fallbackName: string): Promise<Download> {
    const response = await send("GET", path);
    return { blob: await response.blob(), filename: filenameFromDisposition(response.headers.get("Content-Disposition"), fallbackName) };
  }

  return { baseUrl, requestHeaders, withSession, send, json, download };
}

/** What each group of endpoints builds on. */
export type Http = ReturnType<typeof createHttp>;
