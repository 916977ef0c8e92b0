// Agent sessions in the UI against a real server whose zero-config provider is a fake OpenAI
// upstream (it speaks chat, so Responses and Messages calls are translated): an agent on the
// Responses API chained by previous_response_id with a tool round trip, a stateless chat client
// resending its growing history, one Anthropic Messages call and one embeddings call. The traces
// list filters by endpoint, a trace opens its session as one timeline, and a dataset made from
// the last call of each session holds one valid record per episode.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { adminApi } from "../lib/adminApi.js";
import { openBrowser, screenshot } from "../lib/browser.js";
import { agentReply, startFakeOpenAI } from "../lib/fakeOpenAI.js";
import { startServer } from "../lib/server.js";
import { expectTraceRows, traceRows, tracesWritten as tracesWrittenVia } from "../lib/traces.js";

const MODEL = "e2e-agent";
const WEATHER = { name: "get_weather", description: "Current weather in a city", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } };
const TRAINS = { name: "find_trains", description: "Trains between two cities", parameters: { type: "object", properties: { from: { type: "string" }, to: { type: "string" } }, required: ["from", "to"] } };
const WEATHER_REPORT = '{"temp_c":12,"sky":"rain"}';
const TRAIN_LIST = '[{"departs":"21:04","arrives":"23:00"}]';

/** What the fake model says, by what it is answering. */
function answer(body) {
  const last = body.messages.at(-1);
  const text = typeof last.content === "string" ? last.content : JSON.stringify(last.content);
  if (last.role === "tool" && text.includes("temp_c")) return "12 °C and rain in Lyon today.";
  if (last.role === "tool") return "The 21:04 from Paris gets to Lyon at 23:00.";
  if (text.includes("umbrella")) return "Yes, take an umbrella: rain all day.";
  if (text.includes("Book")) return "Booked: coach 7, seat 42.";
  if (text.includes("capital")) return "Paris.";
  return `Answer to: ${text}`;
}

const toolArguments = (body) => (body.tools[0].function.name === "get_weather" ? '{"city":"Lyon"}' : '{"from":"Paris","to":"Lyon"}');

let upstream;
let server;
let browser;
let page;
const { api } = adminApi(() => server);
/** The calls made, by session: trace ids oldest first. */
const sent = { responses: [], chat: [], messages: [] };

before(async () => {
  upstream = await startFakeOpenAI({ reply: agentReply({ toolArguments, answer }), models: [MODEL] });
  server = await startServer({ env: { OPENAI_API_KEY: "sk-e2e-agents", OPENAI_BASE_URL: upstream.baseUrl } });
  browser = await openBrowser();
  page = browser.page;
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await upstream?.close();
});

const url = (path) => server.url + path;

/** One call through the gateway with plain fetch, as an agent's SDK would make it. */
async function call(path, body, headers = { Authorization: `Bearer ${server.token}` }) {
  const response = await fetch(url(path), { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(body) });
  const json = await response.json();
  assert.equal(response.status, 200, `${path}: ${JSON.stringify(json)}`);
  return { json, traceId: response.headers.get("x-reinforge-trace-id") };
}

const tracesWritten = (query, count) => tracesWrittenVia((path) => api("GET", path), query, count);
const rows = () => traceRows(page);
const expectRows = (count) => expectTraceRows(page, count);

/** `count` rows, every one of the endpoint whose badge reads `badge` (the filter just changed: wait for the new rows). */
async function expectEndpointRows(badge, count) {
  await page.waitForFunction(
    ([badge, count]) => {
      const badges = [...document.querySelectorAll(".trace-table-card:not(.is-stale) [data-testid=trace-row] [data-testid=endpoint-badge]")].map((element) => element.textContent);
      return badges.length === count && badges.every((text) => text === badge);
    },
    [badge, count],
  );
  await expectRows(count);
}

const sessionCalls = () => page.getByTestId("session-call");

