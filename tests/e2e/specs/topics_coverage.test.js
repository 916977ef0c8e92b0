// Steps 2 and 3 against the real server (issues #4 and #5): records from four CLINC150 domains in
// unequal numbers; auto-generate topics, edit them (rename, merge, split, targets), review
// low-confidence records, re-categorize and keep the person's choice, download and upload the
// topics, apply a template after its warning, read coverage and skip it. Main views are saved as
// screenshots 40–49.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { openBrowser, screenshot, serverUrl } from "../lib/browser.js";
import { writeDomainsUpload } from "../lib/fixtures.js";

const TOKEN = process.env.REINFORGE_ADMIN_TOKEN;
const UPLOAD = join(process.env.E2E_WORK, "clinc-domains.jsonl");
const DOMAINS = { banking: 160, travel: 100, kitchen_and_dining: 60, auto_and_commute: 30 };
const upload = writeDomainsUpload(UPLOAD, DOMAINS);
const JOB_TIMEOUT = 90_000;

let browser;
let page;
let datasetId;

before(async () => {
  browser = await openBrowser();
  page = browser.page;
  const created = await api("POST", "/api/datasets", { name: "clinc-domains", objective: "Answer banking, travel, cooking and car questions" });
  datasetId = created.id;
  const response = await fetch(serverUrl(`/api/datasets/${datasetId}/import?mode=append&filename=clinc-domains.jsonl`), {
    method: "POST",
    headers: { Authorization: `Bearer ${TOKEN}`, "Content-Type": "application/x-ndjson" },
    body: readFileSync(UPLOAD),
  });
  assert.equal(response.status, 202);
  await waitForJob((await response.json()).id);
});

after(async () => {
  await browser?.close();
});

const detail = () => page.getByTestId("step-detail");
const editor = () => page.getByTestId("topic-editor");
const stepStatus = (step) => page.locator(`[data-step="${step}"]`).getAttribute("data-status");

test("auto-generating topics runs discovery and shows the topics on the canvas", async () => {
  await page.goto(serverUrl("/signin"));
  await page.getByLabel("Name", { exact: true }).fill("admin");
  await page.getByLabel("Password", { exact: true }).fill(TOKEN);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/optimization$/);
  await page.goto(serverUrl(`/optimization/${datasetId}`));
  await page.locator('[data-step="topics"]').click();
  await detail().getByText("No topics yet.").waitFor();

  await detail().getByRole("button", { name: "Auto-generate…" }).click();
  const dialog = page.getByRole("dialog", { name: "Auto-generate topics" });
  await dialog.getByLabel("Number of topics").fill("4");
  await dialog.getByRole("button", { name: "Generate topics" }).click();
  await page.locator('[data-step="topics"][data-status="complete"], [data-step="topics"][data-status="attention"]').waitFor({ timeout: JOB_TIMEOUT });
  await detail().getByTestId("topics-figures").getByText("Auto-generated").waitFor();

  const topics = await api("GET", `/api/datasets/${datasetId}/topics`);
  assert.equal(topics.source, "auto");
  assert.equal(topics.topics.length, 4);
  assert.equal(Object.values(topics.records).reduce((sum, count) => sum + count, 0), upload.lines.length);
  const dataset = await api("GET", `/api/datasets/${datasetId}`);
  for (const { step, status } of dataset.steps) assert.equal(await stepStatus(step), status, `step ${step}`);
  assert.equal(dataset.topic_count, 4);
  await detail().getByText(`${upload.lines.length} of ${upload.lines.length} valid`).waitFor();
  await detail().scrollIntoViewIfNeeded();
  await screenshot(page, "40-topics-detail");
});

