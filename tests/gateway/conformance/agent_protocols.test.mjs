// Drives the gateway's agent protocols — OpenAI Responses and Anthropic Messages — with the
// official `openai` and `@anthropic-ai/sdk` packages, against one fake upstream that serves three
// providers: a Chat-Completions-only one (calls are translated), a Responses-native one and an
// Anthropic-native one (calls are passed through). Then checks the traces (endpoint, canonical
// conversation, sessions) and a dataset made of the last call of each session. Needs
// REINFORGE_BINARY (CTest sets it).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { adminApi, sleep, startFakeUpstream, startGateway, tracesTagged as tracesTaggedBy } from './harness.mjs';

const CHAT_KEY = 'sk-fake-CHAT-provider-secret-1b2c3d';
const RESPONSES_KEY = 'sk-fake-RESPONSES-provider-secret-4e5f6a';
const ANTHROPIC_KEY = 'sk-ant-fake-ANTHROPIC-provider-secret-7b8c9d';
// Anthropic's SDKs before 1.0 (and most tools built on the API) send the key in x-api-key with
// this version; 1.x sends `Authorization: Bearer` and a newer version.
const LEGACY_ANTHROPIC_VERSION = '2023-06-01';

let upstream, upstreamSeen, server, serverOutput = '', base, dataDir, gatewayKey, api;
let openai, anthropic, anthropicBearer;
const apiTexts = [];
const sentByAnthropicSdk = [];  // the headers each Anthropic SDK request carried
const tracesTagged = (tag, count) => tracesTaggedBy(api, tag, count);
const tagged = (tag) => ({ headers: { 'x-reinforge-tags': `agent-conformance, ${tag}` } });

const weatherTool = { type: 'function', name: 'get_weather', description: 'The weather in a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } };
const anthropicWeatherTool = { name: 'get_weather', description: 'The weather in a city',
  input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } };

// Records what the SDK sends, then sends it.
const recordingFetch = async (url, init) => {
  sentByAnthropicSdk.push(new Headers(init?.headers));
  return fetch(url, init);
};

// style 'x-api-key': the key in x-api-key and the 2023-06-01 version, as Anthropic's SDKs did
// before 1.0; 'sdk': whatever the installed SDK sends for `apiKey`.
function anthropicClient(key, style) {
  return new Anthropic({
    apiKey: key, baseURL: base, maxRetries: 0, timeout: 20000, fetch: recordingFetch,
    ...(style === 'x-api-key'
      ? { defaultHeaders: { authorization: null, 'x-api-key': key, 'anthropic-version': LEGACY_ANTHROPIC_VERSION } }
      : {}),
  });
}

// The upstream requests made for one upstream model since `from` (an index into seen.requests).
async function upstreamRequests(url, model, from = 0) {
  const seen = await upstreamSeen();
  return seen.requests.slice(from).filter((r) => r.url === url && JSON.parse(r.body).model === model);
}
const requestCount = async () => (await upstreamSeen()).requests.length;

async function traceDetail(tag) {
  const [trace] = await tracesTagged(tag, 1);
  return (await api('GET', `/api/traces/${trace.id}`)).json;
}

// A Responses stream read event by event, with when each arrived.
async function readResponsesStream(stream) {
  const deltas = [];
  const types = [];
  let completed = null;
  let completedAt = 0;
  for await (const event of stream) {
    types.push(event.type);
    if (event.type === 'response.output_text.delta') deltas.push({ delta: event.delta, at: Date.now() });
    if (event.type === 'response.completed') { completed = event.response; completedAt = Date.now(); }
  }
  return { deltas, types, completed, completedAt, text: deltas.map((d) => d.delta).join('') };
}

function assertStreamedBeforeCompletion({ deltas, completedAt, types }) {
  assert.ok(deltas.length >= 3, `too few deltas: ${types}`);
  assert.equal(types[0], 'response.created');
  assert.equal(types.at(-1), 'response.completed');
  assert.ok(types.indexOf('response.output_item.added') < types.indexOf('response.output_text.delta'));
  // The upstream waits between pieces: relayed as they come, the first arrives well before the end.
  assert.ok(completedAt - deltas[0].at >= 150, `deltas arrived with the completion: ${deltas.map((d) => d.at)} / ${completedAt}`);
}

