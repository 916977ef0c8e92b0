// Steps 4 and 5 in the web UI (issues #4 and #6) against a server of their own whose provider
// key is in E2E_PROVIDER_KEY, and a fake OpenAI upstream that answers three prompts in four with
// the right CLINC150 intent: write a script grader, test it on 5 records, see a throwing script's
// errors, save, dry-run the reference answers and then the base model, read the verdict, the
// histogram and the samples, and grade with an LLM judge.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { openBrowser, openCanvas, screenshot, signIn } from "../lib/browser.js";
import { startFakeOpenAI } from "../lib/fakeOpenAI.js";
import { writeUpload } from "../lib/fixtures.js";
import { startServer } from "../lib/server.js";
import { adminApi } from "../lib/adminApi.js";

const UPLOAD = join(process.env.E2E_WORK, "grader-intents.jsonl");
const upload = writeUpload(UPLOAD);
// The valid records: user text → the intent (the reference answer).
const INTENTS = new Map(
  upload.lines
    .map((line) => {
      try {
        const record = JSON.parse(line);
        const user = record.messages?.find((message) => message.role === "user");
        const answer = record.messages?.at(-1);
        return record.metadata?.source === "clinc150" && user && answer?.role === "assistant" ? [user.content, answer.content] : null;
      } catch {
        return null;
      }
    })
    .filter(Boolean),
);
// The fake base model knows three intents in four, decided by a hash of the prompt.
const knows = (text) => createHash("sha256").update(text).digest()[0] % 4 !== 0;
const KNOWN = [...INTENTS.keys()].filter(knows).length;
const EXPECTED_MEAN = KNOWN / INTENTS.size;

const EXACT_SCRIPT = `function grade(input) {
  const expected = input.item.reference.output_text;
  console.log("expected " + expected);
  const score = input.sample.output_text.trim() === expected ? 1 : 0;
  return { score, reason: score ? "the right intent" : "expected " + expected };
}`;
const THROWING_SCRIPT = `function grade(input) {
  throw new Error("cannot grade " + input.item.reference.output_text);
}`;
const BROKEN_SCRIPT = `function grade(input) {
  return {score: 1;
}`;

let server;
const { api, waitForJob, createDataset } = adminApi(() => server);
let upstream;
let browser;
let page;
let datasetId;

before(async () => {
  upstream = await startFakeOpenAI({
    reply: (body) => {
      // A judge asks for a JSON answer: give a score that depends on the answer's length.
      if (body.response_format?.type === "json_schema") {
        const prompt = body.messages.map((message) => message.content).join("\n");
        const answer = /Assistant's answer:\n(.*)/.exec(prompt)?.[1] ?? "";
        return { content: JSON.stringify({ score: answer.length % 2 ? 0.8 : 0.3, reason: `judged "${answer}"` }) };
      }
      const user = body.messages.find((message) => message.role === "user")?.content ?? "";
      const intent = INTENTS.get(user);
      return { content: intent && knows(user) ? intent : "oos" };
    },
  });
  server = await startServer({
    env: { E2E_PROVIDER_KEY: "sk-e2e" },
    // The gateway's providers, which the base model's fields offer: the fake upstream, and one
    // whose key variable the server does not have.
    config: {
      providers: [
        { name: "e2e-upstream", base_url: upstream.baseUrl, api_key_env: "E2E_PROVIDER_KEY" },
        { name: "unkeyed", base_url: "http://127.0.0.1:9/v1", api_key_env: "E2E_MISSING_KEY" },
      ],
    },
  });
  datasetId = await createDataset("grader-intents", "Route each request to its CLINC150 intent", UPLOAD);

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
const editor = () => page.getByTestId("grader-editor");

async function typeScript(source) {
  const content = editor().locator(".cm-content");
  await content.click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  // insertText, not type: the editor's auto-indent and bracket closing would change the text.
  await page.keyboard.insertText(source);
}

async function runTestSample() {
  await page.getByRole("button", { name: "▶ Test sample" }).last().click();
  await page.getByRole("button", { name: "▶ Test sample" }).last().waitFor({ state: "visible" });
  await editor().getByTestId("test-results").waitFor();
}

test("a script grader written in the editor is tested on 5 records, its errors apart from zeros", async () => {
  await page.locator('[data-step="grader"]').click();
  await detail().getByText("No grader yet").waitFor();
  await detail().getByRole("button", { name: /Define grader/ }).click();
  await editor().waitFor();
  assert.equal(await page.getByTestId("grader-type").inputValue(), "script");
  await editor().getByTestId("input-contract").getByText("input.sample.output_text").waitFor();
  await editor().locator(".cm-content").getByText("function grade(input)").waitFor();

  await typeScript(EXACT_SCRIPT);
  await runTestSample();
  const results = editor().getByTestId("test-result");
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="grader-editor"] [data-testid="test-result"]').length === 5);
  assert.equal(await results.count(), 5);
  // Reference mode: the reference answers are right by definition.
  for (const text of await results.allInnerTexts()) {
    assert.match(text, /1\.00/);
    assert.match(text, /the right intent/);
    assert.match(text, /expected \w+/); // the console.log line
  }
  assert.match(await editor().getByTestId("test-results").innerText(), /5 graded · 0 errors/);
  await screenshot(page, "50-grader-editor-test");

  await typeScript(THROWING_SCRIPT);
  await runTestSample();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="grader-editor"] [data-testid="test-result-error"]').length === 5);
  const errorTexts = await editor().getByTestId("test-result-error").allInnerTexts();
  assert.equal(errorTexts.length, 5);
  for (const text of errorTexts) assert.match(text, /cannot grade \w+/);
  assert.equal(await editor().locator(".score-badge").count(), 0, "errors are not shown as scores");
  assert.match(await editor().getByTestId("test-results").innerText(), /5 errors/);
  await screenshot(page, "51-grader-editor-errors");
});