test("the editor renames, merges and splits topics and sets target shares", async () => {
  await detail().getByRole("button", { name: "✎ Edit topics" }).click();
  await editor().waitFor();
  const form = page.getByTestId("topic-form");
  // A name two topics of one level share is said at the field; Save shows the topic at fault.
  const [firstTopic, secondTopic] = (await api("GET", `/api/datasets/${datasetId}/topics`)).topics;
  await editor().locator(`[data-topic-id="${secondTopic.id}"] .topic-row-name`).click();
  await form.getByLabel("Name").fill(firstTopic.name);
  await form.getByTestId("topic-name-error").getByText(`“${firstTopic.name}” (${firstTopic.id}) at this level has this name too`, { exact: false }).waitFor();
  await editor().locator(`[data-topic-id="${firstTopic.id}"] .topic-row-name`).click();
  await form.getByTestId("topic-name-error").getByText(`(${secondTopic.id})`, { exact: false }).waitFor();
  await editor().getByRole("button", { name: "Save topics" }).click();
  await page.getByTestId("editor-message").getByText("two topics are named", { exact: false }).waitFor();
  assert.equal(await editor().locator(`[data-topic-id="${secondTopic.id}"]`).getAttribute("class"), "topic-row topic-row-selected");
  await screenshot(page, "41a-topic-name-twice");
  await form.getByLabel("Name").fill(secondTopic.name);
  await form.getByTestId("topic-name-error").waitFor({ state: "detached" });
  await editor().locator(`[data-topic-id="${firstTopic.id}"] .topic-row-name`).click();
  await form.getByLabel("Name").fill("Money matters");
  await editor().getByRole("button", { name: "Save topics" }).click();
  await page.getByTestId("editor-message").getByText("Saved.").waitFor();
  let topics = await api("GET", `/api/datasets/${datasetId}/topics`);
  assert.equal(topics.topics[0].name, "Money matters");
  assert.equal(topics.source, "manual");

  // Merge the two smallest topics into the larger of them.
  const bySize = [...topics.topics].sort((a, b) => (topics.records[a.id] ?? 0) - (topics.records[b.id] ?? 0));
  const [smallest, second] = bySize;
  const movedRecords = topics.records[smallest.id] ?? 0;
  await editor().locator(`[data-topic-id="${smallest.id}"] input[type="checkbox"]`).check();
  await editor().locator(`[data-topic-id="${second.id}"] input[type="checkbox"]`).check();
  await editor().getByRole("button", { name: "Merge 2 topics…" }).click();
  const merge = page.getByRole("dialog", { name: "Merge 2 topics" });
  await merge.getByRole("radio", { name: new RegExp(escapeRegExp(second.name)) }).check();
  await merge.getByLabel("Name of the merged topic").fill("Merged small topics");
  await merge.getByRole("button", { name: "Merge", exact: true }).click();
  await page.getByTestId("editor-message").getByText(`Merged: ${movedRecords} record${movedRecords === 1 ? "" : "s"} moved.`).waitFor();
  topics = await api("GET", `/api/datasets/${datasetId}/topics`);
  assert.equal(topics.topics.length, 3);
  assert.equal(topics.topics.find((topic) => topic.id === second.id).name, "Merged small topics");
  assert.equal(topics.records[smallest.id], undefined);

  // Split the largest topic in two.
  const largest = [...topics.topics].filter((topic) => topic.children.length === 0).sort((a, b) => (topics.records[b.id] ?? 0) - (topics.records[a.id] ?? 0))[0];
  const largestRecords = topics.records[largest.id];
  await editor().locator(`[data-topic-id="${largest.id}"] .topic-row-name`).click();
  await editor().getByRole("button", { name: "Split…" }).click();
  const split = page.getByRole("dialog", { name: `Split “${largest.name}”` });
  await split.getByLabel("Number of parts").selectOption("2");
  await split.getByRole("button", { name: "Split", exact: true }).click();
  await editor().locator(`[data-topic-id="${largest.id}.2"]`).waitFor({ timeout: JOB_TIMEOUT });
  topics = await api("GET", `/api/datasets/${datasetId}/topics`);
  const parent = topics.topics.find((topic) => topic.id === largest.id);
  assert.equal(parent.children.length, 2);
  assert.equal(topics.records[largest.id], undefined, "the split topic takes no records itself");
  assert.equal((topics.records[`${largest.id}.1`] ?? 0) + (topics.records[`${largest.id}.2`] ?? 0), largestRecords);

  // A target share on one part; the summary says what the others get.
  await editor().locator(`[data-topic-id="${largest.id}.1"] .topic-row-name`).click();
  await form.getByLabel(/Target share/).fill("40");
  await page.getByTestId("target-summary").getByText("Targets set sum to 40%; the 3 topics without one share the remaining 60% equally.").waitFor();
  await form.getByText("coverage will use 40.0%").waitFor();
  await screenshot(page, "41-topic-editor");
  await editor().getByRole("button", { name: "Save topics" }).click();
  await page.getByTestId("editor-message").getByText("Saved.").waitFor();
  topics = await api("GET", `/api/datasets/${datasetId}/topics`);
  assert.equal(topics.topics.find((topic) => topic.id === largest.id).children[0].target_share, 0.4);
  await editor().getByRole("button", { name: "Close" }).click();
  await editor().waitFor({ state: "detached" });
});

