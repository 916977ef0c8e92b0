// Step 7 in the web UI against a server of its own whose zero-config provider (OPENAI_API_KEY,
// OPENAI_BASE_URL) is a fake upstream in this process, so every model name is served: a dataset
// with a script grader, a GO reference dry run and an external run that succeeded with the model
// `e2e-tuned`. The form starts from that run; a refusal is shown under the form in the server's
// words; an A/B deployment is listed with its arms' figures as calls go through the gateway, then
// promoted and rolled back.
import assert from "node:assert/strict";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, test } from "node:test";
import { openBrowser, openCanvas, screenshot, signIn } from "../lib/browser.js";
import { startFakeOpenAI } from "../lib/fakeOpenAI.js";
import { writeUpload } from "../lib/fixtures.js";
import { startServer } from "../lib/server.js";
import { adminApi } from "../lib/adminApi.js";

const REPO = resolve(fileURLToPath(new URL("../../..", import.meta.url)));
const TRAINER = join(REPO, "tests", "training", "external_trainer.mjs");
const QUICK_RUN = `TRAINER_STEPS=3 TRAINER_STEP_MS=100 TRAINER_MODEL_NAME=e2e-tuned node ${TRAINER}`;
const BASE_MODEL = "e2e-base-model";

const UPLOAD = join(process.env.E2E_WORK, "deployment-intents.jsonl");
writeUpload(UPLOAD, 60);
// As in training.test.js: scores spread by the request's length, so the reference dry run is GO.
const SPREAD_SCRIPT = `function grade(input) {
  const text = input.item.messages[input.item.messages.length - 1].content;
  return { score: ((text.length % 4) + 1) / 4 };
}`;

let upstream;
let server;
const { api, waitForJob, createDataset } = adminApi(() => server);
let browser;
let page;
let datasetId;
let run;

async function waitForRun(runId) {
  for (let attempt = 0; attempt < 600; attempt++) {
    const current = await api("GET", `/api/training/runs/${runId}`);
    if (!["queued", "starting", "running"].includes(current.state)) return current;
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`training run ${runId} did not finish`);
}

before(async () => {
  upstream = await startFakeOpenAI();
  server = await startServer({ env: { OPENAI_API_KEY: "sk-e2e-deploy", OPENAI_BASE_URL: upstream.baseUrl } });
  datasetId = await createDataset("deploy-intents", "Route each request to its CLINC150 intent", UPLOAD);
  await api("PUT", `/api/datasets/${datasetId}/grader`, { type: "script", source: SPREAD_SCRIPT });
  await waitForJob((await api("POST", `/api/datasets/${datasetId}/dry-run`, { mode: "reference", samples: 0 })).id);
  const started = await api("POST", `/api/datasets/${datasetId}/training`, { backend: "external", base_model: BASE_MODEL, command: QUICK_RUN });
  run = await waitForRun(started.run.id);
  assert.equal(run.state, "succeeded", `the external run ended ${run.state}: ${run.error}`);
  assert.equal(run.fine_tuned_model, "e2e-tuned");

  browser = await openBrowser();
  page = browser.page;
  await signIn(page, server.url, server.token);
  await openCanvas(page, server.url, datasetId);
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await upstream?.close();
});

const detail = () => page.getByTestId("step-detail");
const form = () => detail().getByTestId("deploy-form");
const card = () => detail().getByTestId("active-deployment");

/** A chat call through the gateway for the base model, as caller `user`. */
async function chat(user) {
  const response = await fetch(server.url + "/v1/chat/completions", {
    method: "POST",
    headers: { Authorization: `Bearer ${server.token}`, "Content-Type": "application/json" },
    body: JSON.stringify({ model: BASE_MODEL, user, messages: [{ role: "user", content: `Hello from ${user}` }] }),
  });
  assert.equal(response.status, 200, await response.text());
}

test("step 7 starts from the latest succeeded run: its model as the tuned model, its base model", async () => {
  await page.locator('[data-step="deploy"]').click();
  await detail().getByRole("heading", { name: "7. Deploy" }).waitFor();
  await detail().getByTestId("deploy-source").getByText(`run #${run.id}`, { exact: false }).waitFor();
  assert.equal(await form().getByLabel(/^Tuned model/).inputValue(), "e2e-tuned");
  assert.equal(await form().getByLabel(/^Base model/).inputValue(), BASE_MODEL);
  assert.equal(await form().getByLabel(/^Replace/).isChecked(), true);
  await detail().getByText("None from this dataset", { exact: false }).waitFor();
  await detail().getByTestId("deploy-coming").waitFor();
  await form().scrollIntoViewIfNeeded();
  await screenshot(page, "80-deploy-form");
});

