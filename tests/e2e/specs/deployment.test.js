// Step 7 in the web UI against a server of its own whose zero-config provider (OPENAI_API_KEY,
// OPENAI_BASE_URL) is a fake upstream in this process, so every model name is served: a dataset
// with a script grader, a GO reference dry run and an external run that succeeded with the model
// `e2e-tuned`; then a grader that scores the answer itself (an intent label scores 1, prose 0),
// which the fake's tuned model gives more often than its base model. The form starts from that
// run; a benchmark from the UI shows its headline, base against tuned and the samples side by
// side; the playground streams both models and grades them; a refusal is shown under the form in
// the server's words; an A/B deployment graded online is listed with its arms' figures and online
// scores as calls go through the gateway, shown with its chart on the Gateway page, then promoted
// and rolled back, and its history is listed.
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
const TUNED_MODEL = "e2e-tuned";

const UPLOAD = join(process.env.E2E_WORK, "deployment-intents.jsonl");
writeUpload(UPLOAD, 60);
// As in training.test.js: scores spread by the request's length, so the reference dry run is GO.
const SPREAD_SCRIPT = `function grade(input) {
  const text = input.item.messages[input.item.messages.length - 1].content;
  return { score: ((text.length % 4) + 1) / 4 };
}`;

// Scores the answer alone (no reference), so online scoring can grade live traffic with it.
const LABEL_SCRIPT = `function grade(input) {
  const answer = input.sample.output_text.trim();
  const label = /^[a-z]+(_[a-z]+)*$/.test(answer);
  return { score: label ? 1 : 0, reason: label ? "answers with an intent label" : "answers in prose, not with an intent label" };
}`;

/** An intent-like label from the request's text: "where is my card" → "where_is". */
const labelOf = (text) => (String(text).toLowerCase().match(/[a-z]+/g) ?? ["unknown"]).slice(0, 2).join("_");

// The fake's two models: the tuned one answers with a label except for texts of a length
// divisible by 5, the base one only for lengths divisible by 3 — so records split into wins,
// ties and losses, and the tuned model scores better.
function replyByModel(body) {
  const text = String(body.messages?.at(-1)?.content ?? "");
  if (body.model === TUNED_MODEL) return { content: text.length % 5 === 0 ? "I am not sure which intent this is." : labelOf(text) };
  return { content: text.length % 3 === 0 ? labelOf(text) : "Let me think about which intent fits best." };
}

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
  // Streamed answers come a chunk every 120 ms, so the playground can be seen streaming.
  upstream = await startFakeOpenAI({ reply: replyByModel, streamDelayMs: 120 });
  server = await startServer({ env: { OPENAI_API_KEY: "sk-e2e-deploy", OPENAI_BASE_URL: upstream.baseUrl } });
  datasetId = await createDataset("deploy-intents", "Route each request to its CLINC150 intent", UPLOAD);
  await api("PUT", `/api/datasets/${datasetId}/grader`, { type: "script", source: SPREAD_SCRIPT });
  await waitForJob((await api("POST", `/api/datasets/${datasetId}/dry-run`, { mode: "reference", samples: 0 })).id);
  const started = await api("POST", `/api/datasets/${datasetId}/training`, { backend: "external", base_model: BASE_MODEL, command: QUICK_RUN });
  run = await waitForRun(started.run.id);
  assert.equal(run.state, "succeeded", `the external run ended ${run.state}: ${run.error}`);
  assert.equal(run.fine_tuned_model, TUNED_MODEL);
  await api("PUT", `/api/datasets/${datasetId}/grader`, { type: "script", source: LABEL_SCRIPT });

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
const benchmarkSection = () => detail().getByTestId("benchmark-section");

/**
 * A chat call through the gateway for the base model, as caller number `n`. Its text's length
 * varies with n, so the fake's tuned model answers most with a label and its base model few.
 */
async function chat(n) {
  const content = `Caller ${n}: please check the balance of card ${n * 7}`;
  const response = await fetch(server.url + "/v1/chat/completions", {
    method: "POST",
    headers: { Authorization: `Bearer ${server.token}`, "Content-Type": "application/json" },
    body: JSON.stringify({ model: BASE_MODEL, user: `caller-${n}`, messages: [{ role: "user", content }] }),
  });
  assert.equal(response.status, 200, await response.text());
}

