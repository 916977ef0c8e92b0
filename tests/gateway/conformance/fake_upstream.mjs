// A local upstream for the gateway's tests: OpenAI Chat Completions and embeddings, and native
// OpenAI Responses (POST /v1/responses) and Anthropic Messages (POST /v1/messages). What it does
// depends on the model asked for and, for agents, on the conversation: with tools and no tool
// result yet it calls a tool, otherwise it answers with text (naming the tool result when there
// is one). It remembers what it saw (GET /__seen: bodies and the auth headers) so tests can check
// what the gateway forwarded. A conversation that says FAIL-MIDWAY gets a stream that fails after
// its first delta (the protocol's error event), one that says CUT-OFF a stream whose connection is
// dropped there. Usage: node fake_upstream.mjs [--tls CERT KEY] -> prints {"port": N}.
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

// The text an answer quotes a tool result with: tests look for it downstream.
const toolResultText = (result) => `The tool said: ${result}`;
const textOf = (content) => (typeof content === 'string' ? content
  : Array.isArray(content) ? content.map((part) => part?.text ?? (typeof part?.content === 'string' ? part.content : '')).join('') : '');

// A chat agent ('fake-agent'): a tool call while it has tools and the last message is not a tool
// result; text otherwise, quoting the tool result when the last message is one.
function chatAgentTurn(body) {
  const messages = Array.isArray(body.messages) ? body.messages : [];
  const last = messages.at(-1);
  const tools = Array.isArray(body.tools) ? body.tools : [];
  if (tools.length > 0 && last?.role !== 'tool') {
    return { call: { ...toolCall, function: { ...toolCall.function, name: tools[0].function?.name ?? 'get_weather' } } };
  }
  return { text: last?.role === 'tool' ? toolResultText(textOf(last.content)) : `Hello from ${body.model}` };
}

function chunk(model, delta, finish = null) {
  return { id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1700000000, model,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }] };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// What a stream does after its first delta: 'fail' (an error event), 'cut' (the connection
// dropped) or nothing, from markers in the conversation.
function streamFault(conversation) {
  const text = JSON.stringify(conversation ?? '');
  return text.includes('FAIL-MIDWAY') ? 'fail' : text.includes('CUT-OFF') ? 'cut' : null;
}

async function stream(res, req, body) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const model = body.model;
  // 'fake-split-events': every event arrives in two writes 60 ms apart (a network or a proxy's
  // buffering can cut an event anywhere), so the gateway reads half an event at a time.
  let writing = Promise.resolve();
  const send = (data) => {
    const text = `data: ${JSON.stringify(data)}\n\n`;
    if (model !== 'fake-split-events') { res.write(text); return; }
    const half = Math.floor(text.length / 2);
    writing = writing.then(async () => { res.write(text.slice(0, half)); await sleep(60); res.write(text.slice(half)); });
  };
  let open = true;
  // res, not req: a request 'closes' as soon as its body has been read.
  res.on('close', () => { if (!res.writableEnded) { open = false; seen.closedEarly++; } });
  if (model === 'fake-endless') {
    send(chunk(model, { role: 'assistant', content: '' }));
    for (let i = 0; open && i < 2000; i++) { send(chunk(model, { content: `tick ${i} ` })); await sleep(50); }
    if (open) res.end('data: [DONE]\n\n');
    return;
  }
  const agent = model === 'fake-agent' ? chatAgentTurn(body) : null;
  send(chunk(model, { role: 'assistant', content: '' }));
  await sleep(150);
  if (model === 'fake-tools' || agent?.call) {
    const name = agent?.call.function.name ?? 'get_weather';
    send(chunk(model, { tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name, arguments: '' } }] }));
    await sleep(150);
    send(chunk(model, { tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }));
    await sleep(150);
    send(chunk(model, { tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }] }));
    send(chunk(model, {}, 'tool_calls'));
  } else {
    const pieces = agent && agent.text.startsWith('The tool said') ? agent.text.split(/(?= )/) : ['Hello', ' from', ' the', ' stream'];
    const fault = streamFault(body.messages);
    for (const piece of pieces) {
      send(chunk(model, { content: piece }));
      await sleep(150);
      if (fault === 'fail') { res.end(`data: ${JSON.stringify({ error: { message: 'chat overloaded midway', type: 'server_error' } })}\n\n`); return; }
      if (fault === 'cut') { res.destroy(); return; }
    }
    send(chunk(model, {}, 'stop'));
  }
  if (body.stream_options && body.stream_options.include_usage) {
    send({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1700000000, model, choices: [],
      usage: { prompt_tokens: 11, completion_tokens: 4, total_tokens: 15 } });
  }
  await writing;
  res.end('data: [DONE]\n\n');
}