test("a script that does not compile is refused at its field; a good one is saved as a version", async () => {
  await typeScript(BROKEN_SCRIPT);
  await page.getByRole("button", { name: "Save grader" }).click();
  const fieldError = editor().locator('[data-field="source"] .field-error');
  await fieldError.waitFor();
  assert.match(await fieldError.innerText(), /SyntaxError/);
  assert.equal(await api("GET", `/api/datasets/${datasetId}/grader`).then((grader) => grader.version), null, "nothing saved");

  await typeScript(EXACT_SCRIPT);
  await page.getByRole("button", { name: "Save grader" }).click();
  await page.getByTestId("grader-saved").waitFor();
  const saved = await api("GET", `/api/datasets/${datasetId}/grader`);
  assert.match(saved.version, /^sha256:[0-9a-f]{16}$/);
  assert.match(await page.getByTestId("grader-saved").innerText(), new RegExp(saved.version));
  assert.equal(saved.config.source, EXACT_SCRIPT);
  await page.getByRole("dialog").getByRole("button", { name: "Close", exact: true }).last().click();
  await editor().waitFor({ state: "detached" });

  await detail().getByTestId("grader-type-label").filter({ hasText: "Script (JavaScript)" }).waitFor();
  await detail().getByText(saved.version).waitFor();
  await detail().getByRole("button", { name: "▶ Test sample" }).click();
  await page.locator('[data-step="grader"][data-status="complete"]').waitFor();
  await detail().getByTestId("last-test-headline").filter({ hasText: "5 graded · 0 errors · mean 1.00" }).waitFor();
});

test("Export to OpenAI says why a script has no equivalent", async () => {
  await detail().getByRole("button", { name: "Export to OpenAI" }).click();
  const message = page.getByTestId("export-no-equivalent");
  await message.waitFor();
  assert.match(await message.innerText(), /python/i);
  await screenshot(page, "52-export-no-equivalent");
  await page.keyboard.press("Escape");
  await message.waitFor({ state: "detached" });
});

