import { describe, expect, it } from "vitest";
import type { GatewayStatus } from "../api/tracesTypes";
import { DEFAULT_BASE_MODEL } from "./baseModel";
import { matchingProvider, modelNamesFor, startingFields, withProvider } from "./gatewayProviders";

const status: GatewayStatus = {
  providers: [
    { name: "openai", base_url: "https://api.openai.com/v1", api_key_env: "OPENAI_API_KEY", api_key_set: true },
    { name: "local", base_url: "http://127.0.0.1:8000/v1", api_key_env: "", api_key_set: false },
  ],
  models: [
    { name: "support-bot", provider: "local", upstream_model: "qwen2.5-7b", fallbacks: [] },
    { name: "qwen2.5-7b", provider: "local", upstream_model: "", fallbacks: [] },
    { name: "gpt-4o-mini", provider: "openai", upstream_model: "gpt-4o-mini", fallbacks: [] },
  ],
  default_provider: "local",
  traces: { accepted: 0, written: 0, dropped: 0, failed: 0, queued: 0, queue_capacity: 1 },
};

describe("gateway providers for the base model", () => {
  it("starts an untouched form on the gateway's default provider", () => {
    const fields = startingFields({ ...DEFAULT_BASE_MODEL, samples: "300" }, status);
    expect(fields).toEqual({ model: "gpt-4o-mini", baseUrl: "http://127.0.0.1:8000/v1", apiKeyEnv: "", samples: "300" });
  });

  it("keeps what a person typed or saved", () => {
    const typed = { model: "m", baseUrl: "https://example.test/v1", apiKeyEnv: "EXAMPLE_KEY" };
    expect(startingFields(typed, status)).toBe(typed);
    expect(startingFields(DEFAULT_BASE_MODEL, { ...status, default_provider: "gone" })).toBe(DEFAULT_BASE_MODEL);
  });

  it("recognises the provider the fields point at, a trailing slash aside", () => {
    expect(matchingProvider({ model: "x", baseUrl: "http://127.0.0.1:8000/v1/", apiKeyEnv: "" }, status.providers)?.name).toBe("local");
    expect(matchingProvider({ model: "x", baseUrl: "http://127.0.0.1:8000/v1", apiKeyEnv: "OTHER" }, status.providers)).toBeUndefined();
    expect(withProvider({ model: "x", baseUrl: "", apiKeyEnv: "" }, status.providers[0]!)).toEqual({ model: "x", baseUrl: "https://api.openai.com/v1", apiKeyEnv: "OPENAI_API_KEY" });
  });

  it("offers the models the gateway routes to that provider, by the provider's names", () => {
    expect(modelNamesFor(status.providers[1], status)).toEqual(["qwen2.5-7b"]);
    expect(modelNamesFor(undefined, status)).toEqual([]);
  });
});