before(async () => {
  const started = await startFakeUpstream();
  upstream = started.child;
  upstreamSeen = started.seen;
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reinforge-agents-'));
  const url = `http://127.0.0.1:${started.port}/v1`;
  const config = {
    providers: [
      { name: 'chat-fake', api: 'chat', base_url: url, api_key_env: 'FAKE_CHAT_KEY' },
      { name: 'responses-fake', api: 'responses', base_url: url, api_key_env: 'FAKE_RESPONSES_KEY' },
      { name: 'anthropic-fake', api: 'anthropic', base_url: url, api_key_env: 'FAKE_ANTHROPIC_KEY' },
    ],
    models: [
      { name: 'agent-chat', provider: 'chat-fake', upstream_model: 'fake-agent' },
      { name: 'agent-chat-split', provider: 'chat-fake', upstream_model: 'fake-split-events' },
      { name: 'agent-responses', provider: 'responses-fake', upstream_model: 'fake-responses-native' },
      { name: 'agent-anthropic', provider: 'anthropic-fake', upstream_model: 'fake-anthropic-native' },
    ],
    gateway: { default_provider: 'chat-fake', timeouts_ms: { connect: 1000, first_byte: 5000, total: 20000 },
      retries: { max: 0, backoff_ms: 20 } },
  };
  const gateway = await startGateway({ dataDir, config,
    env: { FAKE_CHAT_KEY: CHAT_KEY, FAKE_RESPONSES_KEY: RESPONSES_KEY, FAKE_ANTHROPIC_KEY: ANTHROPIC_KEY,
      ANTHROPIC_API_KEY: '', ANTHROPIC_AUTH_TOKEN: '', ANTHROPIC_BASE_URL: '' },
    onOutput: (text) => { serverOutput += text; } });
  server = gateway.child;
  base = gateway.base;
  api = adminApi(base, apiTexts);
  const created = await api('POST', '/api/gateway-keys', { name: 'agent-conformance' });
  assert.equal(created.status, 201);
  gatewayKey = created.json.key;
  openai = new OpenAI({ apiKey: gatewayKey, baseURL: `${base}/v1`, maxRetries: 0, timeout: 20000 });
  anthropic = anthropicClient(gatewayKey, 'x-api-key');
  anthropicBearer = anthropicClient(gatewayKey, 'sdk');
});

