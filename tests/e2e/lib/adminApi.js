// The REST API with a server's admin token, for a spec's setup and its checks: `api` answers the
// parsed JSON (a string body is sent as JSONL, anything else as JSON) and fails the test on an
// error status; `waitForJob` polls a job until it succeeds and fails the test if it ends otherwise;
// `createDataset` makes a dataset from a JSONL file.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { basename } from "node:path";

/** `getServer` returns the { url, token } of startServer (assigned in the spec's before()). */
export function adminApi(getServer) {
  async function api(method, path, body) {
    const server = getServer();
    const headers = { Authorization: `Bearer ${server.token}` };
    let payload;
    if (typeof body === "string") {
      payload = body;
      headers["Content-Type"] = "application/x-ndjson";
    } else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers["Content-Type"] = "application/json";
    }
    const response = await fetch(server.url + path, { method, headers, body: payload });
    assert.ok(response.ok, `${method} ${path} answered ${response.status}: ${await response.clone().text()}`);
    return response.json();
  }

  async function waitForJob(id) {
    for (let attempt = 0; attempt < 600; attempt++) {
      const job = await api("GET", `/api/jobs/${id}`);
      if (job.state === "succeeded") return job;
      assert.ok(job.state === "queued" || job.state === "running", `job ${id} ended ${job.state}: ${job.error}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`job ${id} did not finish`);
  }

  /** A dataset with the records of a JSONL file (its import job done); answers its id. */
  async function createDataset(name, objective, file) {
    const { id } = await api("POST", "/api/datasets", { name, objective });
    const job = await api("POST", `/api/datasets/${id}/import?mode=append&filename=${encodeURIComponent(basename(file))}`, readFileSync(file, "utf8"));
    await waitForJob(job.id);
    return id;
  }

  return { api, waitForJob, createDataset };
}
