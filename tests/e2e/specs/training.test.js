// Step 6 in the web UI against a server of its own: a dataset with a script grader whose
// reference-answer dry run is GO; the start dialog's preflight (the script has no OpenAI
// equivalent, so it suggests the external backend; the split's counts; the gate); an external
// run whose command is tests/training/external_trainer.mjs, watched in the training view until
// it succeeds with a model; a long one cancelled; one with no command, whose trainer token is
// shown once and works (and a new one replaces it); and a stale dry run that needs an override.
import assert from "node:assert/strict";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, test } from "node:test";
import { openBrowser, openCanvas, screenshot, signIn } from "../lib/browser.js";
import { writeUpload } from "../lib/fixtures.js";
import { startServer } from "../lib/server.js";
import { adminApi } from "../lib/adminApi.js";

const REPO = resolve(fileURLToPath(new URL("../../..", import.meta.url)));
const TRAINER = join(REPO, "tests", "training", "external_trainer.mjs");
const SHORT_RUN = `TRAINER_STEPS=20 TRAINER_STEP_MS=300 node ${TRAINER}`;
const LONG_RUN = `TRAINER_STEPS=1000 TRAINER_STEP_MS=300 node ${TRAINER}`;
const RUN_TIMEOUT = 90_000;

const UPLOAD = join(process.env.E2E_WORK, "training-intents.jsonl");
const upload = writeUpload(UPLOAD, 60);
// Scores by the length of the user's request, in quarters: every score above 0 and well spread,
// so a dry run of the reference answers is GO (mean > 0.2, all above 0, std > 0.1).
const SPREAD_SCRIPT = `function grade(input) {
  const text = input.item.messages[input.item.messages.length - 1].content;
  const score = ((text.length % 4) + 1) / 4;
  return { score, reason: "length class " + (text.length % 4) };
}`;

let server;
const { api, waitForJob, createDataset } = adminApi(() => server);
let browser;
let page;
let datasetId;

