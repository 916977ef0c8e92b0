// Drives the gateway with the official `openai` SDK, as a user's application would, against
// a local OpenAI-compatible upstream (fake_upstream.mjs), then checks the traces each call
// left and that the provider's key never leaks. Needs REINFORGE_BINARY (CTest sets it).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import { adminApi, sleep, startFakeUpstream, startGateway, tracesTagged as tracesTaggedBy } from './harness.mjs';

const PROVIDER_KEY = 'sk-fake-PROVIDER-secret-7f3a9c1e55';

let upstream, upstreamSeen, tlsUpstream, dyingUpstream, dyingPort, server, serverOutput = '', base, dataDir, gatewayKey, gatewayKeyId, client, api;
const apiTexts = [];  // every admin API response body, scanned for the provider key at the end
const tracesTagged = (tag, count) => tracesTaggedBy(api, tag, count);

const tagged = (tag) => ({ headers: { 'x-reinforge-tags': `conformance, ${tag}` } });
const user = (text) => [{ role: 'user', content: text }];

before(async () => {
  const started = await startFakeUpstream();
  upstream = started.child;
  upstreamSeen = started.seen;
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'reinforge-gateway-'));
  // An HTTPS upstream whose certificate no system CA signed: the gateway must refuse it.
  const cert = path.join(dataDir, 'cert.pem');
  const key = path.join(dataDir, 'key.pem');
  await new Promise((resolve, reject) => spawn('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1',
    '-keyout', key, '-out', cert, '-days', '1'], { stdio: 'ignore' }).on('exit', (code) => (code === 0 ? resolve() : reject(new Error('openssl failed')))));
  const tlsStarted = await startFakeUpstream(['--tls', cert, key]);
  tlsUpstream = tlsStarted.child;
  // A provider the test stops while the gateway holds its connections in the pool.
  const dying = await startFakeUpstream();
  dyingUpstream = dying.child;
  dyingPort = dying.port;
  const config = {
    providers: [
      { name: 'local', base_url: `http://127.0.0.1:${started.port}/v1`, api_key_env: 'FAKE_PROVIDER_KEY' },
      { name: 'nowhere', base_url: 'http://127.0.0.1:9/v1', api_key_env: 'FAKE_PROVIDER_KEY' },
      { name: 'self-signed', base_url: `https://127.0.0.1:${tlsStarted.port}/v1`, api_key_env: 'FAKE_PROVIDER_KEY' },
      { name: 'dying', base_url: `http://127.0.0.1:${dyingPort}/v1`, api_key_env: 'FAKE_PROVIDER_KEY' },
    ],
    models: [
      { name: 'fake-plain', provider: 'local' },
      { name: 'team-model', provider: 'local', upstream_model: 'fake-plain' },
      { name: 'primary-down', provider: 'nowhere', upstream_model: 'x', fallbacks: ['fake-plain'] },
      { name: 'untrusted', provider: 'self-signed', upstream_model: 'fake-plain' },
      { name: 'dying-plain', provider: 'dying', upstream_model: 'fake-plain' },
    ],
    gateway: { default_provider: 'local', timeouts_ms: { connect: 1000, first_byte: 400, total: 20000 },
      retries: { max: 1, backoff_ms: 20 } },
  };
  const gateway = await startGateway({ dataDir, config, env: { FAKE_PROVIDER_KEY: PROVIDER_KEY },
    onOutput: (text) => { serverOutput += text; } });
  server = gateway.child;
  base = gateway.base;
  api = adminApi(base, apiTexts);
  const created = await api('POST', '/api/gateway-keys', { name: 'conformance' });
  assert.equal(created.status, 201);
  gatewayKey = created.json.key;
  gatewayKeyId = created.json.id;
  client = new OpenAI({ apiKey: gatewayKey, baseURL: `${base}/v1`, maxRetries: 0, timeout: 20000 });
});

