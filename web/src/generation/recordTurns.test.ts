import { describe, expect, it } from "vitest";
import { recordTurns } from "./recordTurns";

describe("a generated record's turns", () => {
  it("sets the system prompt aside and marks the assistant's closing answer", () => {
    const turns = recordTurns({
      messages: [
        { role: "system", content: "Route the request." },
        { role: "user", content: "how long do i boil an egg" },
        { role: "assistant", content: "cook_time" },
      ],
    });
    expect(turns?.system?.text).toBe("Route the request.");
    expect(turns?.turns.map((turn) => turn.text)).toEqual(["how long do i boil an egg"]);
    expect(turns?.answer?.text).toBe("cook_time");
  });

  it("has no answer when the record ends with the user or a tool call", () => {
    expect(recordTurns({ messages: [{ role: "user", content: "hi" }] })?.answer).toBeNull();
    const called = recordTurns({
      messages: [
        { role: "user", content: "weather?" },
        { role: "assistant", content: null, tool_calls: [{ id: "c1", type: "function", function: { name: "get_weather", arguments: "{}" } }] },
      ],
    });
    expect(called?.answer).toBeNull();
    expect(called?.turns).toHaveLength(2);
    expect(called?.toolNames.get("c1")).toBe("get_weather");
  });

  it("is null for a record that is not a conversation", () => {
    expect(recordTurns(null)).toBeNull();
    expect(recordTurns({ prompt: "x" } as { messages?: unknown[] })).toBeNull();
  });
});