test("a refusal is shown under the form in the server's words, its field marked", async () => {
  await form().getByLabel(/^Provider/).fill("no-such-provider");
  await form().getByTestId("deploy-submit").click();
  const error = form().getByTestId("deploy-error");
  await error.waitFor();
  assert.equal(await error.innerText(), "The gateway has no provider named 'no-such-provider'.");
  assert.match(await form().locator('[data-field="provider"]').getAttribute("class"), /field-invalid/);
  assert.equal((await api("GET", "/api/deployments?state=active")).items.length, 0);
  await error.scrollIntoViewIfNeeded();
  await screenshot(page, "81-deploy-refused");
  await form().getByLabel(/^Provider/).fill("");
});

test("an A/B deployment is listed with its share and its arms' figures as calls go through the gateway", async () => {
  await form().getByLabel(/^A\/B test/).check();
  await form().getByLabel(/^Tuned share/).fill("30");
  await form().getByTestId("deploy-submit").click();
  await detail().getByTestId("deploy-done").waitFor();
  assert.equal(await form().getByTestId("deploy-error").count(), 0);

  const [deployment] = (await api("GET", "/api/deployments?state=active")).items;
  assert.deepEqual(
    { mode: deployment.mode, base: deployment.base_model, tuned: deployment.tuned_model, share: deployment.share, dataset: deployment.dataset_id, run: deployment.run_id },
    { mode: "ab", base: BASE_MODEL, tuned: "e2e-tuned", share: 0.3, dataset: datasetId, run: run.id },
  );
  await card().and(page.locator(`[data-deployment="${deployment.id}"][data-mode="ab"]`)).waitFor();
  assert.match(await card().innerText(), /A\/B · 30% tuned/);
  assert.equal(await card().getByTestId("deployment-tuned-model").innerText(), "e2e-tuned");

  // The gateway applies a deployment within a second (docs/deployment.md); then forty callers:
  // both arms serve some of them (sticky buckets, 30% tuned).
  await new Promise((done) => setTimeout(done, 1500));
  for (let caller = 0; caller < 40; caller++) await chat(`caller-${caller}`);
  const served = upstream.requests.filter((request) => request.path === "/v1/chat/completions").map((request) => request.body.model);
  assert.ok(served.includes("e2e-tuned") && served.includes(BASE_MODEL), `both models served: ${served.join()}`);
  // The gateway writes traces in the background: wait until all forty count, then for the panel's next poll.
  let figures;
  for (let attempt = 0; attempt < 100; attempt++) {
    figures = (await api("GET", `/api/deployments/${deployment.id}`)).arms;
    if ((figures.tuned?.calls ?? 0) + (figures.base?.calls ?? 0) === 40) break;
    await new Promise((done) => setTimeout(done, 200));
  }
  assert.equal(figures.tuned.calls + figures.base.calls, 40);
  await page.waitForFunction(
    (expected) =>
      Object.entries(expected).every(
        ([arm, calls]) => document.querySelector(`[data-testid="deployment-arms"] tr[data-arm="${arm}"] td:nth-child(2)`)?.textContent === String(calls),
      ),
    { tuned: figures.tuned.calls, base: figures.base.calls },
    { timeout: 20_000 },
  );
  await card().scrollIntoViewIfNeeded();
  await screenshot(page, "82-deploy-ab-active");
});

test("Promote makes the A/B test a replacement; Roll back ends it and the list empties", async () => {
  await card().getByRole("button", { name: "Promote to all callers…" }).click();
  const promote = page.getByRole("dialog", { name: /Promote deployment/ });
  await promote.getByRole("button", { name: "Promote" }).click();
  await promote.waitFor({ state: "detached" });
  await card().and(page.locator('[data-mode="replace"]')).waitFor();
  assert.equal(await card().getByRole("button", { name: "Promote to all callers…" }).count(), 0);

  await card().getByRole("button", { name: "Roll back…" }).click();
  const confirm = page.getByRole("dialog", { name: /Roll back deployment/ });
  await confirm.getByText("stays in the history", { exact: false }).waitFor();
  await screenshot(page, "83-deploy-rollback-confirm");
  await confirm.getByRole("button", { name: "Roll back" }).click();
  await confirm.waitFor({ state: "detached" });
  await card().waitFor({ state: "detached" });
  await detail().getByText("None from this dataset", { exact: false }).waitFor();
  assert.equal(await detail().getByTestId("deploy-done").count(), 0, "the notice of a deployment that ended goes");
  const all = (await api("GET", "/api/deployments")).items;
  assert.equal(all[0].state, "rolled_back");
  assert.deepEqual(
    all[0].history.map((entry) => entry.action),
    ["deployed", "promoted", "rolled_back"],
  );
});