test("closing the topic editor with unsaved edits asks first; keep editing keeps them, discarding leaves the saved topics", async () => {
  const saved = await api("GET", `/api/datasets/${datasetId}/topics`);
  const first = saved.topics[0];
  await detail().getByRole("button", { name: "✎ Edit topics" }).click();
  await editor().waitFor();
  const form = page.getByTestId("topic-form");
  await editor().locator(`[data-topic-id="${first.id}"] .topic-row-name`).click();
  await form.getByLabel("Name").fill("A name nobody saved");
  await editor().getByText("Unsaved changes").waitFor();

  // Escape asks; keep editing leaves the draft as it was.
  await page.keyboard.press("Escape");
  const confirm = page.getByRole("dialog", { name: "Discard the changes?" });
  await confirm.getByText("the saved topics stay as they are").waitFor();
  await screenshot(page, "48-topic-editor-discard");
  await confirm.getByRole("button", { name: "Keep editing" }).click();
  await confirm.waitFor({ state: "detached" });
  assert.equal(await form.getByLabel("Name").inputValue(), "A name nobody saved");
  await editor().locator(`[data-topic-id="${first.id}"]`).getByText("A name nobody saved").waitFor();

  // ✕ asks too; discarding closes the editor and the saved topics are as they were.
  await page.getByRole("dialog", { name: "Topics" }).getByRole("button", { name: "Close", exact: true }).first().click();
  await confirm.getByRole("button", { name: "Discard changes" }).click();
  await editor().waitFor({ state: "detached" });
  assert.deepEqual((await api("GET", `/api/datasets/${datasetId}/topics`)).topics, saved.topics);

  // Reopened, the editor shows the saved name; closing it with nothing changed asks nothing.
  await detail().getByRole("button", { name: "✎ Edit topics" }).click();
  await editor().locator(`[data-topic-id="${first.id}"]`).getByText(first.name, { exact: true }).waitFor();
  await page.keyboard.press("Escape");
  await editor().waitFor({ state: "detached" });
  assert.equal(await page.getByRole("dialog", { name: "Discard the changes?" }).count(), 0);
});

let reassigned;

test("low-confidence review reassigns a record by hand, and re-categorizing keeps it", async () => {
  const button = detail().getByRole("button", { name: /Review low confidence \(\d+\)/ });
  const lowBefore = Number((await button.innerText()).match(/\((\d+)\)/)[1]);
  assert.ok(lowBefore >= 2, `expected low-confidence records to review, got ${lowBefore}`);
  const first = (await api("GET", `/api/datasets/${datasetId}/records?validity=valid&confidence=low&limit=1`)).items[0];
  await button.click();
  const review = page.getByRole("dialog", { name: "Review low-confidence records" });
  await review.getByTestId("review-total").getByText(`${lowBefore} to review`).waitFor();
  // The first record has the focus from the start: the keys work at once.
  await page.waitForFunction(() => document.activeElement?.hasAttribute("data-review-row"));
  const row = review.getByTestId("review-row").first();
  const picker = row.getByLabel("Topic");
  const options = await picker.locator("option").evaluateAll((nodes) => nodes.map((node) => node.value));
  const target = options.find((value) => value !== first.topic_id);
  await picker.selectOption(target);
  await screenshot(page, "42-low-confidence-review");
  await row.getByRole("button", { name: "Move here" }).click();
  await review.getByTestId("review-total").getByText(`${lowBefore - 1} to review · 1 assigned`).waitFor();
  reassigned = { id: first.id, topic: target };
  const saved = await api("GET", `/api/datasets/${datasetId}/records/${first.id}`);
  assert.equal(saved.topic_id, target);
  assert.equal(saved.topic_manual, true);

  // The keyboard: the focused record keeps its topic with Enter and leaves the list.
  await review.getByTestId("review-row").first().focus();
  await page.keyboard.press("Enter");
  await review.getByTestId("review-total").getByText(`${lowBefore - 2} to review · 2 assigned`).waitFor();
  // The record that took its place has the focus, inside the dialog, ready for the next key.
  if (lowBefore > 2) await page.waitForFunction(() => document.activeElement?.hasAttribute("data-review-row"));
  await page.keyboard.press("Escape");
  await review.waitFor({ state: "detached" });

  await detail().getByRole("button", { name: "Re-categorize all" }).click();
  await waitForIdle();
  const after = await api("GET", `/api/datasets/${datasetId}/records/${reassigned.id}`);
  assert.equal(after.topic_id, reassigned.topic, "a topic chosen by hand survives re-categorization");
  assert.equal(after.topic_manual, true);
});

