// Issues #4 and #7 in the UI against a real server with a provider (a fake OpenAI upstream): make
// a gateway key on the Gateway page, send calls through /v1 with it, find them in the explorer,
// make a dataset from picked traces, pull the traces that came later, revoke the key. The
// provider's key must never reach a page.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { openBrowser, screenshot } from "../lib/browser.js";
import { startFakeOpenAI } from "../lib/fakeOpenAI.js";
import { startServer } from "../lib/server.js";
import { expectTraceRows, traceRows, tracesWritten as tracesWrittenVia } from "../lib/traces.js";

const PROVIDER_KEY = "sk-e2e-secret";
const MODEL = "e2e-model";
const OTHER_MODEL = "e2e-other-model";
const WEATHER_TOOL = {
  type: "function",
  function: { name: "get_weather", description: "Current weather in a city", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } },
};

let upstream;
let server;
let browser;
let page;
let gatewayKey;
let datasetUrl;
const pagesSeen = [];

before(async () => {
  upstream = await startFakeOpenAI({
    reply: (body) => {
      if (body.tools) return { content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Lyon"}' } }] };
      const question = body.messages.at(-1)?.content ?? "";
      return { content: `Answer to: ${question}` };
    },
  });
  server = await startServer({ env: { OPENAI_API_KEY: PROVIDER_KEY, OPENAI_BASE_URL: upstream.baseUrl } });
  browser = await openBrowser();
  page = browser.page;
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await upstream?.close();
});

const url = (path) => server.url + path;

/** The page's text, kept so the last test can check none of them shows the provider key. */
async function remember() {
  pagesSeen.push(await page.content());
}

async function shot(name) {
  await remember();
  await screenshot(page, name);
}

async function adminGet(path) {
  const response = await fetch(url(path), { headers: { Authorization: `Bearer ${server.token}` } });
  assert.equal(response.status, 200, path);
  return response.json();
}

/** One chat call through the gateway, as an application would make it; returns the HTTP status. */
async function chat(key, { model = MODEL, content, stream = false, tools, tags } = {}) {
  const headers = { Authorization: `Bearer ${key}`, "Content-Type": "application/json" };
  if (tags) headers["x-reinforge-tags"] = tags;
  const body = { model, messages: [{ role: "system", content: "You help travellers." }, { role: "user", content }] };
  if (stream) Object.assign(body, { stream: true, stream_options: { include_usage: true } });
  if (tools) body.tools = tools;
  const response = await fetch(url("/v1/chat/completions"), { method: "POST", headers, body: JSON.stringify(body) });
  const text = await response.text();
  if (response.ok && stream) assert.match(text, /data: \[DONE\]/);
  return response.status;
}

const tracesWritten = (query, count) => tracesWrittenVia(adminGet, query, count);
const rows = () => traceRows(page);
const expectRows = (count) => expectTraceRows(page, count);

test("sign in and meet the empty gateway: how to send traffic", async () => {
  await page.goto(url("/gateway"));
  await page.waitForURL(/\/signin$/);
  await page.getByLabel("Name", { exact: true }).fill("admin");
  await page.getByLabel("Password", { exact: true }).fill(server.token);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Signing in returns to the page asked for.
  await page.waitForURL(/\/gateway$/);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Gateway", exact: true }).and(page.locator(".active")).waitFor();
  await page.getByText("No calls yet").waitFor();
  assert.equal(await page.getByTestId("gateway-base-url").innerText(), `${server.url}/v1`);
  await page.getByTestId("send-traffic").getByText("Authorization: Bearer $REINFORGE_KEY").waitFor();
  await shot("30-gateway-no-calls");
});

test("a gateway key is created on the page and shown once", async () => {
  await page.getByTestId("send-traffic").getByRole("link", { name: "Create a gateway key" }).click();
  await page.waitForURL(/\/gateway\?tab=keys$/);
  await page.getByText("No gateway keys yet").waitFor();
  await page.getByLabel("New key name").fill("travel-app");
  await page.getByRole("button", { name: "Create key" }).click();
  const fresh = page.getByTestId("fresh-key");
  await fresh.getByText("it is shown only this once").waitFor();
  gatewayKey = await page.getByTestId("fresh-key-value").innerText();
  assert.match(gatewayKey, /^rk_/);
  const row = page.getByTestId("key-row").filter({ hasText: "travel-app" });
  await row.getByText("active").waitFor();
  // The list shows the prefix, never the key.
  assert.ok(!(await page.getByTestId("keys-table").innerText()).includes(gatewayKey));
  await shot("31-gateway-key-created");
  await page.getByRole("button", { name: "I have copied it" }).click();
  await fresh.waitFor({ state: "detached" });
});

test("calls made with the key show in the explorer, filter by tag and model, and open", async () => {
  assert.equal(await chat(gatewayKey, { content: "Which train goes from Paris to Lyon?", tags: "support" }), 200);
  assert.equal(await chat(gatewayKey, { content: "Suggest a museum in Lyon", stream: true, tags: "support, beta" }), 200);
  assert.equal(await chat(gatewayKey, { content: "Will it rain in Lyon tomorrow?", tools: [WEATHER_TOOL], tags: "tools" }), 200);
  assert.equal(await chat(gatewayKey, { model: OTHER_MODEL, content: "Translate 'ticket' to French" }), 200);
  await tracesWritten("", 4);
  // The upstream got the provider's key, never the caller's.
  assert.ok(upstream.requests.every((request) => request.authorization === `Bearer ${PROVIDER_KEY}`));

  await page.getByRole("tab", { name: "Traces" }).click();
  await expectRows(4);
  await page.getByLabel("Tag", { exact: true }).fill("beta");
  await expectRows(1);
  await rows().first().getByText("Suggest a museum in Lyon").waitFor();
  await rows().first().getByText("stream").waitFor();
  await page.getByLabel("Tag", { exact: true }).fill("");
  await page.getByLabel("Model", { exact: true }).fill(OTHER_MODEL);
  await expectRows(1);
  await rows().first().getByText("Translate 'ticket' to French").waitFor();
  // The filters are in the address: a reload (or a shared link) shows the same traces.
  await page.waitForFunction((model) => new URL(location.href).searchParams.get("model") === model, OTHER_MODEL);
  await page.reload();
  assert.equal(await page.getByLabel("Model", { exact: true }).inputValue(), OTHER_MODEL);
  await expectRows(1);
  await page.getByLabel("Model", { exact: true }).fill("");
  await expectRows(4);
  await shot("32-gateway-traces");

  await page.getByRole("button", { name: "Will it rain in Lyon tomorrow?" }).click();
  const detail = page.getByTestId("trace-detail");
  await detail.getByText('get_weather({"city":"Lyon"})').waitFor();
  await detail.getByText("travel-app (").waitFor();
  await detail.getByText("tools", { exact: true }).first().waitFor();
  assert.match(await detail.getByTestId("trace-request-json").textContent(), /"name": "get_weather"/);
  await detail.getByText("Response JSON").click();
  await detail.getByTestId("trace-response-json").getByText('"finish_reason": "tool_calls"').waitFor();
  await shot("33-gateway-trace-detail");
  await page.keyboard.press("Escape");
  await detail.waitFor({ state: "detached" });

  // The streamed call was assembled into one answer, and its time to first token kept.
  await page.getByRole("button", { name: "Suggest a museum in Lyon" }).click();
  await detail.locator(".trace-answer").getByText("Answer to: Suggest a museum in Lyon").waitFor();
  await detail.getByText("chat.completions · streamed").waitFor();
  await remember();
  await page.keyboard.press("Escape");
});

test("usage and providers show the figures and whether a key is set, never the key", async () => {
  await page.getByRole("tab", { name: "Usage" }).click();
  const usage = page.getByTestId("usage-table");
  await usage.getByText(MODEL, { exact: true }).waitFor();
  await usage.getByText(OTHER_MODEL, { exact: true }).waitFor();
  // The chart spans the whole range chosen (30 days by default), not just the days with calls.
  await page.getByRole("img", { name: /^Calls per day over 3[01] days$/ }).waitFor();
  await shot("34-gateway-usage");
  await page.getByRole("tab", { name: "Providers & models" }).click();
  const providers = page.getByTestId("providers-table");
  await providers.getByText("✓ key set").waitFor();
  await providers.getByText("OPENAI_API_KEY").waitFor();
  await page.getByTestId("trace-queue").getByText("Dropped").waitFor();
  await shot("35-gateway-providers");
});

test("a dataset made from picked traces opens on the canvas with their records", async () => {
  await page.goto(url("/optimization/new"));
  // With traces recorded, the traces tab is the one that opens.
  const tab = page.getByRole("tab", { name: /From gateway traces/ });
  await page.getByRole("tabpanel", { name: "From gateway traces" }).waitFor();
  assert.equal(await tab.getAttribute("aria-selected"), "true");
  await page.getByLabel("Model", { exact: true }).fill(MODEL);
  await expectRows(3);
  await page.getByLabel("Select the traces on this page").check();
  await page.getByTestId("selection-bar").getByText("3", { exact: true }).waitFor();

  // At 900 px the picker shows what tells traces apart without scrolling inside its card: the
  // tokens and the first user message included.
  await page.setViewportSize({ width: 900, height: 800 });
  try {
    const card = page.locator(".trace-table-card");
    await page.waitForTimeout(200);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 900, "the page does not scroll sideways");
    assert.ok(await card.evaluate((element) => element.scrollWidth <= element.clientWidth), "the table does not scroll inside its card");
    const cardBox = await card.boundingBox();
    for (const name of ["Time", "Model", "Status", "Tokens", "First user message"]) {
      const box = await card.getByRole("columnheader", { name, exact: true }).boundingBox();
      assert.ok(box && box.width > 0 && box.x + box.width <= cardBox.x + cardBox.width + 1, `“${name}” is in view`);
    }
    await shot("36a-traces-picker-900px");
  } finally {
    await page.setViewportSize({ width: 1280, height: 800 });
  }

  // Another filter keeps the rows picked by id, and says how many the list no longer shows.
  const selectionBar = page.getByTestId("selection-bar");
  await page.getByLabel("Model", { exact: true }).fill("no-such-model");
  await page.getByText("No trace matches these filters").waitFor();
  await selectionBar.getByText("3 of them not on this page").waitFor();
  assert.match(await selectionBar.innerText(), /^3 selected/);
  await shot("36b-selection-kept-across-filters");
  await page.getByLabel("Model", { exact: true }).fill(MODEL);
  await expectRows(3);
  await selectionBar.getByText("not on this page").waitFor({ state: "detached" });
  assert.equal(await page.getByLabel("Select the traces on this page").isChecked(), true);

  await page.getByLabel("Name", { exact: true }).fill("travel-helper");
  await page.getByLabel(/Objective/).fill("Answer travellers and call the weather tool when asked about weather");
  await shot("36-new-dataset-from-traces");
  await page.getByRole("button", { name: /Create & start with 3 traces/ }).click();

  await page.waitForURL(/\/optimization\/\d+$/);
  datasetUrl = page.url();
  await page.getByRole("button", { name: /^Records/ }).filter({ hasText: "3" }).waitFor();
  const source = page.getByTestId("trace-source");
  await source.getByText("Source: gateway traces").waitFor();
  assert.match(await source.innerText(), new RegExp(`model ${MODEL}`));
  await shot("37-canvas-from-traces");
  // Create & start: step 2 follows on the server, as after an upload.
  const jobs = await adminGet(`/api/datasets/${datasetUrl.split("/").pop()}/jobs`);
  assert.ok(jobs.items.some((job) => job.kind === "discover_topics"), JSON.stringify(jobs));
});

