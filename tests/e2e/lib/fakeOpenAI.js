// A local OpenAI-compatible upstream for the UI's end-to-end tests, in the test's own process.
// `reply(body)` decides the assistant message for each chat request (default: a fixed answer;
// it sees `body.model`, so two models can answer differently); streamed requests get that message
// as SSE chunks, `streamDelayMs` apart when given (so a page can be seen streaming), with the
// usage last when `stream_options.include_usage` asks. Embeddings are deterministic hashed
// bag-of-words vectors, so similar texts get similar vectors. Every request is kept in `requests`.
// `agentReply()` is a `reply` for agent specs: one tool round trip per conversation, then text.
// `generationReply()` is a `reply` for step 3's generation: it answers the server's requests for
// new records (response_format json_schema "generated_records") with records the spec writes.
import { createHash } from "node:crypto";
import { createServer } from "node:http";

const DIMENSIONS = 64;

function embed(text) {
  const vector = new Array(DIMENSIONS).fill(0);
  for (const word of String(text).toLowerCase().match(/[a-z0-9]+/g) ?? []) {
    const digest = createHash("sha256").update(word).digest();
    vector[digest[0] % DIMENSIONS] += digest[1] & 1 ? 1 : -1;
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((value) => value / norm);
}

function usageOf(body, message) {
  const prompt = JSON.stringify(body.messages ?? body.input ?? "").length >> 2;
  const completion = JSON.stringify(message ?? "").length >> 2;
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

function readBody(request) {
  return new Promise((resolve, reject) => {
    let text = "";
    request.setEncoding("utf8");
    request.on("data", (chunk) => (text += chunk));
    request.on("end", () => resolve(text));
    request.on("error", reject);
  });
}

function sendJson(response, status, value) {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(value));
}

async function streamMessage(response, model, message, usage, includeUsage, delayMs) {
  response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const base = { id: "chatcmpl-e2e", object: "chat.completion.chunk", created: 1700000000, model };
  const pause = () => (delayMs > 0 ? new Promise((resolve) => setTimeout(resolve, delayMs)) : undefined);
  const send = async (choices, extra = {}) => {
    response.write(`data: ${JSON.stringify({ ...base, choices, ...extra })}\n\n`);
    await pause();
  };
  await send([{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }]);
  for (const piece of String(message.content ?? "").match(/.{1,8}/gs) ?? []) await send([{ index: 0, delta: { content: piece }, finish_reason: null }]);
  for (const [index, call] of (message.tool_calls ?? []).entries()) {
    await send([{ index: 0, delta: { tool_calls: [{ index, id: call.id, type: "function", function: call.function }] }, finish_reason: null }]);
  }
  await send([{ index: 0, delta: {}, finish_reason: message.tool_calls ? "tool_calls" : "stop" }]);
  if (includeUsage) await send([], { usage });
  response.end("data: [DONE]\n\n");
}

function lastText(message) {
  const content = message?.content;
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((part) => part?.text ?? "").join(" ");
  return "";
}

/**
 * A `reply` that behaves like a tool-using agent's model: when the request declares tools, the
 * last message is the user's and no tool has answered yet in the conversation, it calls the first
 * tool with `toolArguments(body)` (a JSON string); otherwise it answers in text, `answer(body)`
 * (by default "Answer to: <the user's last words>", or what the tool said after a tool result).
 * Tool call ids are unique per fake, as a real model's are.
 */
export function agentReply({ toolArguments = () => "{}", answer } = {}) {
  let calls = 0;
  return (body) => {
    const messages = body.messages ?? [];
    const last = messages.at(-1);
    const toolAnswered = messages.some((message) => message.role === "tool");
    if (body.tools?.length && last?.role === "user" && !toolAnswered) {
      const name = body.tools[0].function?.name ?? "tool";
      return { content: null, tool_calls: [{ id: `call_e2e_${++calls}`, type: "function", function: { name, arguments: toolArguments(body) } }] };
    }
    if (answer) return { content: answer(body) };
    return { content: last?.role === "tool" ? `The tool says ${lastText(last)}.` : `Answer to: ${lastText(last)}` };
  };
}

/**
 * What one of the server's generation calls asks for, or null for any other chat call: the topic
 * its system message names ("Topic of the records to write: <name>"), how many records ("Write N
 * new records") and the real records it shows as examples (`seeds`, each `{messages}` without the
 * shared system prompt; none for a topic without real records).
 */
export function generationAsk(body) {
  if (body.response_format?.json_schema?.name !== "generated_records") return null;
  const messages = body.messages ?? [];
  const system = lastText(messages.find((message) => message.role === "system"));
  const user = lastText(messages.find((message) => message.role === "user"));
  const topic = /Topic of the records to write: (.+)/.exec(system)?.[1]?.trim() ?? "";
  const count = Number(/Write (\d+) new records/.exec(system)?.[1] ?? 0);
  const examples = /^Real records of this topic, as examples of style and format:\n(.*)$/s.exec(user);
  return { topic, count, seeds: examples ? JSON.parse(examples[1]) : [] };
}

/**
 * A `reply` that answers a generation call with `{"records": write(ask)}` (`ask` as generationAsk
 * reads it; `write` answers a list of `{messages}`), and any other chat call with `otherwise(body)`.
 */
export function generationReply(write, otherwise = () => ({ content: "A fixed answer." })) {
  return async (body) => {
    const ask = generationAsk(body);
    if (!ask) return otherwise(body);
    return { content: JSON.stringify({ records: await write(ask) }) };
  };
}

/** Returns { baseUrl (with /v1), requests, close() }. */
export async function startFakeOpenAI({ reply = () => ({ role: "assistant", content: "A fixed answer." }), models = ["e2e-model"], streamDelayMs = 0 } = {}) {
  const requests = [];
  const server = createServer(async (request, response) => {
    const text = await readBody(request);
    const body = text ? JSON.parse(text) : {};
    requests.push({ method: request.method, path: request.url, body, authorization: request.headers.authorization });
    if (request.method === "GET" && request.url === "/v1/models") {
      sendJson(response, 200, { object: "list", data: models.map((id) => ({ id, object: "model", created: 1700000000, owned_by: "e2e" })) });
    } else if (request.method === "POST" && request.url === "/v1/embeddings") {
      const inputs = Array.isArray(body.input) ? body.input : [body.input];
      sendJson(response, 200, {
        object: "list",
        model: body.model,
        data: inputs.map((input, index) => ({ object: "embedding", index, embedding: embed(input) })),
        usage: { prompt_tokens: inputs.length, total_tokens: inputs.length },
      });
    } else if (request.method === "POST" && request.url === "/v1/chat/completions") {
      const message = { role: "assistant", ...(await reply(body)) };
      const usage = usageOf(body, message);
      if (body.stream) {
        await streamMessage(response, body.model, message, usage, body.stream_options?.include_usage, streamDelayMs);
      } else {
        sendJson(response, 200, {
          id: "chatcmpl-e2e",
          object: "chat.completion",
          created: 1700000000,
          model: body.model,
          choices: [{ index: 0, message, logprobs: null, finish_reason: message.tool_calls ? "tool_calls" : "stop" }],
          usage,
        });
      }
    } else {
      sendJson(response, 404, { error: { message: `no route ${request.method} ${request.url}`, type: "invalid_request_error" } });
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
