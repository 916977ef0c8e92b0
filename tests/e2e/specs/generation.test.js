// Step 3's generation (issue #14) against the real server and a fake OpenAI upstream that writes
// the records: three topics from CLINC150 domains, one far short of its target. The Generate form
// starts from what each topic lacks, says how to fix a missing model (the dataset settings), and
// re-estimates as the cap changes; a run fills the gap, its gates remove an exact copy of a real
// record among others, and the panel shows the run as the API reports it; the review deletes one
// record, then the whole run, and coverage is back where it was; a run that waits for review adds
// nothing until its records are accepted; a run cancelled while it writes adds nothing, and says
// so; a run the model refuses throughout succeeds with nothing accepted, shown as a warning.
// Screenshots 93–98.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { adminApi } from "../lib/adminApi.js";
import { openBrowser, openCanvas, screenshot, signIn } from "../lib/browser.js";
import { generationAsk, generationReply, startFakeOpenAI } from "../lib/fakeOpenAI.js";
import { domainUtterances, sortedRecordLine } from "../lib/fixtures.js";
import { startServer } from "../lib/server.js";

const JOB_TIMEOUT = 60_000;
// Kitchen and dining lacks records: with equal targets it is far below its third.
const TOPICS = [
  { id: "t1", name: "Banking", domain: "banking", records: 70, keywords: ["bank", "account", "balance", "transfer"] },
  { id: "t2", name: "Travel", domain: "travel", records: 70, keywords: ["flight", "travel", "hotel", "vacation"] },
  { id: "t3", name: "Kitchen and dining", domain: "kitchen_and_dining", records: 12, keywords: ["recipe", "cook", "calories", "ingredients"] },
];
const SHORT = TOPICS[2];
// A request that plainly belongs to another topic.
const BANKING_REQUEST = "transfer money from my checking account to my savings account";

const conversation = (user, answer) => ({ messages: [{ role: "user", content: user }, { role: "assistant", content: answer }] });
const userText = (record) => record.messages.find((message) => message.role === "user")?.content ?? "";
const answerText = (record) => record.messages.find((message) => message.role === "assistant")?.content ?? "";

// The fake's writer. New records ask a real request it was shown and new ones in one ("…, and
// also …"): the topic's own words, so the gates find them on topic, yet no copy of any record. Its first
// answer starts with three a gate must remove: an exact copy of a real record, the same words
// with "!!" (a near duplicate) and a banking request (off topic). While `holding`, the first call
// answers after 400 ms (the server writes a job's progress at most every 200 ms, so it is seen) and
// the others wait until released: a run that can be seen running and cancelled.
let trapsSent = false;
let holding = false;
let callsWhileHolding = 0;
const held = [];
// Requests the dataset never saw, shortest first: the domain's validation and test requests.
const words = (text) => text.split(/\s+/).length;
const unseen = [...domainUtterances(SHORT.domain, "val"), ...domainUtterances(SHORT.domain, "test")].sort(([a], [b]) => words(a) - words(b));
// Unseen requests, each used once, with at least `minimum` words between them: the shortest one
// long enough, else the longest left and more. Best fit keeps the long ones for long seeds, so the
// bound holds whatever order the server's concurrent calls arrive in.
function freshRequests(minimum) {
  const taken = [];
  for (let total = 0; total < minimum && unseen.length > 0; ) {
    const at = unseen.findIndex(([text]) => words(text) >= minimum - total);
    const [fresh] = unseen.splice(at >= 0 ? at : unseen.length - 1, 1);
    taken.push(fresh);
    total += words(fresh[0]);
  }
  assert.ok(taken.length > 0, "the fake ran out of unseen requests");
  return taken;
}
const releaseHeld = () => held.splice(0).forEach((release) => release());
async function writeRecords({ topic, count, seeds }) {
  assert.equal(topic, SHORT.name, "only the short topic is asked for");
  if (holding && callsWhileHolding++ === 0) await new Promise((resolve) => setTimeout(resolve, 400));
  else if (holding) await new Promise((resolve) => held.push(resolve));
  const records = [];
  if (!trapsSent && seeds.length >= 2) {
    trapsSent = true;
    records.push(seeds[0], conversation(`${userText(seeds[1])}!!`, answerText(seeds[1])), conversation(BANKING_REQUEST, "transfer"));
  }
  // Each new record asks a seed's request and unseen ones (used once each) with more words than
  // the seed: it shares the topic's words with the seed yet is no near duplicate of it (cosine
  // under 0.71) nor of another new record.
  for (let i = 0; records.length < count; i = (i + 1) % seeds.length) {
    const seed = userText(seeds[i]);
    const fresh = freshRequests(words(seed) + 2);
    const asked = fresh.map(([text]) => text).join(", and ");
    const answered = fresh.map(([, answer]) => answer).join(" + ");
    records.push(conversation(`${seed}, and also ${asked}`, `${answerText(seeds[i])} + ${answered}`));
  }
  return records;
}