test("the records overlay filters by topic and shows the topic with its confidence", async () => {
  const topics = await api("GET", `/api/datasets/${datasetId}/topics`);
  const name = findName(topics.topics, reassigned.topic);
  await page.getByRole("button", { name: /^Records/ }).click();
  const filter = (label) => page.locator("label.filter").filter({ has: page.getByText(label, { exact: true }) }).locator("select");
  await filter("Topic").selectOption({ label: name });
  await page.getByTestId("records-total").filter({ hasText: `${topics.records[reassigned.topic]} record` }).waitFor();
  await page.getByTestId("record-row").first().locator(".col-topic").getByText(name).waitFor();
  await page.getByTestId("record-row").locator(".col-topic").getByText("by hand").first().waitFor();
  await filter("Confidence").selectOption("high");
  await page.getByTestId("records-total").filter({ hasText: "match" }).waitFor();
  await screenshot(page, "46-records-by-topic");
  await page.keyboard.press("Escape");
});

test("coverage shows the balance, the dashboard the charts", async () => {
  await page.locator('[data-step="coverage"]').click();
  await detail().getByRole("heading", { name: "3. Review coverage" }).waitFor();
  const coverage = await api("GET", `/api/datasets/${datasetId}/coverage`);
  assert.ok(coverage.balance_score !== null);
  await detail().getByTestId("balance-score").getByText(coverage.balance_score.toFixed(2)).waitFor();
  assert.equal(await detail().getByRole("button", { name: "✦ Generate for gaps…" }).getAttribute("aria-expanded"), "false");
  assert.equal(await detail().getByTestId("coverage-bars").locator("li").count(), Math.min(6, coverage.topics.length));
  await detail().scrollIntoViewIfNeeded();
  await screenshot(page, "44-coverage-detail");

  await detail().getByRole("button", { name: "Open coverage dashboard" }).click();
  const dashboard = page.getByTestId("coverage-dashboard");
  await dashboard.locator(".recharts-surface").first().waitFor();
  const short = coverage.topics.filter((topic) => topic.deficit > 0);
  if (short.length > 0) await dashboard.getByTestId("deficit-table").getByText(`−${short[0].deficit.toLocaleString("en-US")} record`, { exact: false }).first().waitFor();
  await page.waitForTimeout(300);
  await screenshot(page, "43-coverage-dashboard");
  await page.locator(".modal-body").evaluate((body) => body.scrollTo(0, body.scrollHeight));
  await page.waitForTimeout(200);
  await screenshot(page, "47-coverage-dashboard-mix");
  if (short.length > 0) {
    // Generation is one click away: the dashboard's button closes it and opens step 3's form.
    await dashboard.getByTestId("dashboard-generate").click();
    await dashboard.waitFor({ state: "detached" });
    await detail().getByTestId("generation-form").waitFor();
    assert.equal(await detail().getByTestId("generate-toggle").getAttribute("aria-expanded"), "true");
    await detail().getByTestId("generate-toggle").click();
    await detail().getByTestId("generation-form").waitFor({ state: "detached" });
  } else {
    await page.keyboard.press("Escape");
    await dashboard.waitFor({ state: "detached" });
  }
});

