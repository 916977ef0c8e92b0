import { describe, expect, it } from "vitest";
import { EMPTY_CHAT_ANSWER } from "../api/chatStream";
import { ApiError } from "../api/errors";
import { describeSideError, formatUsage, IDLE_SIDE, sideEnded, sideThrew, STREAMING_SIDE } from "./playgroundSide";

describe("playground side", () => {
  it("ends done with its latency and starts grading", () => {
    const answer = { ...EMPTY_CHAT_ANSWER, content: "Hi", done: true };
    expect(sideEnded(answer, 412)).toEqual({ ...IDLE_SIDE, phase: "done", answer, latencyMs: 412, grade: { phase: "grading" } });
  });

  it("ends failed, not graded, when the stream carried an error event", () => {
    const answer = { ...EMPTY_CHAT_ANSWER, content: "Par", error: "upstream timed out" };
    expect(sideEnded(answer, 90)).toMatchObject({ phase: "failed", error: "upstream timed out", grade: { phase: "none" }, answer: { content: "Par" } });
  });

  it("keeps the text so far when stopped", () => {
    const streaming = { ...STREAMING_SIDE, answer: { ...EMPTY_CHAT_ANSWER, content: "Half an ans" } };
    expect(sideThrew(streaming, new DOMException("The operation was aborted.", "AbortError"))).toMatchObject({ phase: "stopped", answer: { content: "Half an ans" } });
  });

  it("says the HTTP status and the OpenAI error's message when refused", () => {
    const refused = sideThrew(STREAMING_SIDE, new ApiError(404, "model_not_found", "The model `nope` does not exist"));
    expect(refused).toMatchObject({ phase: "failed", error: "HTTP 404 · The model `nope` does not exist" });
    expect(describeSideError(new TypeError("Failed to fetch"))).toMatch(/could not be reached/);
  });

  it("writes the usage as tokens in and out", () => {
    expect(formatUsage({ usage: { prompt_tokens: 1200, completion_tokens: 35 } })).toBe("1,200 in / 35 out");
    expect(formatUsage({ usage: null })).toBe("—");
  });
});