test("Pull new traces adds only the calls that came later, never one twice", async () => {
  assert.equal(await chat(gatewayKey, { content: "Is the Lyon airport far from town?", tags: "support" }), 200);
  assert.equal(await chat(gatewayKey, { content: "Book me a table near Bellecour", stream: true }), 200);
  assert.equal(await chat(gatewayKey, { model: OTHER_MODEL, content: "Not for this dataset" }), 200);
  await tracesWritten(`model=${MODEL}`, 5);
  await tracesWritten(`model=${OTHER_MODEL}`, 2);

  await page.getByRole("button", { name: "↻ Pull new traces" }).click();
  await page.getByTestId("pull-result").getByText("2 added (0 invalid), 0 already in the dataset").waitFor();
  await page.getByRole("button", { name: /^Records/ }).filter({ hasText: "5" }).waitFor();
  await shot("38-canvas-after-pull");

  await page.getByRole("button", { name: "↻ Pull new traces" }).click();
  await page.getByTestId("pull-result").getByText("0 added (0 invalid), 2 already in the dataset").waitFor();
  const dataset = await adminGet(`/api/datasets/${datasetUrl.split("/").pop()}`);
  assert.equal(dataset.record_count, 5);
});

test("a revoked key is refused by the gateway", async () => {
  await page.goto(url("/gateway?tab=keys"));
  await page.getByTestId("key-row").filter({ hasText: "travel-app" }).getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("dialog", { name: "Revoke “travel-app”?" }).getByRole("button", { name: "Revoke key" }).click();
  await page.getByTestId("key-row").filter({ hasText: "travel-app" }).getByText(/revoked/).waitFor();
  await shot("39-gateway-key-revoked");
  let status = 0;
  // The gateway refreshes its keys at most once a second.
  for (let attempt = 0; attempt < 30 && status !== 401; attempt++) {
    status = await chat(gatewayKey, { content: "Still there?" });
    if (status !== 401) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.equal(status, 401);
});

test("the explorer pages through many calls with cursors; new calls do not shift an older page", async () => {
  const before = (await adminGet("/api/traces?limit=1")).total;
  for (let i = 0; i < 60; i++) assert.equal(await chat(server.token, { content: `Paging question ${i}` }), 200);
  await tracesWritten("", before + 60);
  // Calls of the tests before may still be on their way to the store: count once all have landed.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const total = (await adminGet("/api/traces?limit=1")).total;
  await page.goto(url("/gateway?tab=traces"));
  await page.getByTestId("traces-range").filter({ hasText: `1–50 of ${total}` }).waitFor();
  assert.equal(await rows().count(), 50);
  await rows().first().getByText("Paging question 59").waitFor();

  await page.getByRole("button", { name: "Older →" }).click();
  await page.getByTestId("traces-range").filter({ hasText: `51–${total} of ${total}` }).waitFor();
  await page.locator(".trace-table-card:not(.is-stale)").waitFor();
  assert.equal(await rows().count(), total - 50);
  await rows().first().getByText("Paging question 9", { exact: true }).waitFor();
  assert.ok(await page.getByRole("button", { name: "Older →" }).isDisabled());
  await shot("40-gateway-older-page");

  // Calls arriving meanwhile land on the first page (it refreshes); the older page reads on from it.
  for (let i = 0; i < 3; i++) assert.equal(await chat(server.token, { content: `Arrived later ${i}` }), 200);
  await tracesWritten("", total + 3);
  assert.equal(await rows().first().innerText().then((text) => text.includes("Paging question 9")), true);
  await page.getByRole("button", { name: "← Newer" }).click();
  await page.getByTestId("traces-range").filter({ hasText: `1–50 of ${total + 3}` }).waitFor();
  await rows().first().getByText("Arrived later 2").waitFor();
  assert.ok(await page.getByRole("button", { name: "← Newer" }).isDisabled());
  await page.getByRole("button", { name: "Older →" }).click();
  await page.getByTestId("traces-range").filter({ hasText: `51–${total + 3} of ${total + 3}` }).waitFor();
  await rows().first().getByText("Paging question 12", { exact: true }).waitFor();
});

test("no page ever showed the provider's key", () => {
  assert.ok(pagesSeen.length >= 8);
  for (const html of pagesSeen) assert.ok(!html.includes(PROVIDER_KEY), "a page shows the provider key");
});