/** As the UI writes a score or a signed difference: two decimals, a real minus sign. */
const score = (value) => (value < 0 ? "−" : "") + Math.abs(value).toFixed(2);
const signed = (value) => (Math.round(value * 100) === 0 ? "±0.00" : (value > 0 ? "+" : "−") + Math.abs(value).toFixed(2));

/** Scrolls the element to the top of the page, below the sticky top bar. */
async function scrollToTop(locator) {
  await locator.evaluate((element) => window.scrollBy(0, element.getBoundingClientRect().top - 64));
}

async function waitFor(what, check, { attempts = 150, ms = 200 } = {}) {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const value = await check();
    if (value) return value;
    await new Promise((done) => setTimeout(done, ms));
  }
  throw new Error(`timed out waiting for ${what}`);
}

test("step 7 starts from the latest succeeded run: its model as the tuned model, its base model", async () => {
  await page.locator('[data-step="deploy"]').click();
  await detail().getByRole("heading", { name: "7. Deploy" }).waitFor();
  await detail().getByTestId("deploy-source").getByText(`run #${run.id}`, { exact: false }).waitFor();
  assert.equal(await detail().getByTestId("deploy-model-id").innerText(), TUNED_MODEL);
  await detail().getByTestId("deploy-improvement").getByText("Not benchmarked yet", { exact: false }).waitFor();
  assert.equal(await form().getByLabel(/^Tuned model/).inputValue(), TUNED_MODEL);
  assert.equal(await form().getByLabel(/^Base model/).inputValue(), BASE_MODEL);
  assert.equal(await form().getByLabel(/^Replace/).isChecked(), true);
  assert.equal(await form().getByTestId("online-scoring-fields").count(), 0, "online scoring is an A/B test's");
  await detail().getByText("None from this dataset", { exact: false }).waitFor();
  await form().scrollIntoViewIfNeeded();
  await screenshot(page, "80-deploy-form");
});

