// The journey of issue #4 against the real server: sign in, upload a file with invalid lines,
// read the health bar, see Create & start find the topics with no click, open the issues, fix a
// record in the editor, export and compare, and manage datasets from the list. Each main view is
// saved as a screenshot.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { openBrowser, screenshot, serverUrl } from "../lib/browser.js";
import { INVALID_LINES, writeUpload } from "../lib/fixtures.js";

const TOKEN = process.env.REINFORGE_ADMIN_TOKEN;
const UPLOAD = join(process.env.E2E_WORK, "support-intents.jsonl");
const upload = writeUpload(UPLOAD);
const TOTAL = upload.lines.length;
const FIXED_LINE = Number(Object.entries(INVALID_LINES).find(([, code]) => code === "no_user_message")[0]);
const JOB_TIMEOUT = 90_000;
const FIXED_RECORD = { messages: [{ role: "system", content: "Route the request to one intent." }, { role: "user", content: "please greet the quokka" }, { role: "assistant", content: "greeting" }] };

let browser;
let page;

before(async () => {
  browser = await openBrowser();
  page = browser.page;
});

after(async () => {
  await browser?.close();
});

const healthText = () => page.getByTestId("health-bar").innerText();

async function expectHealth(valid, invalid) {
  await page.getByTestId("health-valid").filter({ hasText: valid.toLocaleString("en-US") }).waitFor();
  await page.getByTestId("health-invalid").filter({ hasText: invalid.toLocaleString("en-US") }).waitFor();
}

test("a wrong password is refused and the admin token signs the first admin in", async () => {
  await page.goto(serverUrl("/optimization"));
  await page.waitForURL(/\/signin$/);
  await page.getByLabel("Name", { exact: true }).fill("admin");
  await page.getByLabel("Password", { exact: true }).fill("not-the-token");
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("alert").filter({ hasText: "Wrong name or password." }).waitFor();
  await screenshot(page, "01-sign-in");

  await page.getByLabel("Password", { exact: true }).fill(TOKEN);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/optimization$/);
  await page.getByText("No datasets yet").waitFor();
  await screenshot(page, "02-datasets-empty");
});

test("uploading a file creates the dataset and opens its canvas with the health numbers", async () => {
  await page.getByRole("button", { name: "Create your first dataset" }).click();
  await page.waitForURL(/\/optimization\/new$/);
  // An empty file is refused before any dataset is made.
  await page.locator('input[type="file"]').setInputFiles({ name: "empty.jsonl", mimeType: "application/jsonl", buffer: Buffer.alloc(0) });
  await page.getByRole("button", { name: "Create & start" }).click();
  await page.getByRole("alert").filter({ hasText: "empty.jsonl is empty" }).waitFor();
  // So is a file of blank lines.
  await page.locator('input[type="file"]').setInputFiles({ name: "blank.jsonl", mimeType: "application/jsonl", buffer: Buffer.from("\n  \r\n\n") });
  await page.getByRole("button", { name: "Create & start" }).click();
  await page.getByRole("alert").filter({ hasText: "blank.jsonl is empty" }).waitFor();
  assert.match(page.url(), /\/optimization\/new$/);
  await page.locator('input[type="file"]').setInputFiles(UPLOAD);
  assert.equal(await page.getByLabel("Name").inputValue(), "support-intents");
  await page.getByLabel(/Objective/).fill("Route banking and travel requests to the right intent");
  await screenshot(page, "03-new-dataset");
  await page.getByRole("button", { name: "Create & start" }).click();

  await page.waitForURL(/\/optimization\/\d+$/);
  await expectHealth(upload.validCount, upload.invalidCount);
  const percent = ((upload.invalidCount / TOTAL) * 100).toFixed(1);
  assert.match(await healthText(), new RegExp(`${upload.invalidCount} invalid \\(${percent.replace(".", "\\.")}%\\)`));
  await page.getByTestId("step-detail").getByText(`${TOTAL} records extracted`).waitFor();
});