// While `refusing`, the writer refuses every request for records, as a model's policy may.
let refusing = false;
const writeOrRefuse = (write) => async (body) => (refusing && generationAsk(body) ? { content: null, refusal: "I can't help with that." } : write(body));

let fake;
let server;
let browser;
let page;
let datasetId;
const { api, waitForJob } = adminApi(() => server);
// What the dataset was before generating, and what the first test planned and the second ran.
const baseline = {};

before(async () => {
  fake = await startFakeOpenAI({ reply: writeOrRefuse(generationReply(writeRecords)) });
  server = await startServer({
    config: {
      providers: [{ name: "fake", base_url: fake.baseUrl }],
      models: [{ name: "writer", provider: "fake", upstream_model: "fake-writer" }],
    },
  });
  // Records written as the server writes generated ones, so a generated copy is an exact duplicate.
  const lines = [];
  for (const topic of TOPICS) {
    const utterances = domainUtterances(topic.domain);
    const step = Math.floor(utterances.length / topic.records);
    for (let i = 0; i < topic.records; i += 1) lines.push(sortedRecordLine(...utterances[i * step]));
  }
  datasetId = (await api("POST", "/api/datasets", { name: "generation", objective: "Answer banking, travel and cooking requests" })).id;
  await waitForJob((await api("POST", `/api/datasets/${datasetId}/import?filename=generation.jsonl`, lines.join("\n") + "\n")).id);
  const topics = TOPICS.map(({ id, name, keywords }) => ({ id, name, description: `Requests about ${name.toLowerCase()}`, keywords, examples: [], target_share: null, children: [] }));
  const saved = await api("PUT", `/api/datasets/${datasetId}/topics?assignments=keep&source=manual`, { version: 1, topics });
  if (saved.job) await waitForJob(saved.job.id);
  // Each record in its own domain's topic, by hand: the test must know exactly what each topic lacks.
  const records = await api("GET", `/api/datasets/${datasetId}/records?limit=500`);
  const topicOfLine = (line) => (line <= TOPICS[0].records ? "t1" : line <= TOPICS[0].records + TOPICS[1].records ? "t2" : "t3");
  for (const record of records.items) await api("PUT", `/api/datasets/${datasetId}/records/${record.id}/topic`, { topic: topicOfLine(record.line) });
  baseline.coverage = await api("GET", `/api/datasets/${datasetId}/coverage`);
  baseline.records = (await api("GET", `/api/datasets/${datasetId}`)).record_count;
  assert.equal(baseline.coverage.topics.find((topic) => topic.id === SHORT.id).records, SHORT.records);

  browser = await openBrowser();
  page = browser.page;
  await signIn(page, server.url, server.token);
});

after(async () => {
  holding = false;
  releaseHeld();
  await browser?.close();
  await server?.stop();
  await fake?.close();
});

const detail = () => page.getByTestId("step-detail");
const form = () => page.getByTestId("generation-form");
const topicRow = (id) => form().locator(`[data-testid="generation-topics"] tr[data-topic="${id}"]`);

