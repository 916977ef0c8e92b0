import { describe, expect, it } from "vitest";
import type { TraceSummary } from "../api/tracesTypes";
import { clip, formatElapsed, newMessages, oldestFirst, sessionSummary, sessionTurns, summariseToolCall, summariseToolResult } from "./sessionTimeline";
import { messageView, type MessageView, type TraceConversationView } from "./traceMessages";

const m = (role: string, text: string, extra: Partial<MessageView> = {}): MessageView => ({ role, text, toolCalls: [], ...extra });
const system = m("system", "You are a travel agent.");
const ask = m("user", "Weather in Lyon?");
const callWeather = m("assistant", "", { toolCalls: [{ id: "call_1", name: "get_weather", arguments: '{"city":"Lyon"}' }] });
const result = m("tool", '{"temp":12}', { toolCallId: "call_1" });
const answer = m("assistant", "12 °C in Lyon.");
const thanks = m("user", "Thanks! Umbrella?");

const conv = (messages: MessageView[], reply: MessageView | null): TraceConversationView => ({ messages, answer: reply, tools: [], source: "chat" });

describe("newMessages", () => {
  it("shows everything for the session's first call", () => {
    expect(newMessages(null, [system, ask])).toEqual({ messages: [system, ask], dropped: 0 });
  });

  it("shows only what a resent, growing history adds", () => {
    const previous = [system, ask, callWeather];
    expect(newMessages(previous, [system, ask, callWeather, result])).toEqual({ messages: [result], dropped: 0 });
    expect(newMessages([system, ask, callWeather, result, answer], [system, ask, callWeather, result, answer, thanks]).messages).toEqual([thanks]);
  });

  it("matches messages on role, text, tool calls and ids, not on object identity or argument spacing", () => {
    const resent = [messageView({ role: "user", content: [{ type: "text", text: "Weather in Lyon?" }] }), m("assistant", "", { toolCalls: [{ id: "call_1", name: "get_weather", arguments: '{ "city": "Lyon" }' }] })];
    expect(newMessages([ask, callWeather], [...resent, result])).toEqual({ messages: [result], dropped: 0 });
    const otherId = m("assistant", "", { toolCalls: [{ id: "call_9", name: "get_weather", arguments: '{"city":"Lyon"}' }] });
    expect(newMessages([ask, callWeather], [ask, otherId]).messages).toEqual([otherId]);
  });

  it("sets instructions aside, as a Responses chain drops the earlier ones, but shows new instructions", () => {
    // Call 2 of a previous_response_id chain: the earlier instructions are not carried over.
    expect(newMessages([system, ask, callWeather], [ask, callWeather, result])).toEqual({ messages: [result], dropped: 0 });
    const changed = m("system", "Answer in French.");
    expect(newMessages([system, ask, callWeather], [changed, ask, callWeather, result]).messages).toEqual([changed, result]);
  });

  it("follows a sliding window that left the oldest turns out", () => {
    const earlier = [ask, callWeather, result, answer];
    expect(newMessages(earlier, [result, answer, thanks])).toEqual({ messages: [thanks], dropped: 2 });
  });

  it("shows what follows the common beginning when the history was edited", () => {
    const edited = m("user", "Weather in Paris?");
    expect(newMessages([ask, callWeather, result, answer], [ask, edited])).toEqual({ messages: [edited], dropped: 3 });
    expect(newMessages([ask, answer], [edited])).toEqual({ messages: [edited], dropped: 2 });
  });

  it("finds nothing new in a retry that resends the same messages", () => {
    expect(newMessages([ask], [ask])).toEqual({ messages: [], dropped: 0 });
  });
});