test("Create & start runs topic discovery by itself: step 2 ends with topics, nothing clicked", async () => {
  const id = datasetIdFromUrl();
  // The server queued discovery after the import, and it ran (too fast, often, to catch the node
  // in "running"; the job's record shows it).
  const discovery = await waitForJobOfKind(id, "discover_topics");
  assert.equal(discovery.state, "succeeded", JSON.stringify(discovery));
  assert.ok(discovery.started_at, "discovery ran");
  const jobs = (await apiGet(`/api/datasets/${id}/jobs`)).items;
  const imported = jobs.find((job) => job.kind === "import");
  assert.ok(imported, "the upload's import job");
  assert.ok(Date.parse(discovery.created_at) >= Date.parse(imported.created_at), "discovery came after the import");
  assert.equal(jobs.filter((job) => job.kind === "discover_topics").length, 1, "one discovery");
  await page.locator('[data-step="topics"][data-status="complete"], [data-step="topics"][data-status="attention"]').waitFor({ timeout: JOB_TIMEOUT });

  const topics = await apiGet(`/api/datasets/${id}/topics`);
  assert.equal(topics.source, "auto");
  assert.ok(topics.topics.length > 0, "topics were found");
  const dataset = await apiGet(`/api/datasets/${id}`);
  assert.ok(dataset.topic_count > 0);
  assert.equal(await page.locator('[data-step="topics"]').getAttribute("data-status"), dataset.steps.find((step) => step.step === "topics").status);

  await page.locator('[data-step="topics"]').click();
  const detail = page.getByTestId("step-detail");
  await detail.getByTestId("topics-figures").getByText("Auto-generated").waitFor();
  await detail.getByText(`${upload.validCount} of ${upload.validCount} valid`).waitFor();
  await screenshot(page, "04-canvas");
  await page.locator('[data-step="extract"]').click();
});

test("the canvas shows each step's status from the server", async () => {
  const statusOf = async (step) => page.locator(`[data-step="${step}"]`).getAttribute("data-status");
  assert.equal(await statusOf("extract"), "complete");
  const dataset = await apiGet(`/api/datasets/${datasetIdFromUrl()}`);
  for (const { step, status } of dataset.steps) {
    assert.equal(await statusOf(step), status, `step ${step}`);
  }
  // A waiting step opens its panel with the server's headline and no pretend actions.
  await page.locator('[data-step="grader"]').click();
  const detail = page.getByTestId("step-detail");
  await detail.getByRole("heading", { name: "4. Define grader" }).waitFor();
  await detail.getByText(dataset.steps.find((step) => step.step === "grader").headline).waitFor();
  await screenshot(page, "05-canvas-step-selected");
  await page.locator('[data-step="extract"]').click();
});

test("step 6 offers Start training under the server's headline; step 7 shows the Deploy panel", async () => {
  const dataset = await apiGet(`/api/datasets/${datasetIdFromUrl()}`);
  const detail = page.getByTestId("step-detail");
  const train = dataset.steps.find((candidate) => candidate.step === "train");
  await page.locator('[data-step="train"]').click();
  await detail.getByRole("heading", { name: "6. Train model" }).waitFor();
  await detail.getByText(train.headline, { exact: true }).waitFor();
  await detail.getByText("No training run yet").waitFor();
  await detail.getByRole("button", { name: "▶ Start training…" }).waitFor();
  await screenshot(page, "05b-step-6-train");

  await page.locator('[data-step="deploy"]').click();
  await detail.getByRole("heading", { name: "7. Deploy" }).waitFor();
  await detail.getByText(dataset.steps.find((candidate) => candidate.step === "deploy").headline, { exact: true }).waitFor();
  await detail.getByTestId("deploy-form").waitFor();
  await detail.getByText("No training run of this dataset has succeeded", { exact: false }).waitFor();
  await page.locator('[data-step="extract"]').click();
});

test("View issues lists the issue codes and the invalid records", async () => {
  await page.getByRole("button", { name: "View issues" }).click();
  const counts = page.getByTestId("issue-counts");
  for (const code of Object.values(INVALID_LINES)) await counts.getByText(code, { exact: true }).waitFor();
  const invalid = page.getByTestId("invalid-records").locator("li.invalid-record");
  await invalid.nth(upload.invalidCount - 1).waitFor();
  assert.equal(await invalid.count(), upload.invalidCount);
  await screenshot(page, "06-issues");
});