test("the Generate form starts from the gaps, says how to fix a missing model, and re-estimates as the cap changes", async () => {
  await openCanvas(page, server.url, datasetId);
  await page.locator('[data-step="coverage"]').click();
  await detail().getByTestId("balance-score").getByText(baseline.coverage.balance_score.toFixed(2)).waitFor();
  await detail().getByRole("button", { name: "✦ Generate for gaps…" }).click();
  await form().waitFor();

  // Pre-filled from the server's plan of every topic's fill: only the short topic ticked.
  const gaps = await api("POST", `/api/datasets/${datasetId}/generation/plan`, {});
  assert.deepEqual(
    gaps.topics.map((topic) => topic.topic),
    [SHORT.id],
  );
  const fill = gaps.topics[0].fill;
  assert.ok(fill > SHORT.records, `the short topic lacks ${fill} records`);
  assert.equal(await topicRow(SHORT.id).getByRole("checkbox").isChecked(), true);
  assert.equal(await topicRow(SHORT.id).getByRole("textbox").inputValue(), String(fill));
  for (const other of ["t1", "t2"]) assert.equal(await topicRow(other).getByRole("checkbox").isChecked(), false);

  // No model yet: the server's reason, a way to fix it, and no Start.
  assert.equal(gaps.model, null);
  const problem = form().getByTestId("generation-model-error");
  await problem.getByText("Name the model that writes the records").waitFor();
  assert.equal(await form().getByTestId("generation-start").isDisabled(), true);
  await problem.getByRole("button", { name: "Open settings" }).click();
  const settings = page.getByRole("dialog", { name: "Dataset settings" });
  await settings.getByLabel("Generation model").fill("writer");
  await settings.getByRole("button", { name: "Save" }).click();
  await settings.waitFor({ state: "detached" });
  assert.equal((await api("GET", `/api/datasets/${datasetId}`)).settings.generation_model, "writer");
  await problem.waitFor({ state: "detached" });

  // At the default 30% cap the topic gets few records; at 50% more, still clipped, and the notes say so.
  await form().getByLabel(/Max synthetic share/).fill("50");
  await form().getByLabel("Records per call").fill("3");
  await form().getByLabel(/Input price/).fill("0.15");
  await form().getByLabel(/Output price/).fill("0.6");
  const request = { topics: [{ topic: SHORT.id, count: fill }], records_per_call: 3, max_synthetic_share: 0.5, price: { input_per_million: 0.15, output_per_million: 0.6 } };
  const plan = await api("POST", `/api/datasets/${datasetId}/generation/plan`, request);
  assert.equal(plan.model, "writer");
  assert.equal(plan.topics[0].clipped_by, "topic_cap");
  const estimate = form().getByTestId("generation-estimate");
  await estimate.getByTestId("estimate-records").getByText(`${plan.allowed} of ${fill} asked`).waitFor();
  await estimate.getByTestId("estimate-calls").getByText(`≈ ${plan.estimate.calls}`, { exact: true }).waitFor();
  await estimate.getByTestId("estimate-cost").getByText(/^≈ \$/).waitFor();
  await estimate.getByTestId("generation-notes").getByText(plan.notes[0]).waitFor();
  await topicRow(SHORT.id).getByTestId("generation-allowed").getByText("topic cap").waitFor();
  await form().getByRole("button", { name: `▶ Generate ${plan.allowed} records` }).waitFor();
  await form().scrollIntoViewIfNeeded();
  await screenshot(page, "93-generate-form");
  baseline.planned = plan.allowed;
});