describe("sessionTurns", () => {
  it("compares each call with the last one that had a conversation, answer included", () => {
    const turns = sessionTurns([conv([system, ask], callWeather), null, conv([ask, callWeather, result], answer), conv([ask, callWeather, result, answer, thanks], answer)]);
    expect(turns[0]).toMatchObject({ sent: [system, ask], answer: callWeather, dropped: 0 });
    expect(turns[1]).toBeNull();
    expect(turns[2]).toMatchObject({ sent: [result], answer, dropped: 0 });
    expect(turns[2]!.toolNames.get("call_1")).toBe("get_weather");
    expect(turns[3]).toMatchObject({ sent: [thanks], answer });
  });

  it("waits for a call still loading before reading the calls after it", () => {
    expect(sessionTurns([conv([ask], answer), undefined, conv([ask, answer, thanks], answer)]).map((turn) => turn === null)).toEqual([false, true, true]);
  });

  it("keeps a failed call's messages so the retry shows only its answer", () => {
    const turns = sessionTurns([conv([ask], null), conv([ask], answer)]);
    expect(turns[0]).toMatchObject({ sent: [ask], answer: null });
    expect(turns[1]).toMatchObject({ sent: [], answer });
  });
});

describe("tool calls and results in one line", () => {
  it("names the arguments of a JSON object", () => {
    expect(summariseToolCall({ name: "get_weather", arguments: '{"city":"Lyon","days":2}' })).toBe('get_weather(city: "Lyon", days: 2)');
    expect(summariseToolCall({ name: "now", arguments: "" })).toBe("now()");
    expect(summariseToolCall({ name: "now", arguments: "{}" })).toBe("now()");
  });
  it("shows other arguments as written and cuts long ones", () => {
    expect(summariseToolCall({ name: "run", arguments: "ls -la" })).toBe("run(ls -la)");
    expect(summariseToolCall({ name: "sum", arguments: "[1,2]" })).toBe("sum([1,2])");
    const long = summariseToolCall({ name: "search", arguments: JSON.stringify({ query: "x".repeat(200) }) }, 40);
    expect(long.length).toBeLessThanOrEqual(40);
    expect(long).toMatch(/^search\(query: "x+…\)$/);
  });
  it("names a tool result by its call, or says tool", () => {
    expect(summariseToolResult(result, new Map([["call_1", "get_weather"]]))).toBe('get_weather → {"temp":12}');
    expect(summariseToolResult(result, new Map())).toBe('tool → {"temp":12}');
    expect(summariseToolResult(m("tool", ""), new Map())).toBe("tool → (empty)");
  });
  it("clips text to one line", () => {
    expect(clip("a\n  b", 10)).toBe("a b");
    expect(clip("abcdefghij", 5)).toBe("abcd…");
  });
});

const summary = (id: string, ms: number, extra: Partial<TraceSummary> = {}): TraceSummary => ({
  id,
  created_at: new Date(ms).toISOString(),
  created_at_ms: ms,
  endpoint: "responses",
  model_requested: "m",
  model: "m",
  provider: "p",
  stream: false,
  status: 200,
  error: null,
  latency_ms: 10,
  ttft_ms: null,
  attempts: 1,
  usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
  gateway_key_id: null,
  tags: [],
  preview: "",
  session_id: "ses_1",
  ...extra,
});

describe("a session's calls", () => {
  it("orders them oldest first, ties by id", () => {
    expect(oldestFirst([summary("c", 3), summary("b", 1), summary("a", 1)]).map((call) => call.id)).toEqual(["a", "b", "c"]);
  });
  it("sums them up", () => {
    const calls = [summary("a", 1000), summary("b", 4000, { status: 502, endpoint: "chat.completions", usage: { prompt_tokens: 7, completion_tokens: null, total_tokens: null } })];
    expect(sessionSummary(calls)).toEqual({ calls: 2, errors: 1, firstMs: 1000, lastMs: 4000, tokens: 22, endpoints: ["responses", "chat.completions"] });
    expect(sessionSummary([])).toMatchObject({ calls: 0, firstMs: null, tokens: 0 });
  });
  it("says the time since the first call", () => {
    expect(formatElapsed(0)).toBe("+0 ms");
    expect(formatElapsed(4200)).toBe("+4.2 s");
    expect(formatElapsed(185_000)).toBe("+3 min 5 s");
    expect(formatElapsed(7_500_000)).toBe("+2 h 5 min");
  });
});