after(async () => {
  server?.kill('SIGTERM');
  upstream?.kill('SIGTERM');
  await sleep(200);
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// OpenAI Responses

test('responses: plain call translated for a chat provider', async () => {
  const from = await requestCount();
  const response = await openai.responses.create(
    { model: 'agent-chat', instructions: 'Answer briefly.', input: 'Say hello (responses, translated)' }, tagged('resp-chat-plain'));
  assert.equal(response.object, 'response');
  assert.match(response.id, /^resp_/);
  assert.equal(response.status, 'completed');
  assert.equal(response.output_text, 'Hello from fake-agent');
  assert.equal(response.usage.input_tokens, 11);
  assert.equal(response.usage.output_tokens, 7);
  assert.equal(response.usage.total_tokens, 18);
  const [sent] = await upstreamRequests('/v1/chat/completions', 'fake-agent', from);
  assert.deepEqual(JSON.parse(sent.body).messages, [
    { role: 'system', content: 'Answer briefly.' }, { role: 'user', content: 'Say hello (responses, translated)' }]);
  assert.equal(sent.headers.authorization, `Bearer ${CHAT_KEY}`);
});

test('responses: plain call passed through to a Responses provider', async () => {
  const from = await requestCount();
  const response = await openai.responses.create(
    { model: 'agent-responses', instructions: 'Answer briefly.', input: 'Say hello (responses, native)' }, tagged('resp-native-plain'));
  assert.match(response.id, /^resp_fake_/);  // the provider's own answer
  assert.equal(response.output_text, 'Hello from fake-responses-native (responses)');
  assert.equal(response.usage.total_tokens, 18);
  const [sent] = await upstreamRequests('/v1/responses', 'fake-responses-native', from);
  const body = JSON.parse(sent.body);
  assert.equal(body.instructions, 'Answer briefly.');  // untouched but for the model
  assert.equal(body.input, 'Say hello (responses, native)');
  assert.equal(sent.headers.authorization, `Bearer ${RESPONSES_KEY}`);
  assert.equal(sent.headers['x-api-key'], null);
});

for (const [model, tag, expected] of [
  ['agent-chat', 'resp-chat-stream', 'Hello from the stream'],
  // Each upstream event in two reads: the translator must get every byte once.
  ['agent-chat-split', 'resp-chat-split-stream', 'Hello from the stream'],
  ['agent-responses', 'resp-native-stream', 'Hello from fake-responses-native (responses)'],
]) {
  test(`responses: streamed events from ${model}, deltas before the completion, usage at the end`, async () => {
    const stream = await openai.responses.create(
      { model, instructions: 'Answer briefly.', input: `Stream please (${tag})`, stream: true }, tagged(tag));
    const read = await readResponsesStream(stream);
    assertStreamedBeforeCompletion(read);
    assert.equal(read.text, expected);
    assert.equal(read.completed.status, 'completed');
    assert.equal(read.completed.output.at(-1).content[0].text, expected);
    assert.ok(read.completed.usage.total_tokens > 0, JSON.stringify(read.completed.usage));
    assert.ok(read.completed.usage.input_tokens > 0 && read.completed.usage.output_tokens > 0);
  });
}

let translatedRoundTrip;  // { first, second } Response objects
test('responses: a function tool round trip through translation, continued with previous_response_id', async () => {
  const from = await requestCount();
  const first = await openai.responses.create({ model: 'agent-chat', instructions: 'Use tools.',
    input: 'What is the weather in Paris? (responses round trip)', tools: [weatherTool] }, tagged('resp-trip-1'));
  const call = first.output.find((item) => item.type === 'function_call');
  assert.ok(call, JSON.stringify(first.output));
  assert.equal(call.name, 'get_weather');
  assert.deepEqual(JSON.parse(call.arguments), { city: 'Paris' });
  assert.ok(call.call_id);

  const stream = await openai.responses.create({ model: 'agent-chat', instructions: 'Use tools.',
    previous_response_id: first.id, tools: [weatherTool], stream: true,
    input: [{ type: 'function_call_output', call_id: call.call_id, output: 'sunny, 21 C' }] }, tagged('resp-trip-2'));
  const read = await readResponsesStream(stream);
  assert.equal(read.text, 'The tool said: sunny, 21 C');
  const second = read.completed;
  assert.equal(second.previous_response_id, first.id);

  // The upstream got the whole conversation: the stored turns, then the tool result.
  const sent = await upstreamRequests('/v1/chat/completions', 'fake-agent', from);
  assert.equal(sent.length, 2);
  const messages = JSON.parse(sent[1].body).messages;
  assert.deepEqual(messages.map((m) => m.role), ['system', 'user', 'assistant', 'tool']);
  assert.equal(messages[1].content, 'What is the weather in Paris? (responses round trip)');
  assert.equal(messages[2].tool_calls[0].id, call.call_id);
  assert.equal(messages[2].tool_calls[0].function.name, 'get_weather');
  assert.deepEqual(messages[3], { role: 'tool', tool_call_id: call.call_id, content: 'sunny, 21 C' });

  // Both answers are kept: GET /v1/responses/:id.
  const retrievedFirst = await openai.responses.retrieve(first.id);
  assert.equal(retrievedFirst.id, first.id);
  assert.deepEqual(retrievedFirst.output, first.output);
  const retrievedSecond = await openai.responses.retrieve(second.id);
  assert.equal(retrievedSecond.output_text, 'The tool said: sunny, 21 C');
  await assert.rejects(openai.responses.retrieve('resp_nothing_here'), (error) => error.status === 404);
  translatedRoundTrip = { first, second };
});

test('responses: a function tool round trip passed through to a Responses provider', async () => {
  const first = await openai.responses.create({ model: 'agent-responses',
    input: 'What is the weather in Paris? (native round trip)', tools: [weatherTool] }, tagged('resp-native-trip-1'));
  const call = first.output.find((item) => item.type === 'function_call');
  assert.ok(call, JSON.stringify(first.output));
  const second = await openai.responses.create({ model: 'agent-responses', previous_response_id: first.id,
    tools: [weatherTool], input: [{ type: 'function_call_output', call_id: call.call_id, output: 'rainy' }] },
  tagged('resp-native-trip-2'));
  assert.equal(second.output_text, 'The tool said: rainy');
  // A passed-through answer is stored with its trace, so it can be fetched once that is written.
  await tracesTagged('resp-native-trip-2', 1);
  let retrieved = null;
  for (let i = 0; i < 50 && !retrieved; i++) {
    retrieved = await openai.responses.retrieve(second.id).catch(() => null);
    if (!retrieved) await sleep(50);
  }
  assert.ok(retrieved, 'the passed-through response was not stored');
  assert.equal(retrieved.output_text, 'The tool said: rainy');
});

test('responses: a built-in tool cannot be translated for a chat provider: 400 naming tools[0].type', async () => {
  const before400 = (await upstreamSeen()).hits['fake-agent'] ?? 0;
  await assert.rejects(openai.responses.create(
    { model: 'agent-chat', input: 'Search the web', tools: [{ type: 'web_search' }] }, tagged('resp-builtin')), (error) => {
    assert.ok(error instanceof OpenAI.BadRequestError, String(error));
    assert.equal(error.status, 400);
    assert.equal(error.type, 'invalid_request_error');
    assert.match(error.message, /tools\[0\]\.type/);
    assert.match(error.message, /web_search/);
    return true;
  });
  assert.equal((await upstreamSeen()).hits['fake-agent'] ?? 0, before400);  // nothing was sent
  // A Responses provider runs it itself: passed through untouched.
  const from = await requestCount();
  await openai.responses.create({ model: 'agent-responses', input: 'Search the web', tools: [{ type: 'web_search' }] },
    tagged('resp-builtin-native'));
  const [sent] = await upstreamRequests('/v1/responses', 'fake-responses-native', from);
  assert.deepEqual(JSON.parse(sent.body).tools, [{ type: 'web_search' }]);
});

test('responses: a session named by x-reinforge-session or metadata.session_id', async () => {
  for (const n of [1, 2]) {
    await openai.responses.create({ model: 'agent-chat', input: `Named session, call ${n}` },
      { headers: { ...tagged('resp-named').headers, 'x-reinforge-session': 'conformance-session-a' } });
  }
  await openai.responses.create({ model: 'agent-chat', input: 'Session from metadata',
    metadata: { session_id: 'conformance-session-b' } }, tagged('resp-metadata'));
  const named = await tracesTagged('resp-named', 2);
  assert.deepEqual(named.map((t) => t.session_id), ['conformance-session-a', 'conformance-session-a']);
  const [fromMetadata] = await tracesTagged('resp-metadata', 1);
  assert.equal(fromMetadata.session_id, 'conformance-session-b');
});

// ---------------------------------------------------------------------------------------------
// Anthropic Messages

for (const [model, provider] of [['agent-chat', 'translated'], ['agent-anthropic', 'native']]) {
  const expectedPlain = model === 'agent-chat' ? 'Hello from fake-agent' : 'Hello from fake-anthropic-native (anthropic)';
  const expectedStream = model === 'agent-chat' ? 'Hello from the stream' : expectedPlain;

  test(`messages (${provider}): plain call with the key in x-api-key`, async () => {
    const message = await anthropic.messages.create({ model, max_tokens: 256, system: 'Answer briefly.',
      messages: [{ role: 'user', content: `Say hello (messages, ${provider})` }] }, tagged(`msg-${provider}-plain`));
    assert.equal(message.type, 'message');
    assert.equal(message.role, 'assistant');
    assert.match(message.id, /^msg_/);
    assert.deepEqual(message.content, [{ type: 'text', text: expectedPlain }]);
    assert.equal(message.stop_reason, 'end_turn');
    assert.ok(message.usage.input_tokens > 0 && message.usage.output_tokens > 0);
  });

  test(`messages (${provider}): plain call with the SDK's own auth header`, async () => {
    const message = await anthropicBearer.messages.create({ model, max_tokens: 256,
      messages: [{ role: 'user', content: `Say hello (messages, ${provider}, sdk auth)` }] }, tagged(`msg-${provider}-sdk-auth`));
    assert.equal(message.content[0].text, expectedPlain);
  });

  test(`messages (${provider}): streamed with messages.stream, text deltas then the final message`, async () => {
    const stream = anthropic.messages.stream({ model, max_tokens: 256, system: 'Answer briefly.',
      messages: [{ role: 'user', content: `Stream please (messages, ${provider})` }] }, tagged(`msg-${provider}-stream`));
    const events = [];
    const arrivals = [];
    let text = '';
    for await (const event of stream) {
      events.push(event.type);
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') { text += event.delta.text; arrivals.push(Date.now()); }
    }
    const final = await stream.finalMessage();
    assert.equal(text, expectedStream);
    assert.deepEqual(final.content, [{ type: 'text', text: expectedStream }]);
    assert.equal(final.stop_reason, 'end_turn');
    assert.ok(final.usage.output_tokens > 0);
    assert.equal(events[0], 'message_start');
    assert.equal(events.at(-1), 'message_stop');
    for (const type of ['content_block_start', 'content_block_stop', 'message_delta']) assert.ok(events.includes(type), type);
    assert.ok(arrivals.length >= 3 && arrivals.at(-1) - arrivals[0] >= 150, `deltas arrived together: ${arrivals}`);
  });

  test(`messages (${provider}): create({stream: true}) with the SDK's own auth header`, async () => {
    const stream = await anthropicBearer.messages.create({ model, max_tokens: 256, stream: true,
      messages: [{ role: 'user', content: `Stream please (messages, ${provider}, raw events)` }] });
    let text = '';
    let stop = null;
    for await (const event of stream) {
      if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') text += event.delta.text;
      if (event.type === 'message_delta') stop = event.delta.stop_reason;
    }
    assert.equal(text, expectedStream);
    assert.equal(stop, 'end_turn');
  });

  test(`messages (${provider}): a tool_use round trip (streamed tool_use, then the tool_result)`, async () => {
    const upstreamUrl = model === 'agent-chat' ? '/v1/chat/completions' : '/v1/messages';
    const upstreamModel = model === 'agent-chat' ? 'fake-agent' : 'fake-anthropic-native';
    const from = await requestCount();
    const question = { role: 'user', content: `What is the weather in Paris? (messages round trip, ${provider})` };
    const stream = anthropic.messages.stream({ model, max_tokens: 256, system: 'Use tools.', tools: [anthropicWeatherTool],
      messages: [question] }, tagged(`msg-${provider}-trip-1`));
    const first = await stream.finalMessage();
    assert.equal(first.stop_reason, 'tool_use');
    const use = first.content.find((block) => block.type === 'tool_use');
    assert.ok(use, JSON.stringify(first.content));
    assert.equal(use.name, 'get_weather');
    assert.deepEqual(use.input, { city: 'Paris' });

    const second = await anthropic.messages.create({ model, max_tokens: 256, system: 'Use tools.', tools: [anthropicWeatherTool],
      messages: [question, { role: 'assistant', content: first.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: 'cloudy' }] }] }, tagged(`msg-${provider}-trip-2`));
    assert.deepEqual(second.content, [{ type: 'text', text: 'The tool said: cloudy' }]);
    assert.equal(second.stop_reason, 'end_turn');

    const sent = await upstreamRequests(upstreamUrl, upstreamModel, from);
    assert.equal(sent.length, 2);
    const body = JSON.parse(sent[1].body);
    if (provider === 'translated') {
      assert.deepEqual(body.messages.map((m) => m.role), ['system', 'user', 'assistant', 'tool']);
      assert.equal(body.messages[2].tool_calls[0].id, use.id);
      assert.deepEqual(JSON.parse(body.messages[2].tool_calls[0].function.arguments), { city: 'Paris' });
      assert.deepEqual(body.messages[3], { role: 'tool', tool_call_id: use.id, content: 'cloudy' });
      assert.equal(body.tools[0].function.name, 'get_weather');
    } else {
      assert.equal(body.system, 'Use tools.');
      assert.equal(body.messages[2].content[0].type, 'tool_result');
      assert.deepEqual(body.tools, [anthropicWeatherTool]);
    }
  });
}