// Server-sent events with an `event:` line, as the Responses and Messages APIs send them.
function eventStream(res, providerHeaders) {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...providerHeaders });
  return (type, data) => res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
}

// POST /v1/responses, as OpenAI answers it: a function_call while the request has tools and no
// function_call_output, a message otherwise. Streamed as Responses' semantic events.
async function responsesApi(req, res, body, providerHeaders) {
  const n = seen.requests.length;
  const input = Array.isArray(body.input) ? body.input : [];
  const output = input.findLast((item) => item?.type === 'function_call_output');
  const tools = Array.isArray(body.tools) ? body.tools : [];
  const id = `resp_fake_${n}`;
  const usage = { input_tokens: 12, input_tokens_details: { cached_tokens: 0 }, output_tokens: 6,
    output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 18 };
  const response = (status, items, withUsage) => ({
    id, object: 'response', created_at: 1700000000, status, model: body.model, output: items,
    usage: withUsage ? usage : null, error: null, incomplete_details: null,
    instructions: body.instructions ?? null, tools, tool_choice: body.tool_choice ?? 'auto',
    parallel_tool_calls: true, previous_response_id: body.previous_response_id ?? null,
    metadata: body.metadata ?? {}, temperature: 1, top_p: 1, text: { format: { type: 'text' } },
  });
  let item;
  if (tools.length > 0 && !output) {
    item = { id: `fc_fake_${n}`, type: 'function_call', status: 'completed', call_id: `call_fake_${n}`,
      name: tools[0].name ?? 'get_weather', arguments: '{"city":"Paris"}' };
  } else {
    const text = output ? toolResultText(textOf(output.output)) : `Hello from ${body.model} (responses)`;
    item = { id: `msg_fake_${n}`, type: 'message', status: 'completed', role: 'assistant',
      content: [{ type: 'output_text', text, annotations: [], logprobs: [] }] };
  }
  if (!body.stream) {
    res.writeHead(200, { 'content-type': 'application/json', ...providerHeaders });
    res.end(JSON.stringify(response('completed', [item], true)));
    return;
  }
  const send = eventStream(res, providerHeaders);
  let sequence = 0;
  const emit = (type, data) => send(type, { ...data, sequence_number: sequence++ });
  emit('response.created', { response: response('in_progress', [], false) });
  emit('response.in_progress', { response: response('in_progress', [], false) });
  await sleep(100);
  if (item.type === 'function_call') {
    emit('response.output_item.added', { output_index: 0, item: { ...item, status: 'in_progress', arguments: '' } });
    for (const delta of ['{"city":', '"Paris"}']) {
      emit('response.function_call_arguments.delta', { item_id: item.id, output_index: 0, delta });
      await sleep(100);
    }
    emit('response.function_call_arguments.done', { item_id: item.id, output_index: 0, arguments: item.arguments });
  } else {
    const text = item.content[0].text;
    emit('response.output_item.added', { output_index: 0, item: { ...item, status: 'in_progress', content: [] } });
    emit('response.content_part.added', { item_id: item.id, output_index: 0, content_index: 0,
      part: { type: 'output_text', text: '', annotations: [], logprobs: [] } });
    const fault = streamFault(body.input);
    for (const delta of text.split(/(?= )/)) {
      emit('response.output_text.delta', { item_id: item.id, output_index: 0, content_index: 0, delta, logprobs: [] });
      await sleep(100);
      if (fault === 'fail') {
        emit('response.failed', { response: { ...response('failed', [], false), error: { code: 'server_error', message: 'responses overloaded midway' } } });
        res.end();
        return;
      }
      if (fault === 'cut') { res.destroy(); return; }
    }
    emit('response.output_text.done', { item_id: item.id, output_index: 0, content_index: 0, text, logprobs: [] });
    emit('response.content_part.done', { item_id: item.id, output_index: 0, content_index: 0, part: item.content[0] });
  }
  emit('response.output_item.done', { output_index: 0, item });
  emit('response.completed', { response: response('completed', [item], true) });
  res.end();
}