after(async () => {
  server?.kill('SIGTERM');
  upstream?.kill('SIGTERM');
  tlsUpstream?.kill('SIGTERM');
  dyingUpstream?.kill('SIGTERM');
  await sleep(200);
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

test('models: the configured models in OpenAI list shape', async () => {
  const ids = [];
  for await (const model of client.models.list()) ids.push(model.id);
  assert.deepEqual(ids, ['fake-plain', 'team-model', 'primary-down', 'untrusted', 'dying-plain']);
});

test('plain completion, model mapping and response_format forwarded untouched', async () => {
  const plain = await client.chat.completions.create({ model: 'fake-plain', messages: user('hi') }, tagged('plain'));
  assert.equal(plain.choices[0].message.content, 'Hello from fake-plain');
  assert.equal(plain.usage.total_tokens, 18);
  const mapped = await client.chat.completions.create(
    { model: 'team-model', messages: user('hi'), response_format: { type: 'json_object' }, temperature: 0.3 }, tagged('mapped'));
  assert.equal(mapped.choices[0].message.content, 'Hello from fake-plain format=json_object');
  const seen = await upstreamSeen();
  const forwarded = JSON.parse(seen.requests.findLast((r) => r.body.includes('json_object')).body);
  assert.equal(forwarded.model, 'fake-plain');  // the upstream name, not the public one
  assert.equal(forwarded.temperature, 0.3);
});

test('streamed completion arrives chunk by chunk, with usage', async () => {
  const stream = await client.chat.completions.create(
    { model: 'fake-plain', messages: user('stream please'), stream: true, stream_options: { include_usage: true } },
    tagged('streamed'));
  const arrivals = [];
  let text = '';
  let usage = null;
  for await (const chunk of stream) {
    if (chunk.choices[0]?.delta?.content) { text += chunk.choices[0].delta.content; arrivals.push(Date.now()); }
    if (chunk.usage) usage = chunk.usage;
  }
  assert.equal(text, 'Hello from the stream');
  assert.equal(usage.total_tokens, 15);
  // The upstream waits 150 ms between pieces: relayed as they come, they are spread out too.
  assert.ok(arrivals.length >= 4);
  assert.ok(arrivals.at(-1) - arrivals[0] >= 300, `chunks arrived together: ${arrivals}`);
});

test('tool calls, plain and streamed as deltas', async () => {
  const tools = [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } }];
  const plain = await client.chat.completions.create({ model: 'fake-tools', messages: user('weather?'), tools }, tagged('tools'));
  assert.equal(plain.choices[0].message.tool_calls[0].function.name, 'get_weather');
  const stream = await client.chat.completions.create({ model: 'fake-tools', messages: user('weather?'), tools, stream: true }, tagged('tools-stream'));
  let args = '';
  let name = '';
  for await (const chunk of stream) {
    for (const call of chunk.choices[0]?.delta?.tool_calls ?? []) {
      name += call.function?.name ?? '';
      args += call.function?.arguments ?? '';
    }
  }
  assert.equal(name, 'get_weather');
  assert.deepEqual(JSON.parse(args), { city: 'Paris' });
});

test('embeddings', async () => {
  const result = await client.embeddings.create({ model: 'text-embedding-fake', input: ['a', 'b'] }, tagged('embeddings'));
  assert.equal(result.data.length, 2);
  assert.equal(result.data[1].index, 1);
});

test('fallback to the next model when the provider cannot be reached', async () => {
  const result = await client.chat.completions.create({ model: 'primary-down', messages: user('hi') }, tagged('fallback'));
  assert.equal(result.choices[0].message.content, 'Hello from fake-plain');
});

test('an HTTPS upstream is verified: a self-signed certificate is refused', async () => {
  await assert.rejects(client.chat.completions.create({ model: 'untrusted', messages: user('hi') }, tagged('tls')), (error) => {
    assert.equal(error.status, 502);
    assert.equal(error.code, 'upstream_unreachable');
    assert.match(error.message, /certificate/i);
    return true;
  });
});

test('an upstream 500 is retried, then passed through in OpenAI error shape', async () => {
  const before500 = (await upstreamSeen()).hits['fake-500'] ?? 0;
  await assert.rejects(client.chat.completions.create({ model: 'fake-500', messages: user('hi') }, tagged('upstream500')), (error) => {
    assert.equal(error.status, 500);
    assert.equal(error.message.includes('the fake upstream is broken'), true);
    return true;
  });
  assert.equal((await upstreamSeen()).hits['fake-500'] - before500, 2);  // first try + 1 retry
  // A 4xx is the caller's problem: passed through at once, never retried.
  await assert.rejects(client.chat.completions.create({ model: 'fake-400', messages: user('hi') }), (error) => {
    assert.equal(error.status, 400);
    assert.equal(error.param, 'temperature');
    return true;
  });
  assert.equal((await upstreamSeen()).hits['fake-400'], 1);
});