test('messages: a server tool cannot be translated for a chat provider: 400 in Anthropic shape', async () => {
  await assert.rejects(anthropic.messages.create({ model: 'agent-chat', max_tokens: 256,
    tools: [{ type: 'web_search_20250305', name: 'web_search' }], messages: [{ role: 'user', content: 'Search' }] }), (error) => {
    assert.ok(error instanceof Anthropic.BadRequestError, String(error));
    assert.equal(error.error.type, 'error');
    assert.equal(error.error.error.type, 'invalid_request_error');
    assert.match(error.error.error.message, /tools\[0\]\.type/);
    return true;
  });
});

test('messages: the anthropic provider gets its own key in x-api-key and the caller\'s anthropic-version', async () => {
  const seen = await upstreamSeen();
  const native = seen.requests.filter((r) => r.url === '/v1/messages');
  assert.ok(native.length >= 6, `${native.length} native Messages calls`);
  for (const request of native) {
    assert.equal(request.headers['x-api-key'], ANTHROPIC_KEY);
    assert.equal(request.headers.authorization, null);
  }
  // Each caller's version reached the provider: the legacy clients' and the installed SDK's own.
  const sdkVersion = sentByAnthropicSdk.find((h) => h.get('authorization'))?.get('anthropic-version');
  assert.ok(sdkVersion, 'the installed SDK sent no anthropic-version');
  const versions = new Set(native.map((r) => r.headers['anthropic-version']));
  assert.deepEqual([...versions].sort(), [...new Set([LEGACY_ANTHROPIC_VERSION, sdkVersion])].sort());
  // The clients authenticated as the brief says: x-api-key alone, or the SDK's Authorization.
  assert.ok(sentByAnthropicSdk.some((h) => h.get('x-api-key') === gatewayKey && !h.get('authorization')));
});

