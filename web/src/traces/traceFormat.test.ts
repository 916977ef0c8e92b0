import { describe, expect, it } from "vitest";
import { formatLatency, formatTokens, modelLabel, statusTone } from "./traceFormat";

describe("trace formats", () => {
  it("shows latency in ms below a second and in seconds above", () => {
    expect(formatLatency(0.42)).toBe("0.42 ms");
    expect(formatLatency(812.4)).toBe("812 ms");
    expect(formatLatency(1534)).toBe("1.53 s");
    expect(formatLatency(null)).toBe("—");
  });
  it("gives statuses a tone: 2xx good, a caller gone or rate limit warns, the rest bad", () => {
    expect(statusTone(200)).toBe("good");
    expect(statusTone(200, "the upstream stream broke: partial message")).toBe("warn");
    expect(statusTone(499)).toBe("warn");
    expect(statusTone(429)).toBe("warn");
    expect(statusTone(502)).toBe("bad");
    expect(statusTone(401)).toBe("bad");
  });
  it("totals tokens, and a dash when the upstream gave no usage", () => {
    expect(formatTokens({ prompt_tokens: 1000, completion_tokens: 234, total_tokens: 1234 })).toBe("1,234");
    expect(formatTokens({ prompt_tokens: 10, completion_tokens: 5, total_tokens: null })).toBe("15");
    expect(formatTokens({ prompt_tokens: null, completion_tokens: null, total_tokens: null })).toBe("—");
  });
  it("shows the model that answered when the gateway mapped the name", () => {
    expect(modelLabel({ model_requested: "team-model", model: "gpt-4o-mini" })).toBe("team-model → gpt-4o-mini");
    expect(modelLabel({ model_requested: "gpt-4o", model: "gpt-4o" })).toBe("gpt-4o");
  });
});