// POST /v1/messages, as Anthropic answers it: a tool_use block while the request has tools and
// no tool_result yet, text otherwise. Streamed as Anthropic's events.
async function messagesApi(req, res, body, providerHeaders) {
  const n = seen.requests.length;
  const messages = Array.isArray(body.messages) ? body.messages : [];
  const last = messages.at(-1);
  const result = last?.role === 'user' && Array.isArray(last.content)
    ? last.content.findLast((block) => block?.type === 'tool_result') : undefined;
  const tools = Array.isArray(body.tools) ? body.tools : [];
  let block;
  if (tools.length > 0 && !result) {
    block = { type: 'tool_use', id: `toolu_fake_${n}`, name: tools[0].name ?? 'get_weather', input: { city: 'Paris' } };
  } else {
    block = { type: 'text', text: result ? toolResultText(textOf(result.content)) : `Hello from ${body.model} (anthropic)` };
  }
  const stopReason = block.type === 'tool_use' ? 'tool_use' : 'end_turn';
  const message = { id: `msg_fake_${n}`, type: 'message', role: 'assistant', model: body.model,
    content: [block], stop_reason: stopReason, stop_sequence: null, usage: { input_tokens: 10, output_tokens: 5 } };
  if (!body.stream) {
    res.writeHead(200, { 'content-type': 'application/json', ...providerHeaders });
    res.end(JSON.stringify(message));
    return;
  }
  const send = eventStream(res, providerHeaders);
  send('message_start', { message: { ...message, content: [], stop_reason: null, usage: { input_tokens: 10, output_tokens: 1 } } });
  send('ping', {});
  await sleep(100);
  if (block.type === 'tool_use') {
    send('content_block_start', { index: 0, content_block: { ...block, input: {} } });
    for (const partial_json of ['{"city":', '"Paris"}']) {
      send('content_block_delta', { index: 0, delta: { type: 'input_json_delta', partial_json } });
      await sleep(100);
    }
  } else {
    send('content_block_start', { index: 0, content_block: { type: 'text', text: '' } });
    const fault = streamFault(body.messages);
    for (const text of block.text.split(/(?= )/)) {
      send('content_block_delta', { index: 0, delta: { type: 'text_delta', text } });
      await sleep(100);
      if (fault === 'fail') {
        send('error', { error: { type: 'overloaded_error', message: 'anthropic overloaded midway' } });
        res.end();
        return;
      }
      if (fault === 'cut') { res.destroy(); return; }
    }
  }
  send('content_block_stop', { index: 0 });
  send('message_delta', { delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: 5 } });
  send('message_stop', {});
  res.end();
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
    seen.requests.push({ url: req.url, body: raw.slice(0, 16000), headers: {
      authorization: req.headers.authorization ?? null,
      'x-api-key': req.headers['x-api-key'] ?? null,
      'anthropic-version': req.headers['anthropic-version'] ?? null,
      'anthropic-beta': req.headers['anthropic-beta'] ?? null,
    } });
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
    if (req.url === '/v1/responses') { await responsesApi(req, res, body, providerHeaders); return; }
    if (req.url === '/v1/messages') { await messagesApi(req, res, body, providerHeaders); return; }
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
    if (model === 'fake-agent') {
      const turn = chatAgentTurn(body);
      json(200, completion(model, turn.call ? { role: 'assistant', content: null, tool_calls: [turn.call] } : { role: 'assistant', content: turn.text }));
      return;
    }
    // A provider whose keep-alive lasts a moment: it closes the connection soon after answering.
    if (model === 'fake-closes-idle') res.on('finish', () => setTimeout(() => req.socket.destroy(), 30));
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