test("a dry run of the reference answers: every score is 1, so no spread and NO-GO", async () => {
  await page.locator('[data-step="dry_run"]').click();
  await detail().getByText("No dry run yet").waitFor();
  await detail().getByLabel(/Reference answers/).check();
  await detail().getByRole("button", { name: "▶ Start dry run" }).click();
  const verdict = detail().getByTestId("dry-run-verdict");
  await verdict.waitFor({ timeout: 60_000 });
  // The verdict table: mean 1 > 0.2 GO, 100% > 70% GO, std 0 < 0.05 NO-GO; the worst wins.
  assert.equal(await verdict.getAttribute("data-verdict"), "NO-GO");
  assert.equal(await detail().locator('[data-metric="mean"]').getAttribute("data-verdict"), "GO");
  assert.equal(await detail().locator('[data-metric="share_above_zero"]').getAttribute("data-verdict"), "GO");
  assert.equal(await detail().locator('[data-metric="std_dev"]').getAttribute("data-verdict"), "NO-GO");
  assert.match(await detail().locator('[data-metric="std_dev"]').innerText(), /< 0\.05/);
  await detail().getByTestId("dry-run-diagnoses").getByText("Too little spread").waitFor();
  assert.match(await verdict.innerText(), /300 samples \(300 scored\) · mean 1\.00 · std 0\.00 · reference answers/);
  await page.locator('[data-step="dry_run"][data-status="failed"]').waitFor();
  await detail().getByTestId("score-histogram").locator(".recharts-bar-rectangle").first().waitFor();
  await detail().getByTestId("dry-run-diagnoses").scrollIntoViewIfNeeded();
  await screenshot(page, "53-dry-run-reference");
});

test("a dry run of the base model through the fake upstream gives GO, a histogram and the samples", async () => {
  // Topics first, so the run's per-topic means have names to show.
  const discovery = await api("POST", `/api/datasets/${datasetId}/topics/discover`, { topics: 3 });
  assert.equal((await waitForJob(discovery.id)).state, "succeeded");
  const topicNames = (await api("GET", `/api/datasets/${datasetId}/topics`)).topics.map((topic) => topic.name);
  await detail().getByRole("button", { name: /Run again/ }).click();
  await detail().getByLabel(/Base model samples/).check();
  // The gateway's providers are one pick away, and one whose key is missing says so.
  const providerChoice = detail().getByTestId("base-model-provider");
  await detail().getByLabel("Provider base URL").fill("http://typed.example/v1");
  assert.equal(await providerChoice.inputValue(), "", "a typed URL is no configured provider");
  await providerChoice.selectOption("unkeyed");
  await detail().getByText("⚠ E2E_MISSING_KEY is not set on the server").waitFor();
  await providerChoice.selectOption("e2e-upstream");
  assert.equal(await detail().getByLabel("Provider base URL").inputValue(), upstream.baseUrl);
  assert.equal(await detail().getByLabel(/Key environment variable/).inputValue(), "E2E_PROVIDER_KEY");
  await detail().getByLabel("Base model", { exact: true }).fill("e2e-model");
  await detail().getByLabel("Provider base URL").fill(upstream.baseUrl);
  // A pasted key is refused where the variable's name belongs.
  await detail().getByLabel(/Key environment variable/).fill("sk-e2e");
  await detail().getByRole("button", { name: "▶ Start dry run" }).click();
  await detail().getByText(/This looks like a key/).waitFor();
  await detail().getByLabel(/Key environment variable/).fill("E2E_PROVIDER_KEY");
  await detail().getByLabel(/Concurrency/).fill("8");
  await detail().getByLabel(/Input price/).fill("0.15");
  await detail().getByLabel(/Output price/).fill("0.6");
  await screenshot(page, "54a-dry-run-form");
  await detail().getByRole("button", { name: "▶ Start dry run" }).click();

  await detail().getByTestId("dry-run-verdict").and(page.locator('[data-verdict="GO"]')).waitFor({ timeout: 120_000 });
  const run = await api("GET", `/api/datasets/${datasetId}/dry-run`);
  const { prompt_tokens: promptTokens, completion_tokens: completionTokens, cost_usd: cost } = run.report.statistics;
  assert.ok(Math.abs(cost - (promptTokens * 0.15 + completionTokens * 0.6) / 1e6) < 1e-12, `cost ${cost}`);
  const chats = upstream.requests.filter((request) => request.path === "/v1/chat/completions");
  assert.equal(chats.length, 300);
  assert.ok(chats.every((request) => request.authorization === "Bearer sk-e2e"), "the key came from the server's environment");
  assert.equal(chats[0].body.model, "e2e-model");
  const verdictText = await detail().getByTestId("dry-run-verdict").innerText();
  assert.match(verdictText, new RegExp(`mean ${EXPECTED_MEAN.toFixed(2)}`));
  assert.match(verdictText, /base model/);
  assert.match(await detail().locator('[data-metric="share_above_zero"]').innerText(), new RegExp(`${Math.round(EXPECTED_MEAN * 100)}%`));
  await detail().getByTestId("score-histogram").locator(".recharts-bar-rectangle").first().waitFor();
  await screenshot(page, "54-dry-run-base-model");

  await detail().getByRole("button", { name: "Full results" }).click();
  const results = page.getByTestId("dry-run-results");
  await results.waitFor();
  await results.getByTestId("score-histogram").locator(".recharts-bar-rectangle").first().waitFor();
  const means = results.getByTestId("topic-means");
  await means.getByText(topicNames[0]).waitFor();
  assert.match(await results.getByTestId("dry-run-facts").innerText(), /cost\s*\$\d/i);
  const meansText = await means.innerText();
  for (const name of topicNames) assert.ok(meansText.includes(name), `${name} in ${meansText}`);
  await screenshot(page, "55-dry-run-results");
  const rows = results.getByTestId("dry-run-sample-row");
  await rows.first().waitFor();
  assert.equal(await rows.count(), 50);
  assert.match(await results.getByTestId("dry-run-samples").innerText(), /1–50 of 300/);
  await results.getByRole("button", { name: /Score/ }).click(); // highest first
  await results.locator('[data-testid="dry-run-sample-row"][data-score="1"]').first().waitFor();
  await results.getByRole("button", { name: /Score/ }).click(); // lowest first
  await page.waitForFunction(() => document.querySelector('[data-testid="dry-run-sample-row"]')?.getAttribute("data-score") === "0");
  const lowest = await rows.first().innerText();
  assert.match(lowest, /oos/);
  assert.match(lowest, /expected \w+/);
  await results.getByTestId("dry-run-samples").scrollIntoViewIfNeeded();
  await screenshot(page, "56-dry-run-samples");

  await rows.first().getByRole("button").click();
  const sample = page.getByTestId("sample-detail");
  await sample.waitFor();
  const sampleText = await sample.innerText();
  assert.match(sampleText, /Route the request to one intent\./); // the system message of the prompt
  assert.match(sampleText, /oos/);
  assert.match(sampleText, /expected \w+/);
  await screenshot(page, "57-dry-run-sample");
  await page.keyboard.press("Escape");
  await sample.waitFor({ state: "detached" });
  await page.keyboard.press("Escape");
  await results.waitFor({ state: "detached" });
});