test("a benchmark from the UI: the headline, base against tuned, the difference in words, the samples side by side", async () => {
  const benchmarkForm = benchmarkSection().getByTestId("benchmark-form");
  assert.equal(await benchmarkForm.getByLabel(/^Base model/).inputValue(), BASE_MODEL);
  assert.equal(await benchmarkForm.getByLabel(/^Tuned model/).inputValue(), TUNED_MODEL);
  await benchmarkForm.getByLabel(/^Samples per record/).fill("0");
  await benchmarkForm.getByTestId("benchmark-start").click();
  await benchmarkForm.getByText("A whole number from 1 to 16.").waitFor();
  assert.equal((await api("GET", `/api/benchmarks?dataset_id=${datasetId}`)).items.length, 0, "nothing started with a bad k");

  await benchmarkForm.getByLabel(/^Samples per record/).fill("2");
  await benchmarkForm.getByTestId("benchmark-start").click();
  const report = benchmarkSection().getByTestId("benchmark-report");
  await report.waitFor({ timeout: 60_000 });

  const [benchmark] = (await api("GET", `/api/benchmarks?dataset_id=${datasetId}`)).items;
  assert.equal(benchmark.run_id, run.id, "the run's validation split is the held-out set");
  assert.equal(benchmark.report.k, 2);
  const { headline, difference, outcomes, base, tuned } = benchmark.report;
  assert.ok(tuned.mean > base.mean, `the fake's tuned model scores better: ${base.mean} → ${tuned.mean}`);
  assert.equal(await report.getByTestId("benchmark-headline-text").innerText(), headline);
  const words = difference.conclusive ? (difference.mean > 0 ? "Tuned is better" : "Tuned is worse") : "No conclusive difference";
  assert.equal(await report.getByTestId("benchmark-conclusion").innerText(), words);
  const models = report.getByTestId("benchmark-models");
  assert.match(await models.locator('td[data-arm="base"]').first().innerText(), new RegExp(`^${score(base.mean)} \\[`));
  assert.match(await models.locator('td[data-arm="tuned"]').first().innerText(), new RegExp(`^${score(tuned.mean)} \\[`));
  assert.match(await report.getByTestId("benchmark-difference").innerText(), new RegExp(signed(difference.mean).replace("+", "\\+")));
  for (const outcome of ["win", "tie", "loss"]) {
    assert.match(await report.locator(`[data-testid="benchmark-outcomes"] li[data-outcome="${outcome}"]`).innerText(), new RegExp(` ${outcomes[outcome]} \\(`));
  }
  // The panel's head now says the model's improvement, as the seed's Deploy does.
  assert.equal(await detail().getByTestId("deploy-improvement").locator("strong").innerText(), headline);
  // The panel's head with the improvement, then the report under it.
  await scrollToTop(detail());
  await screenshot(page, "84-benchmark-report");

  await benchmarkSection().getByTestId("benchmark-open-samples").click();
  const overlay = page.getByRole("dialog", { name: /samples side by side/ });
  const samples = await api("GET", `/api/benchmarks/${benchmark.id}/samples?limit=20`);
  await overlay.getByTestId("benchmark-record").first().waitFor();
  assert.equal(await overlay.getByTestId("benchmark-record").count(), samples.items.length);
  const first = overlay.getByTestId("benchmark-record").first();
  assert.equal(await first.locator('[data-side="base"] .benchmark-sample').count(), 2, "k = 2 samples of the base model");
  assert.equal(await first.locator('[data-side="tuned"] .benchmark-sample').count(), 2, "and of the tuned model");
  assert.equal(await first.locator('[data-side="tuned"] .benchmark-output').first().innerText(), samples.items[0].tuned.samples[0].output_text);
  await screenshot(page, "85-benchmark-samples");

  const busiest = ["win", "tie", "loss"].sort((a, b) => outcomes[b] - outcomes[a])[0];
  await overlay.getByLabel("Outcome").selectOption(busiest);
  await page.waitForFunction(
    ({ outcome, count }) => {
      const records = [...document.querySelectorAll('[data-testid="benchmark-record"]')];
      return records.length === count && records.every((record) => record.getAttribute("data-outcome") === outcome);
    },
    { outcome: busiest, count: Math.min(20, outcomes[busiest]) },
  );
  await page.keyboard.press("Escape");
  await overlay.waitFor({ state: "detached" });
});