test("a run fills the gap: its records per topic, what each gate removed, tokens and cost, and a higher balance score", async () => {
  await form().getByTestId("generation-start").click();
  await form().waitFor({ state: "detached" });
  const result = detail().getByTestId("generation-result");
  await result.getByTestId("generation-outcome").waitFor({ timeout: JOB_TIMEOUT });

  const [run] = (await api("GET", `/api/datasets/${datasetId}/generation/runs`)).items;
  assert.equal(run.state, "succeeded", run.error ?? "");
  const { summary } = run;
  assert.equal(summary.accepted, baseline.planned, "the run wrote every planned record");
  assert.equal(run.counts.accepted, baseline.planned);
  // The fake's three traps, one for each gate; every other record passed.
  assert.deepEqual(summary.gates, { invalid: 0, exact_duplicate: 1, near_duplicate: 1, off_topic: 1, low_confidence: 0, cap: 0 });
  // The server sent the fake the topic's name and real records of it to learn from.
  const calls = fake.requests.filter((request) => request.body?.response_format?.json_schema?.name === "generated_records");
  assert.equal(calls.length, summary.calls);
  assert.ok(calls.every((request) => request.body.model === "fake-writer"));

  const removed = Object.values(summary.gates).reduce((sum, count) => sum + count, 0);
  assert.equal(
    await result.getByTestId("generation-outcome").innerText(),
    `${summary.accepted} of ${baseline.planned} planned records accepted: ${summary.generated} written, ${removed} removed by the gates, ${summary.calls} ${summary.calls === 1 ? "call" : "calls"}`,
  );
  for (const [gate, count] of Object.entries(summary.gates)) {
    assert.equal(await result.locator(`[data-gate="${gate}"] dd`).innerText(), String(count), `gate ${gate}`);
  }
  const row = result.locator(`tr[data-topic="${SHORT.id}"]`);
  await row.getByText(`${summary.accepted} / ${baseline.planned}`).waitFor();
  await row.getByText("Exact duplicate").waitFor();
  assert.equal(await result.getByTestId("generation-answer-problems").innerText(), "none");
  assert.equal(await result.getByTestId("generation-tokens").innerText(), `${summary.tokens.prompt.toLocaleString("en-US")} prompt + ${summary.tokens.completion.toLocaleString("en-US")} completion`);
  assert.match(await result.getByTestId("generation-cost").innerText(), /^\$\d/);

  // Coverage moves with the new records.
  const coverage = await api("GET", `/api/datasets/${datasetId}/coverage`);
  assert.ok(coverage.balance_score > baseline.coverage.balance_score, `balance ${baseline.coverage.balance_score} → ${coverage.balance_score}`);
  await detail().getByTestId("balance-score").getByText(coverage.balance_score.toFixed(2)).waitFor();
  assert.equal((await api("GET", `/api/datasets/${datasetId}`)).record_count, baseline.records + baseline.planned);
  await detail().getByTestId("generation-section").scrollIntoViewIfNeeded();
  await screenshot(page, "94-generation-result");
  baseline.run = run;
});

