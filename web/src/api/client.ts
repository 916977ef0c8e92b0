// The one place the UI talks to the server. Every call sends the admin token, parses the
// server's JSON error shape into an ApiError, and reports a 401 so the app can ask to sign in.
import { ApiError } from "./errors";
import type {
  Dataset,
  DatasetPatch,
  DatasetSummary,
  Health,
  ImportMode,
  Job,
  Page,
  RecordDetail,
  RecordQuery,
  RecordSummary,
  Session,
  Verdict,
} from "./types";

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
  onProgress?: (sentBytes: number, totalBytes: number) => void;
  signal?: AbortSignal;
}

type Query = Record<string, string | number | boolean | undefined>;

export function buildQuery(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === "") continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The filename a Content-Disposition header names, or the fallback. */
export function filenameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(header);
  return match?.[1] ? decodeURIComponent(match[1]) : fallback;
}

async function errorFrom(response: Response): Promise<ApiError> {
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

export function createClient(options: ClientOptions) {
  const baseUrl = options.baseUrl ?? "";
  const doFetch = options.fetchImpl ?? ((input, init) => fetch(input, init));

  function authHeaders(token?: string | null): Record<string, string> {
    const value = token ?? options.getToken();
    return value ? { Authorization: `Bearer ${value}` } : {};
  }

  async function send(method: string, path: string, init: { body?: BodyInit; json?: unknown; token?: string } = {}) {
    const headers: Record<string, string> = authHeaders(init.token);
    let body = init.body;
    if (init.json !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(init.json);
    }
    const response = await doFetch(baseUrl + path, { method, headers, body });
    if (!response.ok) {
      const error = await errorFrom(response);
      // Checking a token at sign-in answers 401 too; that is a wrong token, not an expired session.
      if (error.status === 401 && init.token === undefined) options.onUnauthorized?.();
      throw error;
    }
    return response;
  }

  async function json<T>(method: string, path: string, init: { body?: BodyInit; json?: unknown; token?: string } = {}) {
    const response = await send(method, path, init);
    return (await response.json()) as T;
  }

  return {
    checkToken: (token: string) => json<Session>("GET", "/api/session", { token }),

    listDatasets: () => json<Page<DatasetSummary>>("GET", "/api/datasets"),
    getDataset: (id: number) => json<Dataset>("GET", `/api/datasets/${id}`),
    createDataset: (name: string, objective: string) => json<Dataset>("POST", "/api/datasets", { json: { name, objective } }),
    updateDataset: (id: number, patch: DatasetPatch) => json<Dataset>("PATCH", `/api/datasets/${id}`, { json: patch }),
    duplicateDataset: (id: number, name?: string) =>
      json<Dataset>("POST", `/api/datasets/${id}/duplicate`, { json: name ? { name } : {} }),
    deleteDataset: async (id: number) => {
      await send("DELETE", `/api/datasets/${id}`);
    },
    getHealth: (id: number) => json<Health>("GET", `/api/datasets/${id}/health`),

    listRecords: (id: number, query: RecordQuery, offset: number, limit: number) =>
      json<Page<RecordSummary>>("GET", `/api/datasets/${id}/records` + buildQuery({ ...query, offset, limit })),
    getRecord: (id: number, recordId: number) => json<RecordDetail>("GET", `/api/datasets/${id}/records/${recordId}`),
    saveRecord: (id: number, recordId: number, text: string) =>
      json<RecordSummary>("PUT", `/api/datasets/${id}/records/${recordId}`, { body: text }),
    validateRecord: (id: number, text: string) => json<Verdict>("POST", `/api/datasets/${id}/validate`, { body: text }),
    deleteRecord: async (id: number, recordId: number) => {
      await send("DELETE", `/api/datasets/${id}/records/${recordId}`);
    },
    deleteRecords: (id: number, ids: number[]) =>
      json<{ deleted: number }>("POST", `/api/datasets/${id}/records/delete`, { json: { ids } }),

    exportRecords: async (id: number, validOnly: boolean, fallbackName: string): Promise<Download> => {
      const response = await send("GET", `/api/datasets/${id}/export` + buildQuery({ valid_only: validOnly || undefined }));
      const filename = filenameFromDisposition(response.headers.get("Content-Disposition"), fallbackName + ".jsonl");
      return { blob: await response.blob(), filename };
    },

    getJob: (jobId: number) => json<Job>("GET", `/api/jobs/${jobId}`),
    listJobs: (id: number) => json<{ items: Job[] }>("GET", `/api/datasets/${id}/jobs`),
    cancelJob: (jobId: number) => json<Job>("POST", `/api/jobs/${jobId}/cancel`),

    /** Streams the file as the request body. XMLHttpRequest because fetch reports no upload progress. */
    importFile: (id: number, file: File, upload: UploadOptions) =>
      new Promise<Job>((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open("POST", baseUrl + `/api/datasets/${id}/import` + buildQuery({ mode: upload.mode, filename: file.name }));
        for (const [name, value] of Object.entries(authHeaders())) xhr.setRequestHeader(name, value);
        xhr.setRequestHeader("Content-Type", "application/x-ndjson");
        xhr.upload.onprogress = (event) => upload.onProgress?.(event.loaded, event.lengthComputable ? event.total : file.size);
        xhr.onload = () => {
          if (xhr.status >= 200 && xhr.status < 300) {
            resolve(JSON.parse(xhr.responseText) as Job);
            return;
          }
          errorFrom(new Response(xhr.responseText, { status: xhr.status, statusText: xhr.statusText })).then((error) => {
            if (error.status === 401) options.onUnauthorized?.();
            reject(error);
          }, reject);
        };
        xhr.onerror = () => reject(new TypeError("network error"));
        xhr.onabort = () => reject(new DOMException("The upload was cancelled.", "AbortError"));
        upload.signal?.addEventListener("abort", () => xhr.abort());
        xhr.send(file);
      }),
  };
}

export type ApiClient = ReturnType<typeof createClient>;