test("the playground streams both models side by side, times and grades each answer, and Stop aborts both", async () => {
  await detail().getByTestId("open-playground").click();
  const playground = page.getByRole("dialog", { name: "Playground: base against tuned" });
  await playground.getByLabel("Role of message 1").selectOption("system");
  await playground.getByLabel("Message 1", { exact: true }).fill("Route the request to one intent.");
  await playground.getByRole("button", { name: "+ Message" }).click();
  assert.equal(await playground.getByLabel("Role of message 2").inputValue(), "user");
  await playground.getByLabel("Message 2", { exact: true }).fill("where is my card");

  // Tools that are not JSON are refused at their field, and nothing is sent.
  const sentBefore = upstream.requests.length;
  await playground.getByLabel(/^Tools/).fill('[{"type": "function"');
  await playground.getByTestId("playground-send").click();
  await playground.locator('[data-field="tools"]').getByText("Not JSON", { exact: false }).waitFor();
  const tools = [{ type: "function", function: { name: "lookup_card", parameters: { type: "object", properties: {} } } }];
  await playground.getByLabel(/^Tools/).fill(JSON.stringify(tools));
  assert.equal(upstream.requests.length, sentBefore);

  // Record every text each side shows, to see the answers arrive in pieces.
  await page.evaluate(() => {
    window.__seenTexts = { base: new Set(), tuned: new Set() };
    window.__textObserver = new MutationObserver(() => {
      for (const answer of document.querySelectorAll('[data-testid="playground-answer"]')) {
        const text = answer.querySelector('[data-testid="playground-text"]')?.textContent;
        if (text) window.__seenTexts[answer.getAttribute("data-side")].add(text);
      }
    });
    window.__textObserver.observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await playground.getByTestId("playground-send").click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="playground-answer"][data-phase="streaming"]').length === 2);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="playground-grade"]').length === 2, null, { timeout: 20_000 });
  const seen = await page.evaluate(() => ({ base: [...window.__seenTexts.base], tuned: [...window.__seenTexts.tuned] }));
  await page.evaluate(() => window.__textObserver.disconnect());

  const base = playground.locator('[data-testid="playground-answer"][data-side="base"]');
  const tuned = playground.locator('[data-testid="playground-answer"][data-side="tuned"]');
  const expected = { base: replyByModel({ model: BASE_MODEL, messages: [{ content: "where is my card" }] }).content, tuned: "where_is" };
  assert.equal(await base.getByTestId("playground-text").innerText(), expected.base);
  assert.equal(await tuned.getByTestId("playground-text").innerText(), expected.tuned);
  assert.ok(seen.base.length > 2 && seen.base.at(-1) === expected.base, `the base answer arrived in pieces: ${JSON.stringify(seen.base)}`);
  assert.equal(seen.tuned.at(-1), expected.tuned, "a label is one chunk: it arrives whole");
  assert.match(await base.getByRole("heading").innerText(), new RegExp(`^Base: ${BASE_MODEL}$`));
  assert.match(await tuned.getByRole("heading").innerText(), new RegExp(`^Tuned: ${TUNED_MODEL}$`));
  assert.equal(await tuned.getByTestId("playground-grade").getAttribute("data-score"), "1");
  assert.equal(await base.getByTestId("playground-grade").getAttribute("data-score"), "0");
  await tuned.getByText("answers with an intent label").waitFor();
  assert.match(await tuned.getByTestId("playground-latency").innerText(), /^\d+(\.\d+)? (ms|s)$/);
  assert.match(await tuned.getByTestId("playground-tokens").innerText(), /^\d+ in \/ \d+ out$/);

  // Each side went to the upstream streamed, with its usage asked for and the tools.
  const streamed = upstream.requests.filter((request) => request.path === "/v1/chat/completions" && request.body.stream).slice(-2);
  assert.deepEqual(streamed.map((request) => request.body.model).sort(), [BASE_MODEL, TUNED_MODEL]);
  for (const request of streamed) {
    assert.deepEqual(request.body.stream_options, { include_usage: true });
    assert.deepEqual(request.body.tools, tools);
  }
  const traced = await api("GET", "/api/traces?tag=playground");
  assert.ok(traced.items.length >= 2, "the playground's calls are traced with the tag playground");
  await playground.locator(".playground-setup").evaluate((setup) => setup.scrollTo(0, 0));
  await screenshot(page, "86-playground");

  await playground.getByTestId("playground-send").click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="playground-answer"][data-phase="streaming"]').length === 2);
  await playground.getByTestId("playground-stop").click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="playground-answer"][data-phase="stopped"]').length === 2);
  await page.keyboard.press("Escape");
  await playground.waitFor({ state: "detached" });
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

let deploymentId;

