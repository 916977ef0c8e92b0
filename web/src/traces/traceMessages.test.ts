import { describe, expect, it } from "vitest";
import { contentText, declaredTools, prettyJson, requestMessages, responseMessage, traceConversation } from "./traceMessages";

describe("trace messages", () => {
  it("reads the request's messages with text parts and tool calls", () => {
    const request = {
      model: "m",
      messages: [
        { role: "system", content: "be brief" },
        { role: "user", content: [{ type: "text", text: "what is in" }, { type: "image_url", image_url: { url: "x" } }] },
        { role: "assistant", content: null, tool_calls: [{ id: "c1", type: "function", function: { name: "lookup", arguments: '{"q":"x"}' } }] },
        { role: "tool", tool_call_id: "c1", content: "42" },
      ],
      tools: [{ type: "function", function: { name: "lookup" } }],
    };
    const messages = requestMessages(request);
    expect(messages.map((message) => message.role)).toEqual(["system", "user", "assistant", "tool"]);
    expect(messages[1]!.text).toBe("what is in\n[image_url]");
    expect(messages[2]).toEqual({ role: "assistant", text: "", toolCalls: [{ id: "c1", name: "lookup", arguments: '{"q":"x"}' }] });
    expect(messages[3]).toEqual({ role: "tool", text: "42", toolCalls: [], toolCallId: "c1" });
    expect(declaredTools(request)).toEqual(["lookup"]);
  });

  it("reads the answer from the first choice, and none from an error body", () => {
    expect(responseMessage({ choices: [{ message: { role: "assistant", content: "Paris" } }] })).toEqual({ role: "assistant", text: "Paris", toolCalls: [] });
    expect(responseMessage({ error: { message: "rate limited" } })).toBeNull();
    expect(responseMessage(null)).toBeNull();
  });

  it("survives bodies that are not what a chat call sends", () => {
    expect(requestMessages("not json")).toEqual([]);
    expect(requestMessages({ input: "embed me" })).toEqual([]);
    expect(contentText({ odd: true })).toBe('{"odd":true}');
    expect(prettyJson("raw text")).toBe("raw text");
    expect(prettyJson({ a: 1 })).toBe('{\n  "a": 1\n}');
  });
});

describe("traceConversation", () => {
  const responsesCall = {
    status: 200,
    request: { model: "m", previous_response_id: "resp_1", input: [{ type: "function_call_output", call_id: "call_1", output: "12" }] },
    response: { object: "response", output: [{ type: "message", content: [{ type: "output_text", text: "12 °C" }] }] },
    conversation: {
      messages: [
        { role: "user", content: "Weather?" },
        { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: "{}" } }] },
        { role: "tool", tool_call_id: "call_1", content: "12" },
        { role: "assistant", content: "12 °C" },
      ],
      tools: [{ type: "function", function: { name: "get_weather" } }],
    },
  };

  it("reads a Responses or Messages call from the server's conversation, its answer last", () => {
    const view = traceConversation(responsesCall);
    expect(view.source).toBe("conversation");
    expect(view.messages.map((message) => message.role)).toEqual(["user", "assistant", "tool"]);
    expect(view.answer).toEqual({ role: "assistant", text: "12 °C", toolCalls: [] });
    expect(view.tools).toEqual(["get_weather"]);
  });

  it("gives a failed call no answer, keeping what it sent", () => {
    const failed = { ...responsesCall, status: 502, response: null, conversation: { messages: [{ role: "user", content: "Weather?" }] } };
    expect(traceConversation(failed)).toMatchObject({ source: "conversation", answer: null, tools: [] });
    expect(traceConversation(failed).messages).toHaveLength(1);
  });

  it("reads a chat call from its request and first choice", () => {
    const chat = { status: 200, request: { messages: [{ role: "user", content: "hi" }], tools: [{ type: "function", function: { name: "t" } }] }, response: { choices: [{ message: { role: "assistant", content: "hello" } }] } };
    expect(traceConversation({ ...chat, conversation: null })).toEqual({
      messages: [{ role: "user", text: "hi", toolCalls: [] }],
      answer: { role: "assistant", text: "hello", toolCalls: [] },
      tools: ["t"],
      source: "chat",
    });
  });

  it("finds no conversation in an embeddings call", () => {
    expect(traceConversation({ status: 200, request: { input: "embed me" }, response: { data: [] } })).toEqual({ messages: [], answer: null, tools: [], source: "none" });
  });
});