test("fixing a record in the editor shows the live verdict and updates the health bar", async () => {
  const row = page.getByTestId("invalid-records").locator("li.invalid-record").filter({ hasText: `Line ${FIXED_LINE}` });
  await row.getByRole("button", { name: "Fix" }).click();
  await page.locator('[data-testid="verdict-state"][data-valid="false"]').waitFor();
  await page.getByTestId("verdict").getByText("no_user_message").waitFor();

  const editor = page.locator(".cm-content");
  await editor.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await editor.fill(JSON.stringify(FIXED_RECORD, null, 2));
  await page.locator('[data-testid="verdict"][aria-busy="false"] [data-testid="verdict-state"][data-valid="true"]').waitFor();
  await screenshot(page, "07-record-editor");
  await page.getByRole("button", { name: "Save record" }).click();

  await expectHealth(upload.validCount + 1, upload.invalidCount - 1);
  await row.waitFor({ state: "detached" });
  assert.equal(await page.getByTestId("invalid-records").locator("li.invalid-record").count(), upload.invalidCount - 1);
  await page.keyboard.press("Escape");
});

test("the records overlay pages with the cursor as it scrolls, filters by validity and searches the text", async () => {
  await page.getByRole("button", { name: /^Records/ }).click();
  await page.getByTestId("records-total").filter({ hasText: `${TOTAL} records` }).waitFor();
  await screenshot(page, "08-records");

  // The first page holds 200 records; scrolled to its end, the overlay asks for the next page with
  // the cursor the first one named, and the file's last line comes into view.
  const secondPage = page.waitForRequest((request) => /\/records\?(.*&)?cursor=c1\./.test(request.url()));
  const scroll = page.getByTestId("records-scroll");
  const lastLine = page.getByTestId("record-row").filter({ has: page.locator(".col-line", { hasText: new RegExp(`^${TOTAL}$`) }) });
  await scroll.evaluate((element) => element.scrollTo(0, element.scrollHeight));
  await secondPage;
  for (let tries = 0; tries < 50 && (await lastLine.count()) === 0; tries++) {
    await scroll.evaluate((element) => element.scrollTo(0, element.scrollHeight));
    await page.waitForTimeout(100);
  }
  await lastLine.waitFor();
  assert.equal(await page.getByText("Loading more records…").count(), 0);
  // Another filter's list starts at its top, where its newest records are, not where this one
  // was scrolled to.
  await page.getByLabel("Validity").selectOption("valid");
  await page.getByTestId("records-total").filter({ hasText: "records match" }).waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid="records-scroll"]').scrollTop === 0, null, { timeout: 5000 });
  await page.getByLabel("Validity").selectOption("invalid");
  await page.getByTestId("records-total").filter({ hasText: `${upload.invalidCount - 1} records match` }).waitFor();
  await page.getByLabel("Validity").selectOption("all");
  await page.getByLabel("Search records").fill("quokka");
  await page.getByTestId("records-total").filter({ hasText: "1 record matches" }).waitFor();
  assert.equal(await page.getByTestId("record-row").count(), 1);
  await page.getByTestId("record-row").getByText("edited").waitFor();
  // Anywhere on a row opens its record, not only its first message.
  await page.getByTestId("record-row").locator(".col-line").click();
  await page.locator(".cm-content").getByText("please greet the quokka").waitFor();
  await page.keyboard.press("Escape");
  await page.locator(".cm-content").waitFor({ state: "detached" });
  await page.keyboard.press("Escape");
});