test('a provider that closes idle connections soon after answering: every next call still gets through', async () => {
  for (let i = 0; i < 4; i++) {
    const answer = await client.chat.completions.create({ model: 'fake-closes-idle', messages: user(`call ${i}`) }, tagged('closes-idle'));
    assert.equal(answer.choices[0].message.content, 'Hello from fake-closes-idle');
    await sleep(120);  // closed by the provider by now, still in the gateway's pool
  }
  assert.equal((await upstreamSeen()).hits['fake-closes-idle'], 4);
  const traces = await tracesTagged('closes-idle', 4);
  // A pooled connection found closed is not a failed attempt: the call goes on a fresh one.
  assert.deepEqual(traces.map((trace) => [trace.status, trace.attempts]), [[200, 1], [200, 1], [200, 1], [200, 1]]);
});

test('a provider that went away with the gateway\'s pooled connections to it: 502, not an empty stream', async () => {
  // Calls arrive on either IO thread, and each keeps its own pool: a few calls leave an idle
  // connection to the provider in both.
  for (let i = 0; i < 4; i++) {
    const answer = await client.chat.completions.create({ model: 'dying-plain', messages: user(`hi ${i}`) }, tagged('dying'));
    assert.equal(answer.choices[0].message.content, 'Hello from fake-plain');
  }
  dyingUpstream.kill('SIGKILL');  // its connections close, and nothing listens on its port
  await new Promise((resolve) => dyingUpstream.once('exit', resolve));
  // At once, so the pooled connection is taken without a check: it fails, and so does the
  // fresh connection tried after it.
  await assert.rejects(client.chat.completions.create({ model: 'dying-plain', messages: user('again'), stream: true }, tagged('dying')), (error) => {
    assert.equal(error.status, 502);
    assert.match(error.message, /could not connect to provider 'dying'/);
    return true;
  });
  const traces = await tracesTagged('dying', 5);
  assert.deepEqual(traces.map((trace) => trace.status).sort(), [200, 200, 200, 200, 502]);
});

test('an upstream that hangs times out with 504', async () => {
  const started = Date.now();
  await assert.rejects(client.chat.completions.create({ model: 'fake-hang', messages: user('hi') }, tagged('hang')), (error) => {
    assert.equal(error.status, 504);
    assert.equal(error.code, 'upstream_timeout');
    return true;
  });
  const took = Date.now() - started;
  assert.ok(took >= 800 && took < 5000, `took ${took} ms`);  // 2 tries of 400 ms
});

test('a wrong or missing key gets 401 in OpenAI shape', async () => {
  const wrong = new OpenAI({ apiKey: 'rk_not-a-key', baseURL: `${base}/v1`, maxRetries: 0 });
  await assert.rejects(wrong.chat.completions.create({ model: 'fake-plain', messages: user('hi') }), (error) => {
    assert.equal(error.status, 401);
    assert.equal(error.code, 'invalid_api_key');
    return true;
  });
  const missing = await fetch(`${base}/v1/models`);
  assert.equal(missing.status, 401);
  assert.equal((await missing.json()).error.code, 'invalid_api_key');
});

test('a caller that disconnects mid-stream cancels the upstream request', async () => {
  const closedBefore = (await upstreamSeen()).closedEarly;
  const controller = new AbortController();
  const stream = await client.chat.completions.create(
    { model: 'fake-endless', messages: user('go on'), stream: true }, { ...tagged('disconnect'), signal: controller.signal });
  let chunks = 0;
  try {
    // The SDK ends the iteration (or throws an abort error, depending on timing) once aborted.
    for await (const chunk of stream) { if (chunk.choices[0]?.delta?.content && ++chunks === 3) controller.abort(); }
  } catch (error) {
    assert.match(String(error.name), /Abort/);
  }
  assert.equal(chunks, 3);
  for (let i = 0; i < 60 && (await upstreamSeen()).closedEarly === closedBefore; i++) await sleep(50);
  assert.equal((await upstreamSeen()).closedEarly, closedBefore + 1);
});

