import { describe, expect, it } from "vitest";
import { buildDryRunRequest, DEFAULT_DRY_RUN_FORM, formFromRequest, loadDryRunForm, saveDryRunForm } from "./dryRunForm";

describe("dry-run request", () => {
  it("sends the base-model defaults with the key's variable name", () => {
    expect(buildDryRunRequest(DEFAULT_DRY_RUN_FORM)).toEqual({
      ok: true,
      request: {
        mode: "base_model",
        samples: 300,
        k: 1,
        concurrency: 32,
        model: "gpt-4o-mini",
        provider: { base_url: "https://api.openai.com/v1", api_key_env: "OPENAI_API_KEY" },
        sampling: { temperature: 1 },
      },
    });
  });
  it("sends 0 samples for all records", () => {
    const result = buildDryRunRequest({ ...DEFAULT_DRY_RUN_FORM, samples: "all" });
    expect(result.ok && result.request.samples).toBe(0);
  });
  it("needs no provider to grade the reference answers", () => {
    expect(buildDryRunRequest({ ...DEFAULT_DRY_RUN_FORM, mode: "reference", model: "", baseUrl: "", apiKeyEnv: "" })).toEqual({
      ok: true,
      request: { mode: "reference", samples: 300 },
    });
  });
  it("refuses a pasted key where the variable's name belongs", () => {
    for (const key of ["sk-proj-abc123", "sk-e2e", "AIzaSyD3xample", "a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6"]) {
      const result = buildDryRunRequest({ ...DEFAULT_DRY_RUN_FORM, apiKeyEnv: key });
      expect(result.ok, key).toBe(false);
      if (!result.ok) expect(result.errors.apiKeyEnv).toMatch(/NAME of the environment variable/);
    }
    expect(buildDryRunRequest({ ...DEFAULT_DRY_RUN_FORM, apiKeyEnv: "MY_VERY_LONG_PROVIDER_API_KEY_FOR_THE_STAGING_ENV" }).ok).toBe(true);
    expect(buildDryRunRequest({ ...DEFAULT_DRY_RUN_FORM, apiKeyEnv: "" }).ok).toBe(true); // a local upstream without a key
  });
  it("names each field that is wrong", () => {
    const result = buildDryRunRequest({ ...DEFAULT_DRY_RUN_FORM, samples: "0", k: "17", concurrency: "x", model: " ", baseUrl: "ftp://x", temperature: "3" });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors).sort()).toEqual(["baseUrl", "concurrency", "k", "model", "samples", "temperature"]);
  });
});

describe("remembered dry-run form", () => {
  const storage = () => {
    const items = new Map<string, string>();
    return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value) };
  };
  it("comes back as it was saved, per dataset", () => {
    const store = storage();
    saveDryRunForm(store, 3, { ...DEFAULT_DRY_RUN_FORM, mode: "reference", samples: "all" });
    expect(loadDryRunForm(store, 3)).toEqual({ ...DEFAULT_DRY_RUN_FORM, mode: "reference", samples: "all" });
    expect(loadDryRunForm(store, 4)).toEqual(DEFAULT_DRY_RUN_FORM);
  });
  it("starts from the last run's request where this browser kept no form, and sends it again", () => {
    const request = {
      mode: "base_model" as const,
      samples: 120,
      k: 2,
      concurrency: 8,
      model: "e2e-model",
      provider: { name: "fake", base_url: "http://127.0.0.1:9/v1", api_key_env: "FAKE_KEY" },
      sampling: { temperature: 0.7 },
      price: { input_per_million: 0.15, output_per_million: 0.6 },
    };
    const store = storage();
    const form = loadDryRunForm(store, 5, request);
    expect(form).toMatchObject({ samples: "120", k: "2", concurrency: "8", model: "e2e-model", baseUrl: "http://127.0.0.1:9/v1", apiKeyEnv: "FAKE_KEY", temperature: "0.7", inputPrice: "0.15", outputPrice: "0.6" });
    const again = buildDryRunRequest(form);
    expect(again.ok && again.request).toMatchObject({ samples: 120, k: 2, concurrency: 8, model: "e2e-model", provider: { base_url: "http://127.0.0.1:9/v1", api_key_env: "FAKE_KEY" }, sampling: { temperature: 0.7 } });
    // What this browser sent last wins; a reference run comes back as one, every sample.
    saveDryRunForm(store, 5, { ...DEFAULT_DRY_RUN_FORM, model: "mine" });
    expect(loadDryRunForm(store, 5, request).model).toBe("mine");
    expect(formFromRequest({ mode: "reference", samples: 0 })).toEqual({ ...DEFAULT_DRY_RUN_FORM, mode: "reference", samples: "all" });
  });
  it("falls back to the defaults for anything broken", () => {
    const store = storage();
    store.setItem("reinforge.dryRunForm.1", "{not json");
    expect(loadDryRunForm(store, 1)).toEqual(DEFAULT_DRY_RUN_FORM);
    store.setItem("reinforge.dryRunForm.2", JSON.stringify({ mode: "weird", k: 5, model: "m" }));
    expect(loadDryRunForm(store, 2)).toEqual({ ...DEFAULT_DRY_RUN_FORM, model: "m" });
  });
  it("sends the base model's price when both are given, and names one given alone", () => {
    const priced = buildDryRunRequest({ ...DEFAULT_DRY_RUN_FORM, inputPrice: "0.15", outputPrice: "0.6" });
    expect(priced.ok && priced.request.price).toEqual({ input_per_million: 0.15, output_per_million: 0.6 });
    const unpriced = buildDryRunRequest(DEFAULT_DRY_RUN_FORM);
    expect(unpriced.ok && "price" in unpriced.request).toBe(false);
    const half = buildDryRunRequest({ ...DEFAULT_DRY_RUN_FORM, inputPrice: "0.15" });
    expect(half.ok).toBe(false);
    if (!half.ok) expect(Object.keys(half.errors)).toEqual(["outputPrice"]);
  });
});