test("an A/B deployment graded online: its arms' figures and online scores move as calls go through the gateway", async () => {
  await form().getByLabel(/^A\/B test/).check();
  await form().getByLabel(/^Tuned share/).fill("30");
  const online = form().getByTestId("online-scoring-fields");
  assert.equal(await online.getByLabel(/^Calls graded/).inputValue(), "10", "10% graded by default");
  assert.equal(await online.getByRole("checkbox").isChecked(), false, "the guard is off by default");
  await online.getByLabel(/^Calls graded/).fill("100");
  await online.getByRole("checkbox").check();
  assert.equal(await online.getByLabel("Minimum calls per arm").inputValue(), "100");
  await form().getByTestId("deploy-submit").click();
  await detail().getByTestId("deploy-done").waitFor();
  assert.equal(await form().getByTestId("deploy-error").count(), 0);

  const [deployment] = (await api("GET", "/api/deployments?state=active")).items;
  deploymentId = deployment.id;
  assert.deepEqual(
    { mode: deployment.mode, base: deployment.base_model, tuned: deployment.tuned_model, share: deployment.share, dataset: deployment.dataset_id, run: deployment.run_id },
    { mode: "ab", base: BASE_MODEL, tuned: TUNED_MODEL, share: 0.3, dataset: datasetId, run: run.id },
  );
  assert.equal(deployment.online_scoring.share, 1);
  assert.equal(deployment.online_scoring.eligible, true, deployment.online_scoring.reason);
  assert.deepEqual([deployment.guard.enabled, deployment.guard.min_calls, deployment.guard.min_scores], [true, 100, 30]);
  await card().and(page.locator(`[data-deployment="${deployment.id}"][data-mode="ab"]`)).waitFor();
  assert.match(await card().innerText(), /A\/B · 30% tuned/);
  assert.equal(await card().getByTestId("deployment-tuned-model").innerText(), TUNED_MODEL);
  await card().getByTestId("online-scoring-state").getByText("100% of each arm's calls graded online", { exact: false }).waitFor();
  await card().getByTestId("guard-state").getByText("Guard on", { exact: false }).waitFor();

  // The gateway applies a deployment within a second (docs/deployment.md); then callers in two
  // waves: both arms serve some of them (sticky buckets, 30% tuned), and every call is graded.
  await new Promise((done) => setTimeout(done, 1500));
  const graded = async (calls) => {
    const figures = (await api("GET", `/api/deployments/${deployment.id}`)).arms;
    const total = (arm) => (figures[arm]?.calls ?? 0);
    // Every call graded (or failed by the grader; whether "graded" counts those, "at least" holds).
    const done = (arm) => (figures[arm]?.score?.graded ?? 0) + (figures[arm]?.score?.errors ?? 0) >= total(arm);
    return total("base") + total("tuned") === calls && done("base") && done("tuned") && figures.base?.score && figures.tuned?.score ? figures : null;
  };
  for (let caller = 0; caller < 20; caller++) await chat(caller);
  const firstWave = await waitFor("20 calls graded", () => graded(20));
  await page.waitForFunction(
    (expected) => document.querySelector('[data-testid="deployment-arms"] tr[data-arm="base"] [data-testid="arm-graded"]')?.textContent === String(expected),
    firstWave.base.score.graded,
    { timeout: 20_000 },
  );
  await card().scrollIntoViewIfNeeded();
  await screenshot(page, "82-deploy-ab-active");

  for (let caller = 20; caller < 60; caller++) await chat(caller);
  const served = upstream.requests.filter((request) => request.path === "/v1/chat/completions" && request.body.user).map((request) => request.body.model);
  assert.ok(served.includes(TUNED_MODEL) && served.includes(BASE_MODEL), `both models served: ${served.join()}`);
  const figures = await waitFor("60 calls graded", () => graded(60));
  assert.ok(figures.base.score.graded > firstWave.base.score.graded, "the online scores moved");
  await page.waitForFunction(
    (expected) =>
      Object.entries(expected).every(([arm, { calls, graded }]) => {
        const row = document.querySelector(`[data-testid="deployment-arms"] tr[data-arm="${arm}"]`);
        return row?.querySelector("td:nth-child(2)")?.textContent === String(calls) && row.querySelector('[data-testid="arm-graded"]')?.textContent === String(graded);
      }),
    { base: { calls: figures.base.calls, graded: figures.base.score.graded }, tuned: { calls: figures.tuned.calls, graded: figures.tuned.score.graded } },
    { timeout: 20_000 },
  );
  const detailNow = await api("GET", `/api/deployments/${deployment.id}`);
  for (const arm of ["base", "tuned"]) {
    const mean = detailNow.arms[arm].score.mean;
    assert.match(await card().locator(`tr[data-arm="${arm}"] [data-testid="arm-score"]`).innerText(), new RegExp(`^${score(mean)}`));
  }
  const comparison = detailNow.comparison.score;
  const comparisonText = await card().getByTestId("score-comparison").innerText();
  assert.ok(comparisonText.startsWith(`Tuned ${signed(comparison.difference)} [`), comparisonText);
  assert.match(comparisonText, comparison.conclusive ? /, conclusive$/ : /not conclusive/);
  await card().scrollIntoViewIfNeeded();
  await screenshot(page, "87-deploy-ab-online-scores");

  // Online scoring's share changes while it runs (PATCH), the guard kept as it was.
  await card().getByRole("button", { name: "Online scores…" }).click();
  const settings = page.getByRole("dialog", { name: `Online scores of deployment #${deployment.id}` });
  assert.equal(await settings.getByLabel(/^Calls graded/).inputValue(), "100");
  await settings.getByLabel(/^Calls graded/).fill("50");
  await settings.getByRole("button", { name: "Save" }).click();
  await settings.waitFor({ state: "detached" });
  await card().getByTestId("online-scoring-state").getByText("50% of each arm's calls graded online", { exact: false }).waitFor();
  const changed = await api("GET", `/api/deployments/${deployment.id}`);
  assert.deepEqual([changed.online_scoring.share, changed.guard.enabled], [0.5, true]);
});