test('every call left a trace with what PRODUCT.md §1 lists', async () => {
  const [plain] = await tracesTagged('plain', 1);
  assert.equal(plain.status, 200);
  assert.equal(plain.model_requested, 'fake-plain');
  assert.equal(plain.provider, 'local');
  assert.equal(plain.gateway_key_id, gatewayKeyId);
  assert.equal(plain.usage.total_tokens, 18);
  assert.ok(plain.latency_ms > 0 && plain.ttft_ms > 0);
  assert.deepEqual(plain.tags, ['conformance', 'plain']);

  const [mapped] = await tracesTagged('mapped', 1);
  assert.equal(mapped.model_requested, 'team-model');
  assert.equal(mapped.model, 'fake-plain');

  const [streamed] = await tracesTagged('streamed', 1);
  const detail = (await api('GET', `/api/traces/${streamed.id}`)).json;
  assert.equal(detail.stream, true);
  assert.equal(detail.response.choices[0].message.content, 'Hello from the stream');
  assert.equal(detail.usage.total_tokens, 15);
  assert.equal(detail.request.messages[0].content, 'stream please');
  assert.ok(detail.ttft_ms > 0 && detail.ttft_ms < detail.latency_ms);

  const [toolStream] = await tracesTagged('tools-stream', 1);
  const toolDetail = (await api('GET', `/api/traces/${toolStream.id}`)).json;
  const call = toolDetail.response.choices[0].message.tool_calls[0];
  assert.equal(call.function.name, 'get_weather');
  assert.equal(call.function.arguments, '{"city":"Paris"}');
  assert.equal(toolDetail.response.choices[0].finish_reason, 'tool_calls');

  const [embedding] = await tracesTagged('embeddings', 1);
  assert.equal(embedding.endpoint, 'embeddings');
  assert.equal(embedding.usage.prompt_tokens, 5);

  const [fallback] = await tracesTagged('fallback', 1);
  assert.equal(fallback.status, 200);
  assert.equal(fallback.provider, 'local');
  assert.equal(fallback.attempts, 3);  // nowhere twice, then fake-plain

  const [failed] = await tracesTagged('upstream500', 1);
  assert.equal(failed.status, 500);
  assert.equal(failed.attempts, 2);
  // The provider's own words are in the error; an error body is no first token.
  assert.match(failed.error, /answered HTTP 500: the fake upstream is broken$/);
  assert.strictEqual(failed.ttft_ms, null);
  const [hung] = await tracesTagged('hang', 1);
  assert.equal(hung.status, 504);
  assert.match(hung.error, /no response within 400 ms/);
  const [gone] = await tracesTagged('disconnect', 1);
  assert.equal(gone.status, 499);
  assert.match(gone.error, /disconnected/);

  const unauthorized = (await api('GET', '/api/traces?status=401')).json;
  assert.ok(unauthorized.total >= 1);
  const errors = (await api('GET', '/api/traces?status=error&tag=conformance')).json;
  assert.equal(errors.total, 5);  // 500, 502 (untrusted certificate), 502 (a provider gone), 504, 499
  const search = (await api('GET', '/api/traces?q=stream%20please')).json;
  assert.equal(search.items[0].id, streamed.id);

  const stats = (await api('GET', '/api/traces/stats')).json.items;
  const fakePlain = stats.find((row) => row.model === 'fake-plain');
  assert.ok(fakePlain.calls >= 2);
  assert.ok(fakePlain.latency_ms.p99 >= fakePlain.latency_ms.p50);
});

test('datasets from traces: created from a filter, then pulling adds only new traces', async () => {
  for (const text of ['first question', 'second question']) {
    await client.chat.completions.create({ model: 'fake-plain', messages: user(text) }, tagged('for-dataset'));
  }
  await tracesTagged('for-dataset', 2);
  const created = await api('POST', '/api/datasets/from-traces',
    { name: 'from traces', objective: 'answer politely', filter: { tag: 'for-dataset' } });
  assert.equal(created.status, 201);
  assert.equal(created.json.from_traces.added, 2);
  const datasetId = created.json.id;
  const records = (await api('GET', `/api/datasets/${datasetId}/records?limit=10`)).json;
  assert.equal(records.total, 2);
  assert.equal(records.items[0].origin, 'trace');
  assert.match(records.items[0].trace_id, /^tr_/);
  const record = (await api('GET', `/api/datasets/${datasetId}/records/${records.items[0].id}`)).json;
  const line = typeof record.text === 'string' ? JSON.parse(record.text) : record.text;
  assert.equal(line.messages.at(-1).role, 'assistant');
  assert.equal(line.messages.at(-1).content, 'Hello from fake-plain');

  await client.chat.completions.create({ model: 'fake-plain', messages: user('third question') }, tagged('for-dataset'));
  await tracesTagged('for-dataset', 3);
  const pulled = await api("POST", `/api/datasets/${datasetId}/pull-traces`);
  assert.equal(pulled.json.added, 1, JSON.stringify(pulled));
  assert.equal((await api('POST', `/api/datasets/${datasetId}/pull-traces`)).json.added, 0);

  const [picked] = await tracesTagged('plain', 1);
  const selection = await api('POST', '/api/datasets/from-traces', { name: 'picked', trace_ids: [picked.id] });
  assert.equal(selection.status, 201, JSON.stringify(selection.json));
  assert.equal(selection.json.from_traces.added, 1);
});