test("the review lists the run's records by status; editing one changes the dataset's record, deleting one and then the run puts coverage back", async () => {
  const run = baseline.run;
  await detail().getByTestId("generation-review").click();
  const review = page.getByRole("dialog", { name: `Generation run #${run.id}: review` });
  await review.getByRole("tab", { name: /Accepted/ }).getByText(String(run.counts.accepted)).waitFor();

  // Rejected: each with the gate that removed it and why.
  await review.getByRole("tab", { name: /Rejected/ }).click();
  const rejected = review.getByTestId("generated-record");
  await rejected.first().waitFor();
  assert.equal(await rejected.count(), Math.min(20, run.counts.rejected));
  const copy = rejected.filter({ has: page.getByTestId("generated-record-verdict").getByText("Exact duplicate") });
  await copy.first().getByText(/^an exact copy of record #\d+$/).waitFor();
  await screenshot(page, "95-generation-review");

  // Editing an accepted record changes the dataset's record too.
  await review.getByRole("tab", { name: /Accepted/ }).click();
  const accepted = review.locator('[data-testid="generated-record"][data-status="accepted"]');
  const { items } = await api("GET", `/api/generation/runs/${run.id}/records?status=accepted&limit=100`);
  const editedId = Number(await accepted.nth(1).getAttribute("data-id"));
  const edited = items.find((item) => item.id === editedId);
  await accepted.nth(1).getByRole("button", { name: "Edit" }).click();
  const editorDialog = page.getByRole("dialog", { name: `Generated record #${edited.id}` });
  const editor = editorDialog.locator(".cm-content");
  await editor.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  const answer = "cook_time (checked by a person)";
  await editor.fill(JSON.stringify({ messages: [...edited.record.messages.slice(0, -1), { role: "assistant", content: answer }] }, null, 2));
  await editorDialog.locator('[data-testid="verdict"][aria-busy="false"] [data-testid="verdict-state"][data-valid="true"]').waitFor();
  await editorDialog.getByRole("button", { name: "Save record" }).click();
  await editorDialog.waitFor({ state: "detached" });
  await accepted.nth(1).getByText(answer).waitFor();
  assert.equal(JSON.parse((await api("GET", `/api/datasets/${datasetId}/records/${edited.record_id}`)).text).messages.at(-1).content, answer);

  // Deleting an accepted record takes it out of the dataset.
  const first = accepted.first();
  const generatedId = Number(await first.getAttribute("data-id"));
  const recordId = items.find((item) => item.id === generatedId).record_id;
  await first.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog", { name: "Delete this generated record?" }).getByRole("button", { name: "Delete record" }).click();
  await review.getByTestId("review-message").getByText(`Record deleted and removed from the dataset (record #${recordId}).`).waitFor();
  await review.getByRole("tab", { name: /Deleted/ }).getByText("1").waitFor();
  const response = await fetch(`${server.url}/api/datasets/${datasetId}/records/${recordId}`, { headers: { Authorization: `Bearer ${server.token}` } });
  assert.equal(response.status, 404);
  assert.equal((await api("GET", `/api/generation/runs/${run.id}`)).counts.accepted, run.counts.accepted - 1);

  // Deleting the run removes the records it added: coverage is as before the run.
  await review.getByRole("button", { name: "Delete run…" }).click();
  const confirm = page.getByRole("dialog", { name: `Delete run #${run.id}?` });
  await confirm.getByText(`Its ${run.counts.accepted - 1} accepted records leave the dataset`).waitFor();
  await screenshot(page, "96-generation-delete-run");
  await confirm.getByRole("button", { name: "Delete run" }).click();
  await review.waitFor({ state: "detached" });
  assert.deepEqual((await api("GET", `/api/datasets/${datasetId}/generation/runs`)).items, []);
  assert.equal((await api("GET", `/api/datasets/${datasetId}`)).record_count, baseline.records);
  const coverage = await api("GET", `/api/datasets/${datasetId}/coverage`);
  assert.equal(coverage.balance_score, baseline.coverage.balance_score);
  await detail().getByTestId("balance-score").getByText(baseline.coverage.balance_score.toFixed(2)).waitFor();
  assert.equal(await detail().getByTestId("generation-result").count(), 0);
});

test("a run that waits for review adds nothing until its pending records are accepted", async () => {
  await detail().getByRole("button", { name: "✦ Generate for gaps…" }).click();
  // The dataset's generation model is the form's model now; the default 30% cap.
  assert.equal(await form().getByLabel(/^Model/).inputValue(), "writer");
  await form().getByLabel(/Wait for my review/).check();
  const plan = await api("POST", `/api/datasets/${datasetId}/generation/plan`, {});
  const allowed = (await api("POST", `/api/datasets/${datasetId}/generation/plan`, { topics: [{ topic: SHORT.id, count: plan.topics[0].fill }] })).allowed;
  await form().getByRole("button", { name: `▶ Generate ${allowed} records` }).click();
  const result = detail().getByTestId("generation-result");
  await result.getByText(`${allowed} records wait for your review before joining the dataset.`).waitFor({ timeout: JOB_TIMEOUT });
  assert.equal((await api("GET", `/api/datasets/${datasetId}`)).record_count, baseline.records);

  await result.getByRole("button", { name: "Review records…" }).click();
  const [run] = (await api("GET", `/api/datasets/${datasetId}/generation/runs`)).items;
  const review = page.getByRole("dialog", { name: `Generation run #${run.id}: review` });
  assert.equal(await review.getByRole("tab", { name: /Pending review/ }).getAttribute("aria-selected"), "true");
  // count() does not wait: the dialog's records load after it opens.
  const pending = review.locator('[data-testid="generated-record"][data-status="pending"]');
  await pending.first().waitFor();
  assert.equal(await pending.count(), allowed);
  await review.getByRole("button", { name: `Accept all pending (${allowed})` }).click();
  await review.getByTestId("review-message").getByText(`${allowed} records accepted into the dataset.`).waitFor();
  await review.getByRole("tab", { name: /Accepted/ }).getByText(String(allowed)).waitFor();
  assert.equal((await api("GET", `/api/datasets/${datasetId}`)).record_count, baseline.records + allowed);
  await page.keyboard.press("Escape");
  await review.waitFor({ state: "detached" });
  await detail().getByTestId("balance-score").getByText((await api("GET", `/api/datasets/${datasetId}/coverage`)).balance_score.toFixed(2)).waitFor();
  baseline.records += allowed;
});

test("a run cancelled while it writes adds nothing", async () => {
  // The run's first call answers, the others wait: the progress has something to say.
  holding = true;
  await detail().getByRole("button", { name: "✦ Generate for gaps…" }).click();
  await form().getByLabel(/Max synthetic share/).fill("50");
  await form().getByTestId("generation-start").click();
  const progress = detail().getByTestId("generation-progress");
  await progress.getByText(/^Generated \d+ of \d+ records/).waitFor({ timeout: JOB_TIMEOUT });
  await progress.scrollIntoViewIfNeeded();
  await screenshot(page, "97-generation-running");
  await progress.getByRole("button", { name: "Cancel" }).click();
  const result = detail().getByTestId("generation-result");
  await result.getByText("Cancelled", { exact: true }).waitFor({ timeout: JOB_TIMEOUT });
  holding = false;
  releaseHeld();
  const [run] = (await api("GET", `/api/datasets/${datasetId}/generation/runs`)).items;
  assert.equal(run.state, "cancelled");
  assert.equal(run.counts.accepted, 0);
  assert.equal((await api("GET", `/api/datasets/${datasetId}`)).record_count, baseline.records);
  assert.equal(await detail().getByTestId("generation-history").locator("tbody tr").count(), 2);
  // Its headline says what happened to what it wrote, never that records were accepted.
  const outcome = await result.getByTestId("generation-outcome").innerText();
  assert.match(outcome, /^Cancelled (before any call|after \d+ calls?): nothing joined the dataset(; the \d+ records? written by then (was|were) discarded( \(\d+ had passed the gates\))?)?\.$/);
  if (run.summary.generated > 0) assert.ok(outcome.includes(`the ${run.summary.generated} record`), outcome);
  await screenshot(page, "97a-generation-cancelled");
});

test("a run whose every call the model refuses ends with nothing accepted, shown as a warning with the reason", async () => {
  refusing = true;
  await detail().getByRole("button", { name: "✦ Generate for gaps…" }).click();
  await form().getByLabel(/Max synthetic share/).fill("50");
  await form().getByTestId("generation-start").click();
  const result = detail().getByTestId("generation-result");
  await result.getByText("Nothing accepted", { exact: true }).waitFor({ timeout: JOB_TIMEOUT });
  refusing = false;
  const [run] = (await api("GET", `/api/datasets/${datasetId}/generation/runs`)).items;
  assert.equal(run.state, "succeeded");
  assert.equal(run.summary.accepted, 0);
  assert.equal(run.summary.answer_problems.refusal, run.summary.calls);
  const calls = run.summary.calls === 1 ? "the only call" : `all ${run.summary.calls} calls`;
  assert.equal(await result.getByTestId("generation-nothing-accepted").innerText(), `No record was accepted: the model refused ${calls}.`);
  await detail().getByTestId("generation-history").locator(`tr[data-run="${run.id}"]`).getByText("Nothing accepted", { exact: true }).waitFor();
  assert.equal((await api("GET", `/api/datasets/${datasetId}`)).record_count, baseline.records);
  await result.scrollIntoViewIfNeeded();
  await screenshot(page, "98-generation-refused");
});
