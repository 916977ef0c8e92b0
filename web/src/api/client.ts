// The one place the UI talks to the server: every endpoint, typed. The request layer (session,
// CSRF token, errors, 401) is in http.ts; each capability's endpoints live in their own file beside this one.
import { UploadCancelledError } from "./errors";
import { buildQuery, createHttp, errorFrom, importPath, type ClientOptions, type Download, type UploadOptions } from "./http";
import type {
  Dataset,
  DatasetPatch,
  DatasetSummary,
  Health,
  Job,
  Page,
  RecordDetail,
  RecordPage,
  RecordQuery,
  RecordSummary,
  Verdict,
} from "./types";
import { benchmarksEndpoints } from "./benchmarksApi";
import { deploymentsEndpoints } from "./deploymentsApi";
import { generationEndpoints } from "./generationApi";
import { gradingEndpoints } from "./gradingApi";
import { playgroundEndpoints } from "./playgroundApi";
import { teamEndpoints } from "./teamApi";
import { topicsEndpoints } from "./topicsApi";
import { trainingEndpoints } from "./trainingApi";
import { tracesEndpoints } from "./tracesApi";

export type { ClientOptions, Download, UploadOptions } from "./http";
export { buildQuery, filenameFromDisposition, importPath } from "./http";

export function createClient(options: ClientOptions) {
  const http = createHttp(options);
  const { baseUrl, requestHeaders, withSession, send, json } = http;

  return {
    // Each capability's endpoints, from its own file.
    ...tracesEndpoints(http),
    ...topicsEndpoints(http),
    ...generationEndpoints(http),
    ...gradingEndpoints(http),
    ...trainingEndpoints(http),
    ...deploymentsEndpoints(http),
    ...benchmarksEndpoints(http),
    ...playgroundEndpoints(http),
    ...teamEndpoints(http),

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

    /** `cursor`: a page's `next_cursor`, or null for the first page. */
    listRecords: (id: number, query: RecordQuery, cursor: string | null, limit: number) =>
      json<RecordPage>("GET", `/api/datasets/${id}/records` + buildQuery({ ...query, cursor: cursor ?? undefined, limit })),
    getRecord: (id: number, recordId: number) => json<RecordDetail>("GET", `/api/datasets/${id}/records/${recordId}`),
    saveRecord: (id: number, recordId: number, text: string) =>
      json<RecordSummary>("PUT", `/api/datasets/${id}/records/${recordId}`, { body: text }),
    validateRecord: (id: number, text: string) => json<Verdict>("POST", `/api/datasets/${id}/validate`, { body: text }),
    deleteRecord: async (id: number, recordId: number) => {
      await send("DELETE", `/api/datasets/${id}/records/${recordId}`);
    },
    deleteRecords: (id: number, ids: number[]) =>
      json<{ deleted: number }>("POST", `/api/datasets/${id}/records/delete`, { json: { ids } }),

    /** The records as JSONL: all, the valid ones, or a topic's (its sub-topics' too). */
    exportRecords: (id: number, validOnly: boolean, fallbackName: string, topic?: string): Promise<Download> =>
      http.download(`/api/datasets/${id}/export` + buildQuery({ valid_only: validOnly || undefined, topic }), fallbackName + ".jsonl"),

    getJob: (jobId: number) => json<Job>("GET", `/api/jobs/${jobId}`),
    listJobs: (id: number) => json<{ items: Job[] }>("GET", `/api/datasets/${id}/jobs`),
    cancelJob: (jobId: number) => json<Job>("POST", `/api/jobs/${jobId}/cancel`),

    /** Streams the file as the request body. XMLHttpRequest because fetch reports no upload progress. */
    importFile: (id: number, file: File, upload: UploadOptions) =>
      withSession(
        () =>
          new Promise<Job>((resolve, reject) => {
            const { signal } = upload;
            if (signal?.aborted) {
              reject(new UploadCancelledError());
              return;
            }
            const xhr = new XMLHttpRequest();
            const abort = () => xhr.abort();
            signal?.addEventListener("abort", abort, { once: true });
            xhr.onloadend = () => signal?.removeEventListener("abort", abort);
            xhr.open("POST", baseUrl + importPath(id, file.name, upload));
            const headers = requestHeaders("POST", { "Content-Type": "application/x-ndjson" });
            for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
            xhr.upload.onprogress = (event) => upload.onProgress?.(event.loaded, event.lengthComputable ? event.total : file.size);
            xhr.onload = () => {
              if (xhr.status >= 200 && xhr.status < 300) {
                resolve(JSON.parse(xhr.responseText) as Job);
                return;
              }
              errorFrom(new Response(xhr.responseText, { status: xhr.status, statusText: xhr.statusText })).then(reject, reject);
            };
            xhr.onerror = () => reject(new TypeError("network error"));
            xhr.onabort = () => reject(new UploadCancelledError());
            xhr.send(file);
          }),
      ),
  };
}

export type ApiClient = ReturnType<typeof createClient>;