test("two agent sessions and an Anthropic call go through the gateway", async () => {
  // An agent on the Responses API: a tool call, its output chained by previous_response_id, a follow-up.
  const first = await call("/v1/responses", {
    model: MODEL,
    instructions: "You are a travel agent. Use get_weather for weather questions.",
    input: "What's the weather in Lyon today?",
    tools: [{ type: "function", ...WEATHER }],
  });
  const functionCall = first.json.output.find((item) => item.type === "function_call");
  assert.equal(functionCall?.name, "get_weather");
  const second = await call("/v1/responses", {
    model: MODEL,
    previous_response_id: first.json.id,
    input: [{ type: "function_call_output", call_id: functionCall.call_id, output: WEATHER_REPORT }],
    tools: [{ type: "function", ...WEATHER }],
  });
  assert.equal(second.json.output[0].content[0].text, "12 °C and rain in Lyon today.");
  const third = await call("/v1/responses", { model: MODEL, previous_response_id: second.json.id, input: "Thanks! Should I take an umbrella?", tools: [{ type: "function", ...WEATHER }] });
  assert.equal(third.json.output[0].content[0].text, "Yes, take an umbrella: rain all day.");
  sent.responses = [first.traceId, second.traceId, third.traceId];

  // A stateless chat client: it resends its whole history, which grows by the answer and its next turn.
  const history = [
    { role: "system", content: "You plan train trips." },
    { role: "user", content: "Is there a train from Paris to Lyon tonight?" },
  ];
  const tools = [{ type: "function", function: TRAINS }];
  for (const next of ["tool result", { role: "user", content: "Book the 21:04 one, please." }, null]) {
    const { json, traceId } = await call("/v1/chat/completions", { model: MODEL, messages: history, tools });
    sent.chat.push(traceId);
    const message = json.choices[0].message;
    history.push(message);
    if (next === "tool result") history.push({ role: "tool", tool_call_id: message.tool_calls[0].id, content: TRAIN_LIST });
    else if (next) history.push(next);
  }
  assert.equal(history.at(-1).content, "Booked: coach 7, seat 42.");

  // Anthropic's SDK sends the key as x-api-key.
  const messages = await call(
    "/v1/messages",
    { model: MODEL, max_tokens: 200, system: "Answer briefly.", messages: [{ role: "user", content: "What is the capital of France?" }] },
    { "x-api-key": server.token, "anthropic-version": "2023-06-01" },
  );
  assert.equal(messages.json.content[0].text, "Paris.");
  sent.messages = [messages.traceId];

  const all = await tracesWritten("", 7);
  assert.ok([...sent.responses, ...sent.chat, ...sent.messages].every((id) => typeof id === "string" && id.startsWith("tr_")), "every call names its trace");
  const sessionOf = (id) => all.items.find((trace) => trace.id === id).session_id;
  // Each episode is one session, whatever the protocol tracked it by.
  for (const ids of Object.values(sent)) assert.equal(new Set(ids.map(sessionOf)).size, 1);
  assert.equal(new Set(Object.values(sent).map((ids) => sessionOf(ids[0]))).size, 3);
  const last = await api("GET", "/api/traces?calls=last_of_session");
  assert.deepEqual(last.items.map((trace) => trace.id).sort(), [sent.responses[2], sent.chat[2], sent.messages[0]].sort());
});

test("the traces list filters by endpoint and badges each row's", async () => {
  await page.goto(url("/gateway"));
  await page.getByLabel("Name", { exact: true }).fill("admin");
  await page.getByLabel("Password", { exact: true }).fill(server.token);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/gateway$/);
  await expectRows(7);
  const endpoint = page.getByLabel(/^Endpoint/);
  await endpoint.selectOption({ label: "Anthropic Messages" });
  await expectEndpointRows("Messages", 1);
  await rows().first().getByText("What is the capital of France?").waitFor();
  await endpoint.selectOption({ label: "Chat completions" });
  await expectEndpointRows("Chat", 3);
  await endpoint.selectOption({ label: "Responses" });
  await expectEndpointRows("Responses", 3);
  assert.deepEqual(await rows().evaluateAll((list) => list.map((row) => row.dataset.traceId)), [...sent.responses].reverse());
});

