// A local OpenAI-compatible upstream for the gateway's tests. What it does depends on the
// model asked for; it remembers what it saw (GET /__seen) so tests can check what the
// gateway forwarded. Usage: node fake_upstream.mjs [--tls CERT KEY]  -> prints {"port": N}.
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';

const seen = { authorizations: [], models: [], hits: {}, closedEarly: 0, requests: [] };

function completion(model, message, usage = { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 }) {
  return {
    id: 'chatcmpl-fake', object: 'chat.completion', created: 1700000000, model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: message.tool_calls ? 'tool_calls' : 'stop' }],
    usage,
  };
}

const toolCall = { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } };

function chunk(model, delta, finish = null) {
  return { id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1700000000, model,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function stream(res, req, body) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const send = (data) => res.write(`data: ${JSON.stringify(data)}\n\n`);
  const model = body.model;
  let open = true;
  // res, not req: a request 'closes' as soon as its body has been read.
  res.on('close', () => { if (!res.writableEnded) { open = false; seen.closedEarly++; } });
  if (model === 'fake-endless') {
    send(chunk(model, { role: 'assistant', content: '' }));
    for (let i = 0; open && i < 2000; i++) { send(chunk(model, { content: `tick ${i} ` })); await sleep(50); }
    if (open) res.end('data: [DONE]\n\n');
    return;
  }
  send(chunk(model, { role: 'assistant', content: '' }));
  await sleep(150);
  if (model === 'fake-tools') {
    send(chunk(model, { tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '' } }] }));
    await sleep(150);
    send(chunk(model, { tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }));
    await sleep(150);
    send(chunk(model, { tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] }));
    send(chunk(model, {}, 'tool_calls'));
  } else {
    for (const piece of ['Hello', ' from', ' the', ' stream']) { send(chunk(model, { content: piece })); await sleep(150); }
    send(chunk(model, {}, 'stop'));
  }
  if (body.stream_options && body.stream_options.include_usage) {
    send({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1700000000, model, choices: [],
      usage: { prompt_tokens: 11, completion_tokens: 4, total_tokens: 15 } });
  }
  res.end('data: [DONE]\n\n');
}

const handler = (req, res) => {
  let raw = '';
  req.on('data', (d) => { raw += d; });
  req.on('end', async () => {
    if (req.url === '/__seen') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(seen));
      return;
    }
    seen.authorizations.push(req.headers.authorization || '');
    let body = {};
    try { body = JSON.parse(raw || '{}'); } catch { body = {}; }
    seen.models.push(body.model);
    seen.requests.push({ url: req.url, body: raw.slice(0, 2000) });
    seen.hits[body.model] = (seen.hits[body.model] || 0) + 1;
    // Headers a provider sends: the gateway passes on the request id and the rate-limit budget,
    // not the rest.
    const providerHeaders = { 'x-request-id': `req_fake_${seen.requests.length}`, 'x-ratelimit-remaining-requests': '99', 'set-cookie': 'upstream_session=secret' };
    const json = (status, data) => { res.writeHead(status, { 'content-type': 'application/json', ...providerHeaders }); res.end(JSON.stringify(data)); };
    if (req.url === '/v1/embeddings') {
      const inputs = Array.isArray(body.input) ? body.input : [body.input];
      json(200, { object: 'list', model: body.model,
        data: inputs.map((_, index) => ({ object: 'embedding', index, embedding: [0.1, 0.2, 0.3] })),
        usage: { prompt_tokens: 5, total_tokens: 5 } });
      return;
    }
    if (req.url !== '/v1/chat/completions') { json(404, { error: { message: 'no such path', type: 'invalid_request_error' } }); return; }
    const model = body.model;
    if (model === 'fake-500') { json(500, { error: { message: 'the fake upstream is broken', type: 'server_error', code: null } }); return; }
    if (model === 'fake-400') { json(400, { error: { message: 'bad temperature', type: 'invalid_request_error', param: 'temperature', code: null } }); return; }
    if (model === 'fake-hang') return;  // never answers
    // Some providers quote the key they were sent in their error message.
    if (model === 'fake-echo-key') { json(401, { error: { message: `Incorrect API key provided: ${req.headers.authorization}`, type: 'invalid_request_error', code: 'invalid_api_key' } }); return; }
    if (model === 'fake-flaky' && seen.hits[model] === 1) { json(503, { error: { message: 'try again', type: 'server_error' } }); return; }
    if (model === 'fake-429') { res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '7' }); res.end(JSON.stringify({ error: { message: 'slow down', type: 'rate_limit_error' } })); return; }
    if (body.stream) { await stream(res, req, body); return; }
    if (model === 'fake-tools') { json(200, completion(model, { role: 'assistant', content: null, tool_calls: [toolCall] })); return; }
    const format = body.response_format ? ` format=${body.response_format.type}` : '';
    json(200, completion(model, { role: 'assistant', content: `Hello from ${model}${format}` }));
  });
};
const tls = process.argv.indexOf('--tls');
const server = tls > 0
  ? https.createServer({ cert: fs.readFileSync(process.argv[tls + 1]), key: fs.readFileSync(process.argv[tls + 2]) }, handler)
  : http.createServer(handler);
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ port: server.address().port }) + '\n');
});