test('messages: a wrong key gets 401 in Anthropic\'s error shape', async () => {
  for (const wrong of [anthropicClient('rk_not-a-key', 'x-api-key'), anthropicClient('rk_not-a-key', 'sdk')]) {
    await assert.rejects(wrong.messages.create({ model: 'agent-anthropic', max_tokens: 64,
      messages: [{ role: 'user', content: 'hi' }] }), (error) => {
      assert.ok(error instanceof Anthropic.AuthenticationError, String(error));
      assert.equal(error.status, 401);
      assert.equal(error.error.type, 'error');
      assert.equal(error.error.error.type, 'authentication_error');
      assert.equal(typeof error.error.error.message, 'string');
      return true;
    });
  }
  const raw = await fetch(`${base}/v1/messages`, { method: 'POST',
    headers: { 'x-api-key': 'rk_wrong', 'anthropic-version': LEGACY_ANTHROPIC_VERSION, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'agent-anthropic', max_tokens: 64, messages: [{ role: 'user', content: 'hi' }] }) });
  assert.equal(raw.status, 401);
  const body = await raw.json();
  assert.deepEqual(Object.keys(body).sort(), ['error', 'type']);
  assert.equal(body.error.type, 'authentication_error');
});

// ---------------------------------------------------------------------------------------------
// Traces, sessions, datasets

