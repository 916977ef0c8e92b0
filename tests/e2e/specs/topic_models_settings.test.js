// Topic models in the dataset settings (issue #5): on a server whose provider is a local fake
// OpenAI upstream, the settings dialog refuses a model no provider serves (naming the field),
// saves the embedding and labeling models, and discovery then uses them: the topic names are
// the ones the fake LLM wrote. Screenshots: 60-…, 61-….
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { openBrowser, screenshot, signIn } from "../lib/browser.js";
import { startFakeOpenAI } from "../lib/fakeOpenAI.js";
import { writeUpload } from "../lib/fixtures.js";
import { startServer } from "../lib/server.js";

const UPLOAD = join(process.env.E2E_WORK, "topic-models.jsonl");
writeUpload(UPLOAD, 240);

// Names a topic after its most distinctive term, so the test can tell LLM names from keyword ones.
function nameFromPrompt(body) {
  const prompt = body.messages?.at(-1)?.content ?? "";
  const term = /most distinctive first: ([^,\n]+)/.exec(prompt)?.[1] ?? "misc";
  return { content: JSON.stringify({ name: `Asks about ${term}`, description: `Requests that mention ${term}.` }) };
}

let fake;
let server;
let browser;
let page;
let datasetId;

async function api(method, path, body, contentType = "application/json") {
  const response = await fetch(server.url + path, {
    method,
    headers: { Authorization: `Bearer ${server.token}`, ...(body ? { "Content-Type": contentType } : {}) },
    body,
  });
  const text = await response.text();
  assert.ok(response.ok, `${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

async function waitForJob(id) {
  for (let i = 0; i < 600; i++) {
    const job = await api("GET", `/api/jobs/${id}`);
    if (job.state !== "queued" && job.state !== "running") return job;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`job ${id} did not finish`);
}

before(async () => {
  fake = await startFakeOpenAI({ reply: nameFromPrompt });
  server = await startServer({
    config: {
      providers: [
        { name: "fake", base_url: fake.baseUrl },
        // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
        { name: "nowhere", base_url: "http://127.0.0.1:9/v1" },
      ],
      models: [
        { name: "embedder", provider: "fake", upstream_model: "fake-embedding" },
        { name: "namer", provider: "fake", upstream_model: "fake-chat" },
        { name: "unreachable-embedder", provider: "nowhere", upstream_model: "fake-embedding" },
      ],
    },
  });
  const dataset = await api("POST", "/api/datasets", JSON.stringify({ name: "topic-models", objective: "Route banking and travel requests" }));
  datasetId = dataset.id;
  const job = await api("POST", `/api/datasets/${datasetId}/import?filename=topic-models.jsonl`, readFileSync(UPLOAD), "application/x-ndjson");
  assert.equal((await waitForJob(job.id)).state, "succeeded");

  browser = await openBrowser();
  page = browser.page;
  await signIn(page, server.url, server.token);
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await fake?.close();
});

test("the settings dialog refuses a model no provider serves and names the field", async () => {
  await page.goto(`${server.url}/optimization/${datasetId}`);
  await page.getByRole("button", { name: "Dataset settings" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByRole("heading", { name: "Topic models" }).waitFor();
  assert.equal(await dialog.getByLabel("Embedding model").inputValue(), "");
  await dialog.getByLabel("Embedding model").fill("text-embedding-3-small");
  await dialog.getByRole("button", { name: "Save" }).click();
  await dialog.getByRole("alert").filter({ hasText: "no provider serves the model 'text-embedding-3-small'" }).waitFor();
  assert.equal(await dialog.getByLabel("Embedding model").getAttribute("aria-invalid"), "true");
  assert.equal(await dialog.getByLabel("Labeling model").getAttribute("aria-invalid"), "false");
  await screenshot(page, "61-settings-unknown-model");
});

test("saved topic models are used by discovery: provider vectors and the LLM's names", async () => {
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Embedding model").fill("embedder");
  await dialog.getByLabel("Labeling model").fill("namer");
  await screenshot(page, "60-settings-topic-models");
  await dialog.getByRole("button", { name: "Save" }).click();
  await dialog.waitFor({ state: "detached" });

  const saved = await api("GET", `/api/datasets/${datasetId}`);
  assert.equal(saved.settings.embedding_model, "embedder");
  assert.equal(saved.settings.labeling_model, "namer");

  // Reopened, the dialog shows what was saved.
  await page.getByRole("button", { name: "Dataset settings" }).click();
  assert.equal(await page.getByRole("dialog").getByLabel("Labeling model").inputValue(), "namer");
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();

  const job = await waitForJob((await api("POST", `/api/datasets/${datasetId}/topics/discover`, JSON.stringify({ topics: 4 }))).id);
  assert.equal(job.state, "succeeded", JSON.stringify(job));
  assert.equal(job.result.embeddings, "provider", JSON.stringify(job.result));
  assert.equal(job.result.labels, "llm");
  assert.equal(job.result.fallback, null);
  const topics = await api("GET", `/api/datasets/${datasetId}/topics`);
  assert.equal(topics.topics.length, 4);
  for (const topic of topics.topics) assert.match(topic.name, /^Asks about /);
  assert.equal(topics.method.discovery.embeddings, "provider");
  const models = new Set(fake.requests.filter((request) => request.method === "POST").map((request) => request.body.model));
  assert.deepEqual([...models].sort(), ["fake-chat", "fake-embedding"]);

  // The canvas says how the topics were made.
  await page.reload();
  await page.locator('[data-step="topics"]').click();
  assert.equal(await page.getByTestId("topics-method").innerText(), "embeddings from embedder · names by namer");
  assert.equal(await page.getByTestId("topics-fallback").count(), 0);
  await screenshot(page, "62-topics-method");
});

test("a model that fails falls back to the offline method, and step 2 says why", async () => {
  await api("PATCH", `/api/datasets/${datasetId}`, JSON.stringify({ settings: { embedding_model: "unreachable-embedder" } }));
  const job = await waitForJob((await api("POST", `/api/datasets/${datasetId}/topics/categorize`, JSON.stringify({ mode: "all" }))).id);
  assert.equal(job.state, "succeeded", JSON.stringify(job));
  assert.equal(job.result.embeddings, "lexical");
  assert.match(job.result.fallback, /unreachable-embedder/);

  await page.reload();
  await page.locator('[data-step="topics"]').click();
  // Records are now assigned with the offline vectors; the names still came from the LLM.
  assert.equal(
      await page.getByTestId('topics-method').innerText(), 'offline embeddings · names by namer');
  // Hovering the method says what the offline embeddings are.
  assert.match(await page.getByTestId('topics-method').getAttribute('title'), /GloVe word vectors/);
  const notice = await page.getByTestId("topics-fallback").innerText();
  assert.match(notice, /unreachable-embedder/);
  assert.doesNotMatch(notice, /sk-|Bearer/);
  await screenshot(page, "63-topics-fallback");
});