test("Test sample grades 5 fresh samples of the base model when chosen; an empty model is refused at its field", async () => {
  await page.locator('[data-step="grader"]').click();
  const grades = detail().getByTestId("test-sample-grades");
  await grades.getByLabel(/Base model samples/).check();
  const fields = grades.locator(".base-model-fields");
  // Prefilled from the dry run's form.
  assert.equal(await fields.getByLabel(/^Base model/).inputValue(), "e2e-model");
  assert.equal(await fields.getByLabel(/^Provider base URL/).inputValue(), upstream.baseUrl);

  // No model: the field says so and nothing is sent.
  const testRequests = [];
  const onRequest = (request) => request.url().includes("/grader/test") && testRequests.push(request.url());
  page.on("request", onRequest);
  const chatsBefore = upstream.requests.length;
  await fields.getByLabel(/^Base model/).fill("");
  await detail().getByRole("button", { name: "▶ Test sample" }).click();
  await fields.locator(".field-invalid").filter({ hasText: "The base model to sample." }).waitFor();
  await page.waitForTimeout(300);
  page.off("request", onRequest);
  assert.deepEqual(testRequests, [], "no test request without a model");
  assert.equal(upstream.requests.length, chatsBefore);

  await fields.getByLabel(/^Base model/).fill("e2e-model");
  await fields.getByLabel(/^Provider base URL/).fill(upstream.baseUrl);
  await fields.getByLabel(/^Key environment variable/).fill("E2E_PROVIDER_KEY");
  assert.equal(await fields.locator(".field-invalid").count(), 0, "the error goes once the field is filled");
  // The last test's results (a closed section while it has no errors) show what is graded.
  const lastTest = detail().locator("details.last-test");
  if (!(await lastTest.evaluate((element) => element.open))) await lastTest.locator("summary").click();
  await lastTest.getByTestId("test-results-source").filter({ hasText: "Graded the reference answers" }).waitFor();
  await detail().getByRole("button", { name: "▶ Test sample" }).click();
  await lastTest.getByTestId("test-results-source").filter({ hasText: "Graded fresh samples from e2e-model" }).waitFor();

  // Five fresh samples, through the server's key, and the results show what the fake model said.
  const chats = upstream.requests.slice(chatsBefore).filter((request) => request.path === "/v1/chat/completions");
  assert.equal(chats.length, 5);
  assert.ok(chats.every((request) => request.body.model === "e2e-model" && request.authorization === "Bearer sk-e2e"));
  const replies = chats.map((request) => {
    const user = request.body.messages.find((message) => message.role === "user").content;
    return knows(user) ? INTENTS.get(user) : "oos";
  });
  const results = lastTest.getByTestId("test-result");
  assert.equal(await results.count(), 5);
  const outputs = await results.locator(".test-result-output q").allTextContents();
  assert.deepEqual([...outputs].sort(), [...replies].sort());
  // The exact-match script: 1 for the right intent, 0 for "oos".
  for (let index = 0; index < 5; index++) {
    const text = await results.nth(index).innerText();
    if (outputs[index] === "oos") assert.match(text, /0\.00[\s\S]*expected \w+/);
    else assert.match(text, /1\.00[\s\S]*the right intent/);
  }
  const mean = replies.filter((reply) => reply !== "oos").length / 5;
  await detail().getByTestId("last-test-headline").filter({ hasText: `5 graded · 0 errors · mean ${mean.toFixed(2)}` }).waitFor();
  // The headline and what was graded at the top, under the page's header.
  await lastTest.evaluate((element) => {
    element.scrollIntoView({ block: "start" });
    window.scrollBy(0, -64);
  });
  await screenshot(page, "58b-test-sample-base-model");

  // Back to the reference answers for what follows.
  await grades.getByLabel(/Reference answers/).check();
  await fields.waitFor({ state: "detached" });
});