test('traces: endpoint, canonical conversation ending with the answer', async () => {
  const cases = [
    ['resp-chat-plain', 'responses', 'chat-fake', 'Hello from fake-agent'],
    ['resp-native-plain', 'responses', 'responses-fake', 'Hello from fake-responses-native (responses)'],
    ['resp-chat-stream', 'responses', 'chat-fake', 'Hello from the stream'],
    ['resp-native-stream', 'responses', 'responses-fake', 'Hello from fake-responses-native (responses)'],
    ['msg-translated-plain', 'messages', 'chat-fake', 'Hello from fake-agent'],
    ['msg-native-plain', 'messages', 'anthropic-fake', 'Hello from fake-anthropic-native (anthropic)'],
    ['msg-translated-stream', 'messages', 'chat-fake', 'Hello from the stream'],
    ['msg-native-stream', 'messages', 'anthropic-fake', 'Hello from fake-anthropic-native (anthropic)'],
  ];
  for (const [tag, endpoint, provider, answer] of cases) {
    const detail = await traceDetail(tag);
    assert.equal(detail.endpoint, endpoint, tag);
    assert.equal(detail.provider, provider, tag);
    assert.equal(detail.status, 200, tag);
    assert.ok(detail.session_id, `${tag} has no session`);
    const messages = detail.conversation?.messages;
    assert.ok(Array.isArray(messages), `${tag}: no conversation: ${JSON.stringify(detail.conversation)}`);
    assert.equal(messages[0].role, 'system', tag);
    assert.equal(messages[1].role, 'user', tag);
    assert.deepEqual(messages.at(-1), { role: 'assistant', content: answer }, tag);
    assert.ok(detail.usage.total_tokens > 0, `${tag}: ${JSON.stringify(detail.usage)}`);
    if (tag.includes('stream')) assert.equal(detail.stream, true, tag);
  }
  // The caller's body is what the trace keeps as its request.
  const plain = await traceDetail('resp-chat-plain');
  assert.equal(plain.request.input, 'Say hello (responses, translated)');
  assert.equal(plain.response.object, 'response');
  const stream = await traceDetail('msg-translated-stream');
  assert.equal(stream.response.type, 'message');  // the events folded into one Message
});

test('traces: the calls of one tool round trip share a session, other calls do not', async () => {
  for (const [firstTag, secondTag] of [['resp-trip-1', 'resp-trip-2'], ['resp-native-trip-1', 'resp-native-trip-2'],
    ['msg-translated-trip-1', 'msg-translated-trip-2'], ['msg-native-trip-1', 'msg-native-trip-2']]) {
    const first = await traceDetail(firstTag);
    const second = await traceDetail(secondTag);
    assert.ok(first.session_id, firstTag);
    assert.equal(second.session_id, first.session_id, `${firstTag} / ${secondTag}`);
    // The second call's conversation holds the whole exchange.
    const roles = second.conversation.messages.map((m) => m.role);
    assert.deepEqual(roles, ['system', 'user', 'assistant', 'tool', 'assistant'].slice(roles[0] === 'system' ? 0 : 1), secondTag);
    assert.match(second.conversation.messages.at(-1).content, /^The tool said: /);
    assert.ok(second.conversation.messages.at(-3).tool_calls?.length === 1, secondTag);
    assert.ok(Array.isArray(second.conversation.tools) && second.conversation.tools.length === 1, secondTag);
  }
  const sessions = new Set();
  for (const tag of ['resp-chat-plain', 'resp-native-plain', 'resp-chat-stream', 'resp-trip-1', 'msg-translated-trip-1', 'msg-native-trip-1']) {
    sessions.add((await traceDetail(tag)).session_id);
  }
  assert.equal(sessions.size, 6, 'unrelated calls were put in one session');
  // The stored response knows its session too: the retrieved id maps to the trace's.
  const firstTrace = await traceDetail('resp-trip-1');
  assert.equal(firstTrace.response.id, translatedRoundTrip.first.id);
});