test("topics download as JSON and upload back unchanged", async () => {
  const before = await api("GET", `/api/datasets/${datasetId}/topics`);
  await page.getByRole("button", { name: "Import / Export ▾" }).click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("menuitem", { name: "Download topics (JSON)" }).click()]);
  const path = await download.path();
  const file = JSON.parse(readFileSync(path, "utf8"));
  assert.deepEqual(file.topics, before.topics);

  await page.getByRole("button", { name: "Import / Export ▾" }).click();
  await page.getByRole("menuitem", { name: "Upload topics…" }).click();
  const dialog = page.getByRole("dialog", { name: "Upload topics" });
  await dialog.getByLabel("Topics file").setInputFiles(path);
  await dialog.getByTestId("upload-summary").waitFor();
  await dialog.getByText("a record whose topic is not in the file becomes uncategorized").waitFor();
  // Its own file: every id names the same topic here, so no warning and the assignments are kept.
  await dialog.locator("button:not([disabled])", { hasText: "Upload topics" }).waitFor();
  assert.equal(await dialog.getByTestId("upload-renamed-ids").count(), 0);
  assert.equal(await dialog.getByRole("radio", { name: /^Keep/ }).isChecked(), true);
  await dialog.getByRole("button", { name: "Upload topics" }).click();
  await dialog.waitFor({ state: "detached" });
  const after = await api("GET", `/api/datasets/${datasetId}/topics`);
  assert.equal(after.source, "import");
  assert.deepEqual(after.topics, before.topics);
  assert.deepEqual(after.records, before.records, "assignments kept");
});

test("an odd topics file is previewed without breaking the page, and an empty one says it removes every topic", async () => {
  const before = await api("GET", `/api/datasets/${datasetId}/topics`);
  const openUpload = async (name, content) => {
    const path = join(process.env.E2E_WORK, name);
    writeFileSync(path, JSON.stringify(content));
    await page.getByRole("button", { name: "Import / Export ▾" }).click();
    await page.getByRole("menuitem", { name: "Upload topics…" }).click();
    const dialog = page.getByRole("dialog", { name: "Upload topics" });
    await dialog.getByLabel("Topics file").setInputFiles(path);
    return dialog;
  };

  // Topics without children (the server reads them as none) and an id used twice: the preview
  // counts them, and the server's refusal is shown in the dialog.
  let dialog = await openUpload("odd-topics.json", { version: 1, topics: [{ id: "a" }, { id: "a", name: "dup" }] });
  await dialog.getByTestId("upload-summary").getByText("odd-topics.json: 2 topics, 2 that take records.").waitFor();
  await dialog.getByRole("button", { name: "Upload topics" }).click();
  await dialog.getByRole("alert").getByText("topics[0].name: must be a non-empty string").waitFor();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await dialog.waitFor({ state: "detached" });
  await page.getByTestId("health-bar").waitFor();

  // No topics at all: the dialog and its button say what uploading it does.
  dialog = await openUpload("no-topics.json", { version: 1, topics: [] });
  await dialog.getByTestId("upload-summary").getByText("no-topics.json has no topics: uploading it removes every topic of this dataset.").waitFor();
  await dialog.getByText("Every record loses its topic, hand-picked ones too").waitFor();
  await dialog.getByRole("button", { name: "Remove all topics" }).waitFor();
  assert.equal(await dialog.getByRole("button", { name: "Upload topics" }).count(), 0);
  await screenshot(page, "49a-upload-no-topics");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await dialog.waitFor({ state: "detached" });
  assert.deepEqual((await api("GET", `/api/datasets/${datasetId}/topics`)).topics, before.topics, "nothing was uploaded");
});

