import { describe, expect, it } from "vitest";
import { buildPlaygroundSend, initialPlaygroundForm, nextRole, parseTools, type PlaygroundForm } from "./playgroundForm";

const MODELS = { baseModel: "gpt-4o-mini", tunedModel: "ft:gpt-4o-mini:acme::abc", tunedProvider: "" };
const form = (changes: Partial<PlaygroundForm> = {}): PlaygroundForm => ({
  ...initialPlaygroundForm(MODELS),
  messages: [
    { role: "system", content: "Route the request." },
    { role: "user", content: "Where is my card?" },
  ],
  ...changes,
});

const TOOL = { type: "function", function: { name: "lookup", parameters: { type: "object", properties: {} } } };

describe("buildPlaygroundSend", () => {
  it("sends the same conversation and options to both models, streamed with usage", () => {
    const built = buildPlaygroundSend(form({ toolsText: JSON.stringify([TOOL]), temperature: "0", maxTokens: "64" }));
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.send.base).toEqual({
      model: "gpt-4o-mini",
      messages: form().messages,
      tools: [TOOL],
      temperature: 0,
      max_tokens: 64,
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(built.send.tuned).toEqual({ ...built.send.base, model: "ft:gpt-4o-mini:acme::abc" });
    expect(built.send.tunedProvider).toBeUndefined();
  });

  it("keeps a reference answer for the grader, out of what the models are sent", () => {
    const built = buildPlaygroundSend(form({ reference: "card_arrival" }));
    expect(built.ok && built.send.reference).toBe("card_arrival");
    expect(JSON.stringify(built.ok && built.send.base)).not.toContain("card_arrival");
    const without = buildPlaygroundSend(form({ reference: "  " }));
    expect(without.ok && without.send.reference).toBeUndefined();
  });

  it("leaves tools out when there are none and names the tuned model's provider when given", () => {
    const built = buildPlaygroundSend(form({ tunedProvider: " gpu-box " }));
    expect(built.ok && built.send.base).not.toHaveProperty("tools");
    expect(built.ok && built.send.tunedProvider).toBe("gpu-box");
  });

  it("marks each empty message, and a conversation without a user message", () => {
    const built = buildPlaygroundSend(form({ messages: [{ role: "system", content: "" }, { role: "assistant", content: "Hi" }] }));
    expect(built).toEqual({ ok: false, errors: { messages: { 0: "Write this message or remove it." }, conversation: "The conversation needs a user message." } });
  });

  it.each([
    [{ temperature: "2.5" }, "temperature"],
    [{ temperature: "" }, "temperature"],
    [{ maxTokens: "0" }, "maxTokens"],
    [{ maxTokens: "12.5" }, "maxTokens"],
    [{ baseModel: "" }, "baseModel"],
    [{ tunedModel: "  " }, "tunedModel"],
    [{ toolsText: "{" }, "tools"],
  ])("refuses %o at its field", (change, field) => {
    const built = buildPlaygroundSend(form(change));
    expect(!built.ok && Object.keys(built.errors)).toEqual([field]);
  });
});

describe("parseTools", () => {
  it.each([
    ["", undefined],
    ["  ", undefined],
    ["[]", undefined],
    [JSON.stringify([TOOL]), [TOOL]],
  ])("reads %j", (text, tools) => {
    expect(parseTools(text)).toEqual({ ok: true, tools });
  });

  it.each([
    ["[{", /^Not JSON: /],
    ['{"type": "function"}', /a JSON array/],
    ['[{"type": "web_search"}]', /^Tool 1: "type" must be "function"/],
    [JSON.stringify([TOOL, { type: "function", function: {} }]), /^Tool 2: "function.name" is missing/],
    [JSON.stringify([{ type: "function", function: { name: "x", parameters: "none" } }]), /^Tool 1: "function.parameters"/],
  ])("says what is wrong with %s", (text, message) => {
    const parsed = parseTools(text);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toMatch(message);
  });
});

describe("nextRole", () => {
  it("alternates after the last message", () => {
    expect(nextRole([{ role: "user", content: "" }])).toBe("assistant");
    expect(nextRole([{ role: "assistant", content: "" }])).toBe("user");
    expect(nextRole([])).toBe("user");
  });
});