test('datasets: from Responses traces, one record per session (the last call), all valid', async () => {
  // Every Responses call made so far has its trace.
  const listed = async (query) => (await api('GET', `/api/traces?endpoint=responses&limit=1000${query}`)).json;
  await tracesTagged('resp-metadata', 1);
  await tracesTagged('resp-builtin', 1);
  const ok = (await listed('&status=ok')).items;
  const sessions = new Set(ok.map((t) => t.session_id));
  assert.ok(ok.length > sessions.size, 'no session with several calls');
  const lastOfSession = (await listed('&status=ok&calls=last_of_session')).items;
  assert.equal(lastOfSession.length, sessions.size);
  // A passed-through call with what chat completions cannot express (a built-in tool) keeps its
  // bodies but has no canonical conversation, so it makes no record.
  const [builtIn] = await tracesTagged('resp-builtin-native', 1);
  assert.equal((await api('GET', `/api/traces/${builtIn.id}`)).json.conversation, null);
  const expected = sessions.size - 1;

  const created = await api('POST', '/api/datasets/from-traces', { name: 'agent sessions', objective: 'answer with tools',
    filter: { endpoint: 'responses', calls: 'last_of_session' } });
  assert.equal(created.status, 201, JSON.stringify(created.json));
  const datasetId = created.json.id;
  if (created.json.job) {
    for (let i = 0; i < 200; i++) {
      const job = (await api('GET', `/api/jobs/${created.json.job.id}`)).json;
      if (job.state === 'succeeded') break;
      assert.ok(job.state === 'queued' || job.state === 'running', JSON.stringify(job));
      await sleep(50);
    }
  } else {
    assert.deepEqual(created.json.from_traces, { added: expected, invalid: 0, skipped: 1 });
  }
  const records = (await api('GET', `/api/datasets/${datasetId}/records?limit=100`)).json;
  assert.equal(records.total, expected);
  const traceIds = new Set(records.items.map((r) => r.trace_id));
  assert.deepEqual([...traceIds].sort(), lastOfSession.map((t) => t.id).filter((id) => id !== builtIn.id).sort());

  // The round trip's session gives its second call, with the whole exchange in the record.
  const [secondCall] = await tracesTagged('resp-trip-2', 1);
  const [firstCall] = await tracesTagged('resp-trip-1', 1);
  assert.ok(traceIds.has(secondCall.id));
  assert.ok(!traceIds.has(firstCall.id));
  const item = records.items.find((r) => r.trace_id === secondCall.id);
  const record = (await api('GET', `/api/datasets/${datasetId}/records/${item.id}`)).json;
  const line = typeof record.text === 'string' ? JSON.parse(record.text) : record.text;
  assert.deepEqual(line.messages.map((m) => m.role), ['system', 'user', 'assistant', 'tool', 'assistant']);
  assert.equal(line.messages.at(-1).content, 'The tool said: sunny, 21 C');
  assert.equal(line.tools[0].function.name, 'get_weather');
  assert.equal(line.metadata.session_id, secondCall.session_id);
  // The named session's two calls are one record.
  const named = await tracesTagged('resp-named', 2);
  assert.equal(named.filter((t) => traceIds.has(t.id)).length, 1);

  const health = (await api('GET', `/api/datasets/${datasetId}/health`)).json;
  assert.equal(health.total, expected);
  assert.equal(health.invalid, 0, JSON.stringify(health));
  assert.deepEqual(health.errors, {}, JSON.stringify(health));
  // Only Responses traces: no Messages call is in it.
  for (const r of records.items) {
    const trace = (await api('GET', `/api/traces/${r.trace_id}`)).json;
    assert.equal(trace.endpoint, 'responses');
  }
});

test('no provider key leaks, and the gateway key is never sent upstream', async () => {
  const seen = await upstreamSeen();
  for (const request of seen.requests) {
    const headers = JSON.stringify(request.headers);
    assert.ok(!headers.includes(gatewayKey), `the gateway key went upstream: ${headers}`);
    assert.ok(!request.body.includes(gatewayKey));
    if (request.url === '/v1/chat/completions') assert.equal(request.headers.authorization, `Bearer ${CHAT_KEY}`);
    if (request.url === '/v1/responses') assert.equal(request.headers.authorization, `Bearer ${RESPONSES_KEY}`);
  }
  const all = (await api('GET', '/api/traces?limit=1000')).json.items;
  for (const trace of all) await api('GET', `/api/traces/${trace.id}`);
  for (const text of apiTexts) {
    for (const key of [CHAT_KEY, RESPONSES_KEY, ANTHROPIC_KEY]) assert.ok(!text.includes(key), `an API response leaks ${key}`);
  }
  for (const key of [CHAT_KEY, RESPONSES_KEY, ANTHROPIC_KEY]) assert.ok(!serverOutput.includes(key), 'the server log leaks a provider key');
});

// ---------------------------------------------------------------------------------------------
// Streams that fail or break off, and calls refused before any provider sees them