test("a topics file from another dataset says its ids name other topics here, and clears the assignments unless told to keep them", async () => {
  const before = await api("GET", `/api/datasets/${datasetId}/topics`);
  const [first, ...rest] = before.topics;
  // Another dataset's file reuses the ids "t1", "t2"… for its own topics: here only the first differs.
  const path = join(process.env.E2E_WORK, "other-dataset-topics.json");
  writeFileSync(path, JSON.stringify({ version: 1, topics: [{ ...first, name: "Restaurant reservations" }, ...rest] }));
  const ids = new Set();
  const collect = (topics) => {
    for (const topic of topics) {
      ids.add(topic.id);
      collect(topic.children);
    }
  };
  collect(before.topics);

  await page.getByRole("button", { name: "Import / Export ▾" }).click();
  await page.getByRole("menuitem", { name: "Upload topics…" }).click();
  const dialog = page.getByRole("dialog", { name: "Upload topics" });
  await dialog.getByLabel("Topics file").setInputFiles(path);
  const warning = dialog.getByTestId("upload-renamed-ids");
  await warning.getByText(`1 of the file's ${ids.size} topic ids names a different topic here.`).waitFor();
  await warning.getByText(`is “${first.name}” here, “Restaurant reservations” in the file`).waitFor();
  await warning.getByText("under topics that now mean something else").waitFor();
  assert.equal(await dialog.getByRole("radio", { name: /^Clear and re-categorize/ }).isChecked(), true, "clearing is the default");
  await screenshot(page, "49b-upload-other-dataset-topics");
  // The person may still keep them (the file may be this dataset's, renamed).
  await dialog.getByRole("radio", { name: /^Keep/ }).check();
  assert.equal(await dialog.getByRole("radio", { name: /^Clear and re-categorize/ }).isChecked(), false);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await dialog.waitFor({ state: "detached" });
  assert.deepEqual((await api("GET", `/api/datasets/${datasetId}/topics`)).topics, before.topics, "nothing was uploaded");
});

test("a template replaces the topics after a warning that assignments are cleared", async () => {
  await page.locator('[data-step="topics"]').click();
  await detail().getByRole("button", { name: "From template…" }).click();
  const dialog = page.getByRole("dialog", { name: "Start from a template" });
  await dialog.getByTestId("replace-warning").getByText("including the ones a person chose by hand").waitFor();
  const templates = await api("GET", "/api/topic-templates");
  const chosen = templates.items.find((template) => template.id === "customer_support");
  await dialog.getByTestId("template-card").filter({ hasText: chosen.name }).click();
  await screenshot(page, "45-template-picker");
  await dialog.getByRole("button", { name: "Clear assignments and apply template" }).click();
  await dialog.waitFor({ state: "detached" });
  await waitForIdle();
  await detail().getByTestId("topics-figures").getByText("From a template").waitFor();
  const topics = await api("GET", `/api/datasets/${datasetId}/topics`);
  assert.equal(topics.source, "template");
  assert.deepEqual(
    topics.topics.map((topic) => topic.name),
    chosen.topics.map((topic) => topic.name),
  );
  const record = await api("GET", `/api/datasets/${datasetId}/records/${reassigned.id}`);
  assert.equal(record.topic_manual, false, "the template cleared the hand-picked topic too");
});

test("coverage can be skipped and un-skipped", async () => {
  await page.locator('[data-step="coverage"]').click();
  await detail().getByRole("button", { name: "Skip →" }).click();
  await page.locator('[data-step="coverage"][data-status="skipped"]').waitFor();
  await detail().getByRole("button", { name: "Un-skip" }).click();
  await page.locator('[data-step="coverage"]:not([data-status="skipped"])').waitFor();
});

// A leaf's name as the UI lists it: with its parents' ("Shipping › Late").
function findName(topics, id, path = []) {
  for (const topic of topics) {
    if (topic.id === id) return [...path, topic.name].join(" › ");
    const inside = findName(topic.children, id, [...path, topic.name]);
    if (inside) return inside;
  }
  return null;
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

async function waitForIdle() {
  const deadline = Date.now() + JOB_TIMEOUT;
  // The job may not be visible yet right after the click; then it must finish.
  await page.waitForTimeout(200);
  while (Date.now() < deadline) {
    const dataset = await api("GET", `/api/datasets/${datasetId}`);
    if (dataset.active_job === null) {
      await page.getByTestId("job-progress").waitFor({ state: "detached" }).catch(() => {});
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error("the job did not finish in time");
}

async function waitForJob(jobId) {
  const deadline = Date.now() + JOB_TIMEOUT;
  while (Date.now() < deadline) {
    const job = await api("GET", `/api/jobs/${jobId}`);
    if (job.state === "succeeded") return job;
    if (job.state === "failed" || job.state === "cancelled") throw new Error(`job ${jobId} ${job.state}: ${job.error}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`job ${jobId} did not finish in time`);
}

async function api(method, path, body) {
  const response = await fetch(serverUrl(path), {
    method,
    headers: { Authorization: `Bearer ${TOKEN}`, ...(body ? { "Content-Type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  assert.ok(response.ok, `${method} ${path} → ${response.status}`);
  return response.json();
}
