// The request layer under the API client: the admin token on every call, the server's JSON
// error shape parsed into an ApiError, a 401 reported so the app can ask to sign in.
import { ApiError } from "./errors";
import type { ImportMode } from "./types";

export interface ClientOptions {
  /** Same-origin by default: the server that serves the UI also serves the API. */
  baseUrl?: string;
  getToken: () => string | null;
  onUnauthorized?: () => void;
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
  /** Instead of the stored one: checking a token at sign-in. */
  token?: string;
  /** Beside the token (the gateway's routing headers, say). */
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
  return new ApiError(response.status, code, message);
}

export function createHttp(options: ClientOptions) {
  const baseUrl = options.baseUrl ?? "";
  const doFetch = options.fetchImpl ?? ((input, init) => fetch(input, init));

  function authHeaders(token?: string | null): Record<string, string> {
    const value = token ?? options.getToken();
    return value ? { Authorization: `Bearer ${value}` } : {};
  }

  async function send(method: string, path: string, init: RequestOptions = {}) {
    const headers: Record<string, string> = { ...init.headers, ...authHeaders(init.token) };
    let body = init.body;
    if (init.json !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(init.json);
    }
    const response = await doFetch(baseUrl + path, { method, headers, body, signal: init.signal });
    if (!response.ok) {
      const error = await errorFrom(response);
      // Checking a token at sign-in answers 401 too; that is a wrong token, not an expired session.
      if (error.status === 401 && init.token === undefined) options.onUnauthorized?.();
      throw error;
    }
    return response;
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

  return { baseUrl, authHeaders, send, json, download, onUnauthorized: options.onUnauthorized };
}

/** What each group of endpoints builds on. */
export type Http = ReturnType<typeof createHttp>;