test('a revoked key stops working', async () => {
  const extra = await api('POST', '/api/gateway-keys', { name: 'short-lived' });
  const shortLived = new OpenAI({ apiKey: extra.json.key, baseURL: `${base}/v1`, maxRetries: 0 });
  await shortLived.chat.completions.create({ model: 'fake-plain', messages: user('hi') });
  const listed = (await api('GET', '/api/gateway-keys')).json.items;
  assert.ok(listed.every((key) => !('key' in key) && !JSON.stringify(key).includes(extra.json.key)));
  assert.equal((await api('DELETE', `/api/gateway-keys/${extra.json.id}`)).status, 204);
  await sleep(1100);  // the gateway re-reads keys at most once a second
  await assert.rejects(shortLived.chat.completions.create({ model: 'fake-plain', messages: user('hi') }),
    (error) => error.status === 401);
});

test('a provider error that quotes the provider key reaches the caller and the trace without it', async () => {
  await assert.rejects(client.chat.completions.create({ model: 'fake-echo-key', messages: user('hi') }, tagged('echo-key')), (error) => {
    assert.equal(error.status, 401);
    assert.ok(!error.message.includes(PROVIDER_KEY), error.message);
    assert.match(error.message, /Incorrect API key provided: Bearer \[key\]/);
    return true;
  });
  const [trace] = await tracesTagged('echo-key', 1);
  const detail = (await api('GET', `/api/traces/${trace.id}`)).json;
  assert.match(JSON.stringify(detail.response), /\[key\]/);
});

test('the provider request id and rate-limit headers reach the caller, its other headers do not', async () => {
  const { response } = await client.chat.completions.create({ model: 'fake-plain', messages: user('hi') }).withResponse();
  assert.match(response.headers.get('x-request-id') ?? '', /^req_fake_\d+$/);
  assert.equal(response.headers.get('x-ratelimit-remaining-requests'), '99');
  assert.equal(response.headers.get('set-cookie'), null);
  assert.match(response.headers.get('x-reinforge-trace-id') ?? '', /^tr_/);
  // A 429 that outlasts the retries comes back with the provider's Retry-After.
  const limited = await fetch(`${base}/v1/chat/completions`, {
    method: 'POST', headers: { authorization: `Bearer ${gatewayKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'fake-429', messages: user('hi') }) });
  assert.equal(limited.status, 429);
  assert.equal(limited.headers.get('retry-after'), '7');
});

test('tags come from the request metadata too', async () => {
  await client.chat.completions.create({ model: 'fake-plain', messages: user('hi'), metadata: { tags: 'from-metadata, second', team: 'search' } });
  const [trace] = await tracesTagged('from-metadata', 1);
  assert.deepEqual([...trace.tags].sort(), ['from-metadata', 'second', 'team:search']);
});

test('a caller without a valid key is traced without what it sent', async () => {
  const wrong = new OpenAI({ apiKey: 'rk_wrong', baseURL: `${base}/v1`, maxRetries: 0 });
  await assert.rejects(wrong.chat.completions.create({ model: 'fake-plain', messages: user('unauthenticated secret text') }), (error) => error.status === 401);
  const traces = (await api('GET', '/api/traces?status=401&limit=100')).json.items;
  assert.ok(traces.length > 0);
  for (const trace of traces) {
    const detail = (await api('GET', `/api/traces/${trace.id}`)).json;
    assert.ok(!JSON.stringify(detail).includes('unauthenticated secret text'));
  }
});

test('the provider key never appears in traces, logs or API responses, and the caller key is never sent upstream', async () => {
  const seen = await upstreamSeen();
  assert.ok(seen.authorizations.length > 0);
  assert.ok(seen.authorizations.every((value) => value === `Bearer ${PROVIDER_KEY}`));
  assert.ok(seen.requests.every((request) => !request.body.includes(gatewayKey)));

  const all = (await api('GET', '/api/traces?limit=1000')).json.items;
  for (const trace of all) await api('GET', `/api/traces/${trace.id}`);
  await api('GET', '/api/gateway/status');
  await api('GET', '/api/gateway-keys');
  for (const text of apiTexts) assert.ok(!text.includes(PROVIDER_KEY), `API response leaks the key: ${text.slice(0, 200)}`);
  assert.ok(!serverOutput.includes(PROVIDER_KEY), 'the server log leaks the provider key');
  for (const file of fs.readdirSync(path.join(dataDir, 'data'))) {
    const full = path.join(dataDir, 'data', file);
    if (fs.statSync(full).isFile()) assert.ok(!fs.readFileSync(full).includes(PROVIDER_KEY), `${file} holds the provider key`);
  }
});