before(async () => {
  server = await startServer();
  datasetId = await createDataset("training-intents", "Route each request to its CLINC150 intent", UPLOAD);
  await api("PUT", `/api/datasets/${datasetId}/grader`, { type: "script", source: SPREAD_SCRIPT });
  const dryRun = await api("POST", `/api/datasets/${datasetId}/dry-run`, { mode: "reference", samples: 0 });
  await waitForJob(dryRun.id);
  assert.equal((await api("GET", `/api/datasets/${datasetId}/dry-run`)).report.verdict, "GO");

  browser = await openBrowser();
  page = browser.page;
  await signIn(page, server.url, server.token);
  await openCanvas(page, server.url, datasetId);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const detail = () => page.getByTestId("step-detail");
const dialog = () => page.getByRole("dialog", { name: /Start training|Training run #\d+ started/ });
const overlay = () => page.getByTestId("training-overlay");
// The training view's dialog (its footer holds Cancel and New trainer token; the detail behind it has a Cancel too).
const trainingView = (runId) => page.getByRole("dialog", { name: `Training run #${runId}`, exact: true });

async function openStartDialog() {
  await page.locator('[data-step="train"]').click();
  await detail().getByRole("button", { name: "▶ Start training…" }).click();
  await page.getByTestId("start-training-form").waitFor();
}

/** Picks the external backend and fills its model and command; waits for the preflight of exactly that. */
async function chooseExternal(command) {
  await dialog().getByLabel(/External trainer/).check();
  await dialog().getByLabel(/^Base model/).fill("e2e-base-model");
  await dialog().getByLabel(/^Command/).fill(command);
  await dialog().getByTestId("training-preflight").and(page.locator('[aria-busy="false"]')).waitFor();
}

async function startAndOpen(command) {
  await openStartDialog();
  await chooseExternal(command);
  await dialog().getByTestId("start-training").click();
  await page.getByRole("dialog", { name: /Training run #\d+ started/ }).waitFor();
  const runId = Number(/#(\d+)/.exec(await page.getByRole("dialog").locator("h2").first().innerText())[1]);
  return runId;
}

async function chartPoints() {
  return Number(await overlay().getByTestId("reward-chart").getAttribute("data-points"));
}

test("step 6 before a run: the server's headline, Start training, and the dry run's way there", async () => {
  await page.locator('[data-step="dry_run"]').click();
  await detail().getByRole("button", { name: "Train (step 6) →" }).click();
  await detail().getByRole("heading", { name: "6. Train model" }).waitFor();
  const dataset = await api("GET", `/api/datasets/${datasetId}`);
  const train = dataset.steps.find((step) => step.step === "train");
  await detail().getByText(train.headline, { exact: true }).waitFor();
  assert.equal(await page.locator('[data-step="train"]').getAttribute("data-status"), train.status);
  await detail().getByText("No training run yet").waitFor();
  await screenshot(page, "70-train-ready");
});

test("the start dialog checks as you edit: a script has no OpenAI equivalent, the external backend is GO", async () => {
  await openStartDialog();
  // The defaults of docs/training.md.
  assert.equal(await dialog().getByLabel(/OpenAI fine-tuning/).isChecked(), true);
  assert.equal(await dialog().getByLabel(/^Validation share/).inputValue(), "10");
  assert.equal(await dialog().getByLabel("Stratify by topic").isChecked(), true);
  assert.equal(await dialog().getByLabel(/^Seed/).inputValue(), "42");
  // Hyperparameters start empty: the server fills its defaults, which the fields show.
  const defaults = (await api("POST", `/api/datasets/${datasetId}/training/preflight`, { backend: "openai", base_model: "o4-mini-2025-04-16" })).hyperparameters;
  assert.equal(await dialog().locator('[data-field="hyperparameters.n_epochs"] input').inputValue(), "");
  await page.waitForFunction(
    (expected) => document.querySelector('[data-field="hyperparameters.n_epochs"] input')?.getAttribute("placeholder") === expected,
    String(defaults.n_epochs),
  );

  const grader = dialog().getByTestId("preflight-grader");
  await grader.waitFor();
  assert.match(await dialog().getByTestId("training-preflight").innerText(), /script graders/i);
  // The grader's problem is said once, in its own box; beside the dry run's badge, the gate's sentence.
  const said = await dialog().getByTestId("training-preflight").innerText();
  assert.equal(said.match(/no OpenAI equivalent/g)?.length, 1, said);
  assert.match(await grader.innerText(), /no OpenAI equivalent/);
  assert.equal(await dialog().getByTestId("start-training").isDisabled(), true);
  await screenshot(page, "71-start-openai-script");

  await grader.getByRole("button", { name: "Use an external trainer" }).click();
  assert.equal(await dialog().getByLabel(/External trainer/).isChecked(), true);
  await dialog().locator('[data-field="hyperparameters.group_size"] input').waitFor();
  // An external run needs the model its trainer starts from.
  await dialog().getByText("Required: the model your trainer starts from, as it names it.").waitFor();
  await chooseExternal(SHORT_RUN);
  await dialog().getByTestId("preflight-grader").waitFor({ state: "detached" });
  assert.equal(await dialog().getByTestId("preflight-gate").getAttribute("data-verdict"), "GO");

  // The split's counts are the server's, for this very request.
  const preflight = await api("POST", `/api/datasets/${datasetId}/training/preflight`, {
    backend: "external",
    base_model: "e2e-base-model",
    valid_share: 0.1,
    stratify: true,
    seed: 42,
    hyperparameters: {},
    command: SHORT_RUN,
    confirm_caution: false,
    override_gate: false,
  });
  assert.equal(preflight.split.train + preflight.split.valid, upload.validCount);
  assert.ok(preflight.split.valid > 0);
  const split = await dialog().getByTestId("preflight-split").innerText();
  assert.match(split, new RegExp(`${preflight.split.train} records to train on · ${preflight.split.valid} to validate`));

  // A bad field is named at the field and holds the preflight back.
  await dialog().getByLabel(/^Validation share/).fill("80");
  await dialog().getByText("More than 0 and at most 50 (%).").waitFor();
  assert.equal(await dialog().getByTestId("start-training").isDisabled(), true);
  await dialog().getByLabel(/^Validation share/).fill("10");
  await dialog().getByTestId("training-preflight").and(page.locator('[aria-busy="false"]')).waitFor();
  await dialog().getByTestId("start-training").and(page.locator(":enabled")).waitFor();
  await screenshot(page, "72-start-external");
  await page.keyboard.press("Escape");
  await page.getByTestId("start-training-form").waitFor({ state: "detached" });
});

test("an external run launched by command is watched live until it succeeds with a model", async () => {
  const runId = await startAndOpen(SHORT_RUN);
  const connection = page.getByTestId("trainer-connection");
  await connection.waitFor();
  // A launched command gets a token of its own: none is shown, the endpoints are.
  assert.equal(await page.getByTestId("trainer-token").count(), 0);
  const endpoints = await connection.getByTestId("trainer-endpoints").innerText();
  assert.match(endpoints, new RegExp(`/trainer/runs/${runId}/rewards`));
  assert.match(await connection.getByTestId("trainer-snippet").innerText(), /export REINFORGE_METRICS_URL=/);
  await page.getByRole("button", { name: "Open the training view" }).click();
  await overlay().waitFor();

  // The chart gets points while it runs.
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="reward-chart"]')?.getAttribute("data-points")) >= 3, null, { timeout: RUN_TIMEOUT });
  await overlay().getByTestId("reward-chart").locator(".recharts-line-curve").first().waitFor();
  await overlay().getByTestId("training-events").locator("li").first().waitFor();
  await screenshot(page, "73-training-view-running");

  await page.locator('[data-testid="training-overlay"][data-state="succeeded"]').waitFor({ timeout: RUN_TIMEOUT });
  const run = await api("GET", `/api/training/runs/${runId}`);
  assert.equal(run.state, "succeeded");
  assert.ok(run.fine_tuned_model, "the trainer's result names a model");
  assert.equal(await overlay().getByTestId("fine-tuned-model-id").innerText(), run.fine_tuned_model);
  assert.match(await overlay().getByTestId("train-reward").innerText(), new RegExp(run.rewards.train.last.toFixed(2)));

  // Every reported step is on the chart, once the last metrics have been read.
  const metrics = await api("GET", `/api/training/runs/${runId}/metrics?after=0`);
  const steps = new Set(metrics.items.filter((point) => point.train_reward_mean !== null || point.valid_reward_mean !== null).map((point) => point.step));
  await page.waitForFunction((count) => Number(document.querySelector('[data-testid="reward-chart"]')?.getAttribute("data-points")) === count, steps.size);
  assert.ok((await chartPoints()) >= 3);
  await overlay().getByTestId("training-events").evaluate((list) => list.scrollTop + list.clientHeight >= list.scrollHeight - 30).then((atEnd) => assert.ok(atEnd, "the log follows its last line"));
  await screenshot(page, "74-training-view-succeeded");

  // Deploy opens step 7's panel.
  await overlay().getByRole("button", { name: "Deploy (step 7) →" }).click();
  await overlay().waitFor({ state: "detached" });
  await detail().getByRole("heading", { name: "7. Deploy" }).waitFor();

  await page.locator('[data-step="train"]').click();
  const summary = detail().getByTestId("training-run-summary");
  await summary.and(page.locator(`[data-run="${runId}"][data-state="succeeded"]`)).waitFor();
  await detail().getByTestId("fine-tuned-model-id").filter({ hasText: run.fine_tuned_model }).waitFor();
  const dataset = await api("GET", `/api/datasets/${datasetId}`);
  assert.equal(await page.locator('[data-step="train"]').getAttribute("data-status"), dataset.steps.find((step) => step.step === "train").status);
  await detail().getByText(dataset.steps.find((step) => step.step === "train").headline, { exact: true }).waitFor();
  await screenshot(page, "75-train-succeeded");
});

test("a long run is cancelled from the training view, after a confirmation", async () => {
  const runId = await startAndOpen(LONG_RUN);
  await page.getByRole("button", { name: "Open the training view" }).click();
  await overlay().waitFor();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="reward-chart"]')?.getAttribute("data-points")) >= 2, null, { timeout: RUN_TIMEOUT });
  assert.equal(await overlay().getAttribute("data-state"), "running");

  const cancel = trainingView(runId).getByRole("button", { name: "■ Cancel training" });
  await cancel.click();
  const confirm = page.getByRole("dialog", { name: `Cancel training run #${runId}?` });
  await confirm.getByText(/SIGTERM/).waitFor();
  await confirm.getByRole("button", { name: "Keep training" }).click();
  await confirm.waitFor({ state: "detached" });
  assert.equal((await api("GET", `/api/training/runs/${runId}`)).state, "running");

  await cancel.click();
  await confirm.getByRole("button", { name: "Cancel training" }).click();
  await page.locator('[data-testid="training-overlay"][data-state="cancelled"]').waitFor({ timeout: 30_000 });
  assert.equal((await api("GET", `/api/training/runs/${runId}`)).state, "cancelled");
  await cancel.waitFor({ state: "detached" });
  await screenshot(page, "76-training-cancelled");
  await page.keyboard.press("Escape");
  await overlay().waitFor({ state: "detached" });

  // Both runs, newest first.
  const rows = detail().getByTestId("training-run-row");
  await rows.nth(1).waitFor();
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="training-run-row"]')].map((row) => row.getAttribute("data-state")).join() === "cancelled,succeeded");

  // At 900 px the runs table fits its card: the page does not scroll sideways, and each column
  // shown (the rewards and the date included) is inside the card.
  await page.setViewportSize({ width: 900, height: 800 });
  try {
    const table = detail().getByTestId("training-runs");
    await table.scrollIntoViewIfNeeded();
    await page.waitForTimeout(200);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 900, "the page does not scroll sideways");
    const card = await table.locator("xpath=..").boundingBox();
    for (const name of ["Run", "State", "Train reward", "Valid reward", "Created"]) {
      const box = await table.getByRole("columnheader", { name, exact: true }).boundingBox();
      assert.ok(box && box.width > 0 && box.x + box.width <= card.x + card.width + 1, `“${name}” is inside the table's card`);
    }
    await screenshot(page, "76a-training-runs-900px");
  } finally {
    await page.setViewportSize({ width: 1280, height: 800 });
  }
});

test("a run without a command shows its trainer token once; the token works and a new one replaces it", async () => {
  const runId = await startAndOpen("");
  const token = await page.getByTestId("trainer-token-value").innerText();
  assert.match(token, /^rft_/);
  assert.match(await page.getByTestId("trainer-snippet").innerText(), new RegExp(`export REINFORGE_RUN_TOKEN=${token}`));
  await screenshot(page, "77-trainer-token");
  assert.equal((await trainer("GET", `/trainer/runs/${runId}`, token)).status, 200);
  assert.equal((await fetch(`${server.url}/api/datasets`, { headers: { Authorization: `Bearer ${token}` } })).status, 401, "the trainer token does not open the admin API");

  await page.getByRole("button", { name: "I have copied it" }).click();
  await page.getByTestId("trainer-token").waitFor({ state: "detached" });
  assert.doesNotMatch(await page.getByTestId("trainer-snippet").innerText(), new RegExp(token));

  // The person's own trainer reports with the token; the training view shows it.
  await page.getByRole("button", { name: "Open the training view" }).click();
  await overlay().waitFor();
  for (const [step, reward] of [[1, 0.3], [2, 0.45]]) {
    assert.equal((await trainer("POST", `/trainer/runs/${runId}/metrics`, token, { step, total_steps: 10, train_reward_mean: reward })).status, 200);
  }
  assert.equal((await trainer("POST", `/trainer/runs/${runId}/metrics`, token, { message: "hello from the e2e trainer", level: "info" })).status, 200);
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="reward-chart"]')?.getAttribute("data-points")) === 2);
  await overlay().getByTestId("training-events").getByText("hello from the e2e trainer").waitFor();

  await trainingView(runId).getByRole("button", { name: "New trainer token…" }).click();
  await page.getByRole("dialog", { name: "Make a new trainer token?" }).getByRole("button", { name: "Make a new token" }).click();
  const renewed = await overlay().getByTestId("trainer-token-value").innerText();
  assert.notEqual(renewed, token);
  assert.equal((await trainer("GET", `/trainer/runs/${runId}`, token)).status, 401, "the old token stops working");
  assert.equal((await trainer("GET", `/trainer/runs/${runId}`, renewed)).status, 200);

  await trainingView(runId).getByRole("button", { name: "■ Cancel training" }).click();
  await page.getByRole("dialog", { name: `Cancel training run #${runId}?` }).getByRole("button", { name: "Cancel training" }).click();
  await page.locator('[data-testid="training-overlay"][data-state="cancelled"]').waitFor({ timeout: 30_000 });
  await page.keyboard.press("Escape");
  await overlay().waitFor({ state: "detached" });
});

test("after the grader changes the dry run is stale: starting needs an explicit override", async () => {
  await api("PUT", `/api/datasets/${datasetId}/grader`, { type: "script", source: SPREAD_SCRIPT.replace("length class", "class") });
  // Nothing runs, so the canvas is not polling: open it again.
  await openCanvas(page, server.url, datasetId);
  await page.locator('[data-step="dry_run"][data-status="stale"]').waitFor();
  await openStartDialog();
  await chooseExternal(SHORT_RUN);
  const gate = dialog().getByTestId("preflight-gate");
  assert.equal(await gate.getAttribute("data-stale"), "true");
  assert.match(await dialog().getByTestId("training-preflight").innerText(), /stale/);
  const override = dialog().getByTestId("override-gate");
  await override.waitFor();
  assert.equal(await dialog().getByTestId("start-training").isDisabled(), true);
  await override.getByRole("checkbox").check();
  await dialog().getByTestId("start-training").and(page.locator(":enabled")).waitFor();
  await screenshot(page, "78-start-stale-override");
  await page.keyboard.press("Escape");
  await page.getByTestId("start-training-form").waitFor({ state: "detached" });
});

async function trainer(method, path, token, body) {
  const headers = { Authorization: `Bearer ${token}` };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  return fetch(server.url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}