test("the Gateway page's Deployments tab lists it with its figures and its chart over time", async () => {
  await page.goto(`${server.url}/gateway?tab=deployments`);
  const panel = page.getByTestId("gateway-deployments");
  const active = panel.locator(`[data-testid="active-deployment"][data-deployment="${deploymentId}"]`);
  await active.waitFor();
  await active.getByRole("link", { name: "deploy-intents" }).waitFor();
  const chart = active.getByTestId("deployment-timeline");
  await chart.locator("rect.timeline-base").first().waitFor();
  assert.ok((await chart.locator("rect.timeline-tuned").count()) > 0, "bars for the tuned arm");
  assert.ok((await chart.locator("g.timeline-tuned circle").count()) > 0, "the tuned arm's online score");
  const timeline = await api("GET", `/api/deployments/${deploymentId}/timeline?bucket_s=10`);
  const calls = timeline.points.reduce((sum, point) => sum + point.base.calls + point.tuned.calls, 0);
  assert.equal(calls, 60, "the timeline counts every call");
  await panel.getByText("No deployment has ended yet.").waitFor();
  await scrollToTop(active);
  await screenshot(page, "88-gateway-deployments");
  await openCanvas(page, server.url, datasetId);
  await page.locator('[data-step="deploy"]').click();
  await card().waitFor();
});

test("Promote makes the A/B test a replacement; Roll back ends it, the list empties and its history is listed", async () => {
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
  // Step 7 is no longer complete: nothing of this dataset is deployed.
  await page.locator('[data-step="deploy"][data-status="ready"]').waitFor({ timeout: 3000 });
  assert.equal(await detail().getByTestId("deploy-done").count(), 0, "the notice of a deployment that ended goes");
  const all = (await api("GET", "/api/deployments")).items;
  assert.equal(all[0].state, "rolled_back");
  assert.deepEqual(
    all[0].history.map((entry) => entry.action),
    ["deployed", "options_changed", "promoted", "rolled_back"],
  );
  const ended = detail().locator(`[data-testid="ended-deployment"][data-deployment="${deploymentId}"]`);
  await ended.locator('[data-testid="deployment-history"] li[data-action="rolled_back"]').waitFor();
  assert.deepEqual(await ended.locator('[data-testid="deployment-history"] li').evaluateAll((items) => items.map((item) => item.getAttribute("data-action"))), [
    "deployed",
    "options_changed",
    "promoted",
    "rolled_back",
  ]);

  // An endpoint that ended names the model name it answered to, as an active one does.
  const endpoint = await api("POST", "/api/deployments", { mode: "endpoint", base_model: BASE_MODEL, tuned_model: TUNED_MODEL, endpoint: "e2e-intents-endpoint", dataset_id: datasetId, run_id: run.id });
  await api("POST", `/api/deployments/${endpoint.id}/rollback`);

  await page.goto(`${server.url}/gateway?tab=deployments`);
  const panel = page.getByTestId("gateway-deployments");
  await panel.getByText("No active deployment").waitFor();
  await panel.locator(`[data-testid="ended-deployment"][data-deployment="${deploymentId}"]`).getByText("Rolled back", { exact: true }).waitFor();
  const endedEndpoint = panel.locator(`[data-testid="ended-deployment"][data-deployment="${endpoint.id}"]`);
  assert.equal(await endedEndpoint.getByTestId("ended-deployment-callers").innerText(), "callers asked for e2e-intents-endpoint");
  await screenshot(page, "89-gateway-deployments-ended");
});