test("closing the record editor with unsaved edits asks first; keep editing keeps them, discarding leaves the record as saved", async () => {
  const id = datasetIdFromUrl();
  const [saved] = (await apiGet(`/api/datasets/${id}/records?q=quokka`)).items;
  const savedText = (await apiGet(`/api/datasets/${id}/records/${saved.id}`)).text;
  await page.getByRole("button", { name: /^Records/ }).click();
  await page.getByLabel("Search records").fill("quokka");
  await page.getByTestId("records-total").filter({ hasText: "1 record matches" }).waitFor();
  await page.getByTestId("record-row").getByRole("button", { name: "please greet the quokka" }).click();
  const editor = page.locator(".cm-content");
  await editor.getByText("please greet the quokka").waitFor();
  await editor.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await editor.fill(JSON.stringify({ ...FIXED_RECORD, messages: [FIXED_RECORD.messages[1], { role: "assistant", content: "an edit nobody saved" }] }, null, 2));
  await page.getByRole("button", { name: "Discard changes" }).waitFor();
  await page.locator('[data-testid="verdict"][aria-busy="false"] [data-testid="verdict-state"][data-valid="true"]').waitFor();

  // Escape asks; keep editing leaves the edits in the editor.
  await page.keyboard.press("Escape");
  const confirm = page.getByRole("dialog", { name: "Discard the changes?" });
  await confirm.getByText("the saved record stays as it is").waitFor();
  await screenshot(page, "07b-record-editor-discard");
  await confirm.getByRole("button", { name: "Keep editing" }).click();
  await confirm.waitFor({ state: "detached" });
  await editor.getByText("an edit nobody saved").waitFor();

  // Leaving the page with the edits unsaved makes the browser ask first.
  const leaving = page.waitForEvent("dialog");
  page.evaluate(() => location.reload()).catch(() => {});
  const askedToLeave = await leaving;
  assert.equal(askedToLeave.type(), "beforeunload");
  await askedToLeave.dismiss();
  await editor.getByText("an edit nobody saved").waitFor();

  // Going to another page of the app (the browser's Back button) asks the same question; keeping
  // the edits stays on the page with them.
  const canvasPath = new URL(page.url()).pathname;
  await page.evaluate(() => history.back());
  await confirm.getByText("the saved record stays as it is").waitFor();
  await confirm.getByRole("button", { name: "Keep editing" }).click();
  await confirm.waitFor({ state: "detached" });
  assert.equal(new URL(page.url()).pathname, canvasPath);
  await editor.getByText("an edit nobody saved").waitFor();

  // Tab indents in the editor; the key the editor names makes Tab leave it for the next field.
  await page.getByTestId("editor-keys").getByText("Ctrl+M").waitFor();
  await editor.click();
  // A key first: for 2 s after an Escape, CodeMirror lets Tab leave the editor (its escape hatch).
  await page.keyboard.press("End");
  await page.keyboard.press("Tab");
  assert.notEqual(await page.evaluate(() => document.activeElement?.closest(".cm-editor") ?? null), null, "Tab indented in the editor");
  await page.keyboard.press("Control+m");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement?.closest(".cm-editor") ?? null), null, "Tab left the editor");
  // Tab and Shift+Tab go round the record editor, the topmost dialog, and never reach the records
  // overlay under it or the page behind.
  for (const key of ["Tab", "Shift+Tab"]) await assertFocusGoesRound(key, /^Record line/);

  // Asked again, discarding closes the editor; the records overlay stays and the record is as saved.
  await page.keyboard.press("Escape");
  await confirm.getByRole("button", { name: "Discard changes" }).click();
  await editor.waitFor({ state: "detached" });
  await page.getByTestId("records-total").filter({ hasText: "1 record matches" }).waitFor();
  assert.equal((await apiGet(`/api/datasets/${id}/records/${saved.id}`)).text, savedText);
  await page.keyboard.press("Escape");
  await page.getByTestId("records-total").waitFor({ state: "detached" });
});

test("exporting gives back every line as uploaded, with the fixed record in place of the broken one", async () => {
  await page.getByRole("button", { name: "Import / Export ▾" }).click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("menuitem", { name: "Download records (JSONL)" }).click()]);
  const exported = readFileSync(await download.path(), "utf8").split("\n").filter((line) => line !== "");
  assert.equal(exported.length, TOTAL);
  upload.lines.forEach((line, index) => {
    if (index + 1 === FIXED_LINE) assert.deepEqual(JSON.parse(exported[index]), FIXED_RECORD);
    else assert.equal(exported[index], line, `line ${index + 1}`);
  });
  assert.equal(download.suggestedFilename(), "support-intents.jsonl");
});

