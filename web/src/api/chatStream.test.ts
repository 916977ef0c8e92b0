import { describe, expect, it } from "vitest";
import { applyChatStreamData, chatAnswerFromCompletion, createSseDataReader, EMPTY_CHAT_ANSWER, type ChatAnswer } from "./chatStream";

/** Every event's data from the text cut into reads at the given sizes. */
function readInPieces(text: string, size: number): string[] {
  const reader = createSseDataReader();
  const events: string[] = [];
  for (let at = 0; at < text.length; at += size) events.push(...reader.push(text.slice(at, at + size)));
  return [...events, ...reader.end()];
}

function answerOf(events: string[]): ChatAnswer {
  return events.reduce(applyChatStreamData, EMPTY_CHAT_ANSWER);
}

const chunk = (delta: object, extra: object = {}) => JSON.stringify({ model: "e2e-tuned", choices: [{ index: 0, delta, finish_reason: null }], ...extra });

const STREAM = [
  `data: ${chunk({ role: "assistant", content: "" })}`,
  `data: ${chunk({ content: "Hel" })}`,
  `data: ${chunk({ content: "lo" })}`,
  `data: ${JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: "stop" }] })}`,
  `data: ${JSON.stringify({ choices: [], usage: { prompt_tokens: 12, completion_tokens: 2, total_tokens: 14 } })}`,
  "data: [DONE]",
]
  .map((line) => line + "\n\n")
  .join("");

describe("createSseDataReader", () => {
  it.each([1, 2, 3, 7, 64, STREAM.length])("gives the same events whatever the reads' size (%i)", (size) => {
    expect(readInPieces(STREAM, size)).toEqual(readInPieces(STREAM, STREAM.length));
    expect(readInPieces(STREAM, size)).toHaveLength(6);
  });

  it("takes \\r\\n and \\r line endings, a \\r\\n split across two reads included", () => {
    const reader = createSseDataReader();
    expect(reader.push("data: one\r")).toEqual([]);
    expect(reader.push("\n\r\ndata: two\r\r")).toEqual(["one"]);
    // The last "\r" may still be half of a "\r\n": the blank line it ends is known at the next read.
    expect(reader.push("\n")).toEqual(["two"]);
  });

  it("joins an event's data lines with a newline and skips comments and other fields", () => {
    expect(readInPieces(": keep-alive\n\nevent: message\nid: 3\ndata: {\"a\":\ndata:1}\n\n", 5)).toEqual(['{"a":\n1}']);
  });

  it("hands over an event the stream ended inside, without its blank line", () => {
    expect(readInPieces("data: [DONE]", 4)).toEqual(["[DONE]"]);
    expect(readInPieces("", 4)).toEqual([]);
  });
});

describe("applyChatStreamData", () => {
  it("assembles the text, the finish reason, the usage of the last chunk and the end", () => {
    expect(answerOf(readInPieces(STREAM, 5))).toEqual({
      content: "Hello",
      toolCalls: [],
      usage: { prompt_tokens: 12, completion_tokens: 2, total_tokens: 14 },
      finishReason: "stop",
      model: "e2e-tuned",
      done: true,
      error: null,
    });
  });

  it("assembles tool calls from fragments by index: id and name first, arguments in pieces", () => {
    const answer = answerOf([
      chunk({ tool_calls: [{ index: 0, id: "call_a", type: "function", function: { name: "lookup", arguments: "" } }] }),
      chunk({ tool_calls: [{ index: 1, id: "call_b", type: "function", function: { name: "book", arguments: '{"day":' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"q":' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '"card"}' } }, { index: 1, function: { arguments: '"mon"}' } }] }),
    ]);
    expect(answer.toolCalls).toEqual([
      { id: "call_a", type: "function", function: { name: "lookup", arguments: '{"q":"card"}' } },
      { id: "call_b", type: "function", function: { name: "book", arguments: '{"day":"mon"}' } },
    ]);
  });

  it("keeps the index a stream gives even when one is skipped", () => {
    const answer = answerOf([chunk({ tool_calls: [{ index: 1, id: "call_b", function: { name: "book", arguments: "{}" } }] })]);
    expect(answer.toolCalls).toHaveLength(2);
    expect(answer.toolCalls[1]?.function.name).toBe("book");
  });

  it("reads an error event as the answer's error, keeping the text so far", () => {
    const answer = answerOf([chunk({ content: "Par" }), JSON.stringify({ error: { message: "upstream timed out", type: "server_error" } })]);
    expect(answer).toMatchObject({ content: "Par", error: "upstream timed out", done: false });
  });

  it("says so when an event is not JSON", () => {
    expect(applyChatStreamData(EMPTY_CHAT_ANSWER, "<html>").error).toMatch(/not JSON: <html>/);
  });

  it("ignores choices other than the first and a null content", () => {
    const answer = answerOf([JSON.stringify({ choices: [{ index: 1, delta: { content: "other" } }, { index: 0, delta: { content: null } }] })]);
    expect(answer.content).toBe("");
  });
});

describe("chatAnswerFromCompletion", () => {
  it("reads a completion that was not streamed", () => {
    const answer = chatAnswerFromCompletion({
      model: "base",
      choices: [{ message: { role: "assistant", content: "Hi" }, finish_reason: "stop" }],
      usage: { prompt_tokens: 3, completion_tokens: 1 },
    });
    expect(answer).toMatchObject({ content: "Hi", finishReason: "stop", usage: { prompt_tokens: 3, completion_tokens: 1 }, done: true });
  });
});