// A call's body as text, read to its end; rejects when the connection drops first.
async function postForText(url, headers, body) {
  const response = await fetch(`${base}${url}`, { method: 'POST',
    headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: response.status, text: await response.text() };
}
const asOpenAi = (tag) => ({ authorization: `Bearer ${gatewayKey}`, 'x-reinforge-tags': `agent-conformance, ${tag}` });
const asAnthropic = (tag) => ({ 'x-api-key': gatewayKey, 'anthropic-version': LEGACY_ANTHROPIC_VERSION,
  'x-reinforge-tags': `agent-conformance, ${tag}` });
const messagesBody = (model, content, extra = {}) =>
  ({ model, max_tokens: 50, messages: [{ role: 'user', content }], ...extra });

test('streams that fail midway: the caller gets the error, the trace keeps it, no dataset takes the cut answer', async () => {
  const calls = [
    ['/v1/responses', asOpenAi('fail-midway'), { model: 'agent-responses', stream: true, input: 'FAIL-MIDWAY please' }, /responses overloaded midway/],
    ['/v1/responses', asOpenAi('fail-midway'), { model: 'agent-chat', stream: true, input: 'FAIL-MIDWAY please' }, /chat overloaded midway/],
    ['/v1/messages', asAnthropic('fail-midway'), messagesBody('agent-anthropic', 'FAIL-MIDWAY please', { stream: true }), /anthropic overloaded midway/],
    ['/v1/messages', asAnthropic('fail-midway'), messagesBody('agent-chat', 'FAIL-MIDWAY please', { stream: true }), /chat overloaded midway/],
  ];
  for (const [url, headers, body, said] of calls) {
    const { status, text } = await postForText(url, headers, body);
    assert.equal(status, 200);
    assert.match(text, said, `${url} ${body.model}`);
  }
  const traces = await tracesTagged('fail-midway', calls.length);
  for (const trace of traces) {
    assert.equal(trace.status, 200);
    assert.match(trace.error ?? '', /^error in the stream: .*overloaded midway/, JSON.stringify(trace));
  }
  const created = await api('POST', '/api/datasets/from-traces', { name: 'failed streams', objective: 'answer',
    filter: { tag: 'fail-midway' } });
  assert.equal(created.status, 201, JSON.stringify(created.json));
  assert.equal(created.json.from_traces.added, 0, JSON.stringify(created.json));
});

test('a stream the provider drops midway, passed through: the caller\'s client sees the body end early', async () => {
  const calls = [
    ['/v1/responses', asOpenAi('cut-off'), { model: 'agent-responses', stream: true, input: 'CUT-OFF please' }],
    ['/v1/messages', asAnthropic('cut-off'), messagesBody('agent-anthropic', 'CUT-OFF please', { stream: true })],
  ];
  for (const [url, headers, body] of calls) {
    // Before, the gateway ended the body cleanly and the client took the cut answer for whole.
    await assert.rejects(postForText(url, headers, body), /terminated/, url);
  }
  for (const trace of await tracesTagged('cut-off', calls.length)) {
    assert.match(trace.error ?? '', /the upstream stream broke/, JSON.stringify(trace));
  }
  const next = await openai.responses.create({ model: 'agent-responses', input: 'still there?' });
  assert.equal(next.status, 'completed');
});

test('messages: the caller\'s anthropic-beta reaches an Anthropic provider; a malformed one does not', async () => {
  const from = await requestCount();
  const features = 'prompt-caching-2024-07-31,interleaved-thinking-2025-05-14';
  for (const beta of [features, 'bad;value']) {
    const { status } = await postForText('/v1/messages', { ...asAnthropic('beta'), 'anthropic-beta': beta },
      messagesBody('agent-anthropic', 'hi'));
    assert.equal(status, 200);
  }
  const sent = await upstreamRequests('/v1/messages', 'fake-anthropic-native', from);
  assert.deepEqual(sent.map((r) => r.headers['anthropic-beta']), [features, null]);
});

test('agent calls with nothing to answer or a field of the wrong type: 400 naming the field, nothing sent', async () => {
  const from = await requestCount();
  const refusals = [
    [{ model: 'agent-chat' }, 'input', 'unsupported_for_translation'],
    [{ model: 'agent-chat', input: 'hi', max_output_tokens: 'lots' }, 'max_output_tokens', 'unsupported_for_translation'],
    [{ model: 'agent-chat', input: 'hi', stream: 'yes' }, null, 'invalid_request'],
  ];
  for (const [body, param, code] of refusals) {
    const { status, text } = await postForText('/v1/responses', asOpenAi('bad-input'), body);
    assert.equal(status, 400, text);
    const { error } = JSON.parse(text);
    assert.equal(error.param, param, text);
    assert.equal(error.code, code, text);
  }
  const { status, text } = await postForText('/v1/messages', asAnthropic('bad-input'),
    { model: 'agent-chat', max_tokens: 5, messages: [] });
  assert.equal(status, 400, text);
  const said = JSON.parse(text);
  assert.equal(said.type, 'error');
  assert.match(said.error.message, /messages: must hold at least one turn/);
  assert.equal(await requestCount(), from);
});

test('responses: an unknown previous_response_id is OpenAI\'s previous_response_not_found', async () => {
  await assert.rejects(
    openai.responses.create({ model: 'agent-chat', input: 'hi', previous_response_id: 'resp_nope' }), (error) => {
      assert.equal(error.status, 400);
      assert.equal(error.code, 'previous_response_not_found');
      assert.equal(error.param, 'previous_response_id');
      assert.match(error.message, /resp_nope/);
      return true;
    });
});

test('responses: another gateway key can neither read nor continue a stored answer', async () => {
  const made = await openai.responses.create({ model: 'agent-chat', input: 'kept for one team' });
  const created = await api('POST', '/api/gateway-keys', { name: 'other-team' });
  assert.equal(created.status, 201);
  const other = new OpenAI({ apiKey: created.json.key, baseURL: `${base}/v1`, maxRetries: 0, timeout: 20000 });
  await assert.rejects(other.responses.retrieve(made.id), (error) => error.status === 404);
  await assert.rejects(
    other.responses.create({ model: 'agent-chat', input: 'go on', previous_response_id: made.id }),
    (error) => error.code === 'previous_response_not_found');
  // The key that made it still does, once its trace is written too (the store's copy).
  await sleep(300);
  assert.equal((await openai.responses.retrieve(made.id)).id, made.id);
  const next = await openai.responses.create({ model: 'agent-chat', input: 'go on', previous_response_id: made.id });
  assert.equal(next.status, 'completed');
});
