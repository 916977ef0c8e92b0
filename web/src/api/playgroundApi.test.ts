import { describe, expect, it, vi } from "vitest";
import type { ChatAnswer } from "./chatStream";
import { createClient } from "./client";
import { ApiError } from "./errors";
import type { PlaygroundChatRequest } from "./playgroundTypes";

const REQUEST: PlaygroundChatRequest = {
  model: "e2e-tuned",
  messages: [{ role: "user", content: "Hi" }],
  temperature: 0.7,
  max_tokens: 256,
  stream: true,
  stream_options: { include_usage: true },
};

/** A client whose fetch answers with `respond()` and keeps what was sent. */
function clientAnswering(respond: (init: RequestInit) => Response) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetchImpl = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: String(input), init: init ?? {} });
    return respond(init ?? {});
  });
  return { calls, client: createClient({ getCsrfToken: () => "csrf-1", fetchImpl: fetchImpl as unknown as typeof fetch }) };
}

/** An SSE response that sends `pieces` as separate reads. */
function sse(pieces: string[]): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const piece of pieces) controller.enqueue(encoder.encode(piece));
      controller.close();
    },
  });
  return new Response(body, { status: 200, headers: { "Content-Type": "text/event-stream" } });
}

const delta = (content: string) => `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content } }] })}\n\n`;

describe("streamChat", () => {
  it("posts the body with the session's CSRF token and the direct route, and the provider when named", async () => {
    const { calls, client } = clientAnswering(() => sse(["data: [DONE]\n\n"]));
    await client.streamChat(REQUEST, { onUpdate: () => undefined });
    await client.streamChat(REQUEST, { provider: "gpu-box", onUpdate: () => undefined });
    expect(calls[0]!).toMatchObject({ url: "/v1/chat/completions", init: { method: "POST" } });
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual(REQUEST);
    expect(calls[0]!.init.headers).toMatchObject({ "X-CSRF-Token": "csrf-1", "x-reinforge-route": "direct" });
    expect(calls[0]!.init.headers).not.toHaveProperty("x-reinforge-provider");
    expect(calls[1]!.init.headers).toMatchObject({ "x-reinforge-provider": "gpu-box" });
  });

  it("reports the text as it arrives and resolves with the whole answer and its usage", async () => {
    const usage = `data: ${JSON.stringify({ choices: [], usage: { prompt_tokens: 9, completion_tokens: 3 } })}\n\n`;
    const { client } = clientAnswering(() => sse([delta("Hel").slice(0, 20), delta("Hel").slice(20), delta("lo"), usage, "data: [DONE]\n\n"]));
    const seen: string[] = [];
    const answer = await client.streamChat(REQUEST, { onUpdate: (update: ChatAnswer) => seen.push(update.content) });
    expect(seen).toContain("Hel");
    expect(answer).toMatchObject({ content: "Hello", usage: { prompt_tokens: 9, completion_tokens: 3 }, done: true });
  });

  it("rejects with the OpenAI error's message and the status", async () => {
    const { client } = clientAnswering(
      () => new Response(JSON.stringify({ error: { message: "The model `nope` does not exist", type: "invalid_request_error", code: "model_not_found" } }), { status: 404 }),
    );
    const error = await client.streamChat(REQUEST, { onUpdate: () => undefined }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 404, message: "The model `nope` does not exist" });
  });

  it("passes the abort signal to fetch", async () => {
    const controller = new AbortController();
    const { calls, client } = clientAnswering(() => sse(["data: [DONE]\n\n"]));
    await client.streamChat(REQUEST, { signal: controller.signal, onUpdate: () => undefined });
    expect(calls[0]!.init.signal).toBe(controller.signal);
  });

  it("reads a completion that was not streamed", async () => {
    const { client } = clientAnswering(
      () => new Response(JSON.stringify({ choices: [{ message: { content: "Whole" }, finish_reason: "stop" }] }), { status: 200, headers: { "Content-Type": "application/json" } }),
    );
    await expect(client.streamChat(REQUEST, { onUpdate: () => undefined })).resolves.toMatchObject({ content: "Whole", done: true });
  });
});

describe("gradePlaygroundOutput", () => {
  it("posts the conversation and the answer", async () => {
    const { calls, client } = clientAnswering(() => new Response(JSON.stringify({ score: 1, reason: "ok", error: null, grader_version: "sha256:ab" }), { status: 200 }));
    const request = { dataset_id: 5, messages: REQUEST.messages, output: { content: "Hello", tool_calls: [] } };
    await expect(client.gradePlaygroundOutput(request)).resolves.toMatchObject({ score: 1 });
    expect(calls[0]!.url).toBe("/api/playground/grade");
    expect(JSON.parse(String(calls[0]!.init.body))).toEqual(request);
  });
});