test("an LLM judge against the fake upstream is tested from the editor; saving it makes the dry run stale", async () => {
  await page.locator('[data-step="grader"]').click();
  await detail().getByRole("button", { name: /Edit grader/ }).click();
  await editor().waitFor();
  await page.getByTestId("grader-type").selectOption("judge");
  await editor().getByLabel("Judge model").fill("e2e-judge");
  await editor().getByLabel("Provider base URL").fill(upstream.baseUrl);
  await editor().getByLabel(/Key environment variable/).fill("E2E_PROVIDER_KEY");
  await runTestSample();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="grader-editor"] [data-testid="test-result"] .score-badge').length === 5);
  const texts = await editor().getByTestId("test-result").allInnerTexts();
  for (const text of texts) assert.match(text, /(0\.80|0\.30)[\s\S]*judged "\w+"/);
  const judgeCalls = upstream.requests.filter((request) => request.body?.model === "e2e-judge");
  assert.equal(judgeCalls.length, 5);
  assert.equal(judgeCalls[0].body.response_format.json_schema.name, "judge_answer");
  await screenshot(page, "58-judge-test");

  await page.getByRole("button", { name: "Save grader" }).click();
  await page.getByTestId("grader-saved").waitFor();
  await page.getByRole("dialog").getByRole("button", { name: "Close", exact: true }).last().click();
  await detail().getByTestId("grader-type-label").filter({ hasText: "LLM as a judge" }).waitFor();
  // The draft's test in the editor is the saved version's test: no second round of judge calls.
  await page.locator('[data-step="grader"][data-status="complete"]').waitFor();
  assert.equal(upstream.requests.filter((request) => request.body?.model === "e2e-judge").length, 5);
  await detail().getByText(/Model: e2e-judge · temperature 0/).waitFor();

  await detail().getByRole("button", { name: "Export to OpenAI" }).click();
  const exported = page.getByTestId("openai-export");
  await exported.waitFor();
  const json = JSON.parse(await exported.locator("pre").innerText());
  assert.equal(json.type, "score_model");
  assert.equal(json.model, "e2e-judge");
  await screenshot(page, "59-export-openai");
  await page.keyboard.press("Escape");

  await page.locator('[data-step="dry_run"][data-status="stale"]').click();
  await detail().getByTestId("dry-run-stale").getByText(/the grader changed/).waitFor();
});
