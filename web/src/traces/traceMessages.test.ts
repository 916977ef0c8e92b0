import { describe, expect, it } from "vitest";
import { contentText, declaredTools, prettyJson, requestMessages, responseMessage } from "./traceMessages";

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
    expect(messages[2]).toEqual({ role: "assistant", text: "", toolCalls: [{ name: "lookup", arguments: '{"q":"x"}' }] });
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