test("a Responses trace reads as a conversation and opens its session as one timeline", async () => {
  // The middle call: its request is only the tool's output, chained to the first call.
  await rows().nth(1).locator(".trace-preview").click();
  const detail = page.getByTestId("trace-detail");
  const conversation = detail.getByTestId("trace-conversation");
  await conversation.getByText("What's the weather in Lyon today?").waitFor();
  await conversation.getByText('get_weather({"city":"Lyon"})').waitFor();
  await conversation.getByText(WEATHER_REPORT).waitFor();
  await conversation.locator(".trace-answer").getByText("12 °C and rain in Lyon today.").waitFor();
  await conversation.getByText("previous_response_id chained in front").waitFor();
  // The raw bodies stay one click away, folded.
  assert.equal(await detail.getByTestId("trace-request-json").isVisible(), false);
  assert.match(await detail.getByTestId("trace-request-json").textContent(), /"previous_response_id": "resp_/);
  const sessionId = (await api("GET", `/api/traces/${sent.responses[1]}`)).session_id;
  assert.equal(await detail.getByTestId("trace-session").locator("code").innerText(), sessionId);

  await detail.getByRole("button", { name: "Show session" }).click();
  const timeline = page.getByTestId("session-timeline");
  await timeline.waitFor();
  await timeline.getByTestId("session-stats").getByText(/^3 calls/).waitFor();
  assert.deepEqual(await sessionCalls().evaluateAll((list) => list.map((item) => item.dataset.traceId)), sent.responses);
  const [first, second, third] = [sessionCalls().nth(0), sessionCalls().nth(1), sessionCalls().nth(2)];
  // Each call shows what it added: the question and the tool call, then the tool's result and the
  // answer, then the follow-up — never the earlier turns again.
  await first.getByText("What's the weather in Lyon today?").waitFor();
  await first.getByText('→ get_weather(city: "Lyon")').waitFor();
  await second.getByText(`get_weather → ${WEATHER_REPORT}`).waitFor();
  await second.locator(".session-turn-answer").getByText("12 °C and rain in Lyon today.").waitFor();
  assert.equal(await second.getByText("What's the weather in Lyon today?").count(), 0);
  await third.getByText("Thanks! Should I take an umbrella?").waitFor();
  await third.locator(".session-turn-answer").getByText("Yes, take an umbrella: rain all day.").waitFor();
  assert.equal(await third.getByText(WEATHER_REPORT, { exact: false }).count(), 0);
  assert.match(await second.getAttribute("class"), /is-current/);
  for (const item of [first, second, third]) {
    await item.getByTestId("endpoint-badge").getByText("Responses").waitFor();
    await item.getByText(MODEL, { exact: true }).waitFor();
    await item.locator(".badge").getByText("200").waitFor();
  }
  await page.getByTestId("session-timeline").evaluate((element) => element.closest(".modal-body").scrollTo(0, 0));
  await screenshot(page, "90-session-timeline");

  // From the timeline to another call and back.
  await third.getByRole("button", { name: "Open trace →" }).click();
  await detail.locator(".trace-answer").getByText("Yes, take an umbrella: rain all day.").waitFor();
  await page.getByRole("button", { name: "← Back to the session" }).click();
  await timeline.waitFor();
  await page.keyboard.press("Escape");
  await timeline.waitFor({ state: "detached" });
});

test("a stateless chat client's resent history is one session too", async () => {
  await page.getByLabel(/^Endpoint/).selectOption({ label: "Chat completions" });
  await expectEndpointRows("Chat", 3);
  await rows().first().locator(".trace-preview").click();
  await page.getByTestId("trace-detail").getByRole("button", { name: "Show session" }).click();
  await page.getByTestId("session-timeline").waitFor();
  assert.deepEqual(await sessionCalls().evaluateAll((list) => list.map((item) => item.dataset.traceId)), sent.chat);
  const [first, second, third] = [sessionCalls().nth(0), sessionCalls().nth(1), sessionCalls().nth(2)];
  await first.getByText("You plan train trips.").waitFor();
  await first.getByText('→ find_trains(from: "Paris", to: "Lyon")').waitFor();
  await second.getByText(`find_trains → ${TRAIN_LIST}`).waitFor();
  assert.equal(await second.getByText("Is there a train from Paris to Lyon tonight?").count(), 0);
  assert.equal(await second.getByText("You plan train trips.").count(), 0);
  await third.getByText("Book the 21:04 one, please.").waitFor();
  await third.locator(".session-turn-answer").getByText("Booked: coach 7, seat 42.").waitFor();
  assert.match(await third.getAttribute("class"), /is-current/);
  await page.keyboard.press("Escape");
});

test("a dataset from the last call of each session has one valid record per episode", async () => {
  await page.goto(url("/optimization/new?source=traces"));
  await page.getByRole("tabpanel", { name: "From gateway traces" }).waitFor();
  await expectRows(7);
  await page.getByRole("radio", { name: /The last call of each session/ }).check();
  await page.getByTestId("match-count").getByText("3 sessions match").waitFor();
  await expectRows(3);
  const expected = [sent.responses[2], sent.chat[2], sent.messages[0]];
  assert.deepEqual((await rows().evaluateAll((list) => list.map((row) => row.dataset.traceId))).sort(), [...expected].sort());
  await page.getByLabel("Select the traces on this page").check();
  await page.getByTestId("selection-bar").getByText("3", { exact: true }).waitFor();
  await page.getByLabel("Name", { exact: true }).fill("travel-agent-episodes");
  await page.getByLabel(/Objective/).fill("Plan trips and check the weather with the right tool calls");
  // The form from the filters to the button, under the sticky header.
  await page.evaluate(() => window.scrollTo(0, document.querySelector(".trace-filters").getBoundingClientRect().top + window.scrollY - 64));
  await screenshot(page, "91-dataset-from-sessions");
  await page.getByRole("button", { name: /Create & start with 3 traces/ }).click();

  await page.waitForURL(/\/optimization\/\d+$/);
  const datasetId = page.url().split("/").pop();
  await page.getByRole("button", { name: /^Records/ }).filter({ hasText: "3" }).waitFor();
  await page.getByTestId("health-bar").getByText(/3 valid/).waitFor();
  const source = page.getByTestId("trace-source");
  await source.getByText("the last call of each session").waitFor();
  await screenshot(page, "92-canvas-from-sessions");

  const dataset = await api("GET", `/api/datasets/${datasetId}`);
  assert.equal(dataset.record_count, 3);
  assert.equal(dataset.invalid_count, 0);
  assert.equal(dataset.trace_filter.calls, "last_of_session");
  const records = await api("GET", `/api/datasets/${datasetId}/records?limit=10`);
  assert.deepEqual(records.items.map((record) => record.trace_id).sort(), [...expected].sort());
  assert.ok(records.items.every((record) => record.valid));
  // The Responses episode is one record: the question, the tool round trip, the follow-up, the last answer.
  const episode = records.items.find((record) => record.trace_id === sent.responses[2]);
  const stored = JSON.parse((await api("GET", `/api/datasets/${datasetId}/records/${episode.id}`)).text);
  const roles = stored.messages.map((message) => message.role);
  assert.deepEqual(roles.slice(-6), ["user", "assistant", "tool", "assistant", "user", "assistant"]);
  assert.equal(stored.messages.at(-1).content, "Yes, take an umbrella: rain all day.");
});

test("an embeddings call belongs to no session and is no episode", async () => {
  await call("/v1/embeddings", { model: MODEL, input: "Lyon weather" });
  const embeddings = await tracesWritten("endpoint=embeddings", 1);
  assert.equal(embeddings.items[0].session_id, null);
  await page.goto(url("/gateway"));
  await page.getByLabel(/^Endpoint/).selectOption({ label: "Embeddings" });
  await expectEndpointRows("Embeddings", 1);
  await rows().first().locator(".trace-preview").click();
  const detail = page.getByTestId("trace-detail");
  await detail.getByTestId("trace-request-json").getByText('"input": "Lyon weather"').waitFor();
  assert.equal(await detail.getByTestId("trace-session").count(), 0);
  assert.equal(await detail.getByTestId("trace-conversation").count(), 0);
  await page.keyboard.press("Escape");
  // "Only each session's latest call" (docs/gateway.md): a call with no session is not one.
  const last = await api("GET", "/api/traces?calls=last_of_session");
  assert.deepEqual(last.items.map((trace) => trace.endpoint).sort(), ["chat.completions", "messages", "responses"]);
});