test("the datasets list shows the dataset and can duplicate and delete it", async () => {
  await page.getByRole("link", { name: "Datasets" }).first().click();
  await page.waitForURL(/\/optimization$/);
  const row = page.locator("tbody tr").filter({ hasText: "support-intents" });
  await row.getByText(`${upload.invalidCount - 1} invalid`).waitFor();
  assert.match(await row.locator("td").nth(1).innerText(), new RegExp(`^${TOTAL}\\s`));
  await screenshot(page, "09-datasets-list");

  await row.getByRole("button", { name: "Actions for support-intents" }).click();
  await page.getByRole("menuitem", { name: "Duplicate" }).click();
  await page.locator("tbody tr").nth(1).waitFor();
  assert.equal(await page.locator("tbody tr").count(), 2);

  const copyName = (await page.locator(".dataset-name").allInnerTexts()).find((name) => name !== "support-intents");
  assert.ok(copyName, "the duplicate has a name of its own");
  const copy = page.locator("tbody tr").filter({ has: page.locator(".dataset-name", { hasText: copyName }) });
  await copy.getByRole("button", { name: `Actions for ${copyName}` }).click();
  await page.getByRole("menuitem", { name: "Delete…" }).click();
  await page.getByRole("dialog").getByText("cannot be undone").waitFor();
  await screenshot(page, "10-delete-confirmation");
  await page.getByRole("button", { name: "Delete dataset" }).click();
  await page.getByRole("status").filter({ hasText: `Deleted “${copyName}”` }).waitFor();
  assert.equal(await page.locator("tbody tr").count(), 1);
});

test("a server that stops answering is said on the page, which catches up by itself once it is back", async () => {
  await page.route("**/api/**", (route) => route.abort("connectionrefused"));
  await page.getByRole("link", { name: "Gateway" }).click(); // a page whose reads now fail
  await page.getByTestId("server-unreachable").waitFor({ timeout: 20_000 });
  await screenshot(page, "11-server-unreachable");
  await page.unroute("**/api/**");
  await page.getByTestId("server-unreachable").waitFor({ state: "detached", timeout: 20_000 });
  await page.getByRole("tab", { name: "Traces" }).waitFor();
});

test("the page keeps no secret, and without its session cookie it is back at sign-in", async () => {
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
  assert.ok(!stored.includes(TOKEN), "the admin token (the first admin's password) is kept nowhere in the page");
  await browser.context.clearCookies();
  await page.reload();
  await page.waitForURL(/\/signin$/);
});

/** Pressing `key` from the focused element comes back to it, and focus stays in the dialog named `dialogName` on the way. */
async function assertFocusGoesRound(key, dialogName) {
  await page.evaluate(() => document.activeElement?.setAttribute("data-e2e-start", ""));
  let back = false;
  for (let press = 1; press <= 40 && !back; press++) {
    await page.keyboard.press(key);
    const focus = await page.evaluate(() => ({
      dialog: document.activeElement?.closest('[role="dialog"]')?.getAttribute("aria-label") ?? null,
      start: document.activeElement?.hasAttribute("data-e2e-start") ?? false,
    }));
    assert.match(focus.dialog ?? "(outside any dialog)", dialogName, `${key} × ${press} left the dialog`);
    back = focus.start;
  }
  await page.evaluate(() => document.querySelector("[data-e2e-start]")?.removeAttribute("data-e2e-start"));
  assert.ok(back, `${key} went round the dialog back to where it started`);
}

function datasetIdFromUrl() {
  return Number(new URL(page.url()).pathname.split("/").pop());
}

/** The dataset's first job of this kind once it has ended (the upload queues it; nothing here starts it). */
async function waitForJobOfKind(datasetId, kind) {
  const deadline = Date.now() + JOB_TIMEOUT;
  for (;;) {
    const job = (await apiGet(`/api/datasets/${datasetId}/jobs`)).items.find((candidate) => candidate.kind === kind);
    if (job && ["succeeded", "failed", "cancelled"].includes(job.state)) return job;
    assert.ok(Date.now() < deadline, `no finished ${kind} job: ${JSON.stringify(job ?? null)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function apiGet(path) {
  const response = await fetch(serverUrl(path), { headers: { Authorization: `Bearer ${TOKEN}` } });
  assert.equal(response.status, 200, path);
  return response.json();
}
