import { describe, expect, it } from "vitest";
import { buildTrainingRequest, DEFAULT_MODEL, DEFAULT_TRAINING_FORM, hyperparametersOf, switchBackend, type TrainingFormState } from "./trainingForm";

const form = (changes: Partial<TrainingFormState> = {}): TrainingFormState => ({ ...DEFAULT_TRAINING_FORM, ...changes });
const external = (changes: Partial<TrainingFormState> = {}) => form({ ...switchBackend(DEFAULT_TRAINING_FORM, "external"), model: "Qwen/Qwen2.5-0.5B-Instruct", ...changes });
const errorsOf = (state: TrainingFormState) => {
  const built = buildTrainingRequest(state);
  return built.ok ? {} : built.errors;
};

describe("the start training form", () => {
  it("sends no hyperparameter left empty (the server fills its defaults), and no provider so the gateway's is used", () => {
    const built = buildTrainingRequest(form());
    expect(built).toEqual({
      ok: true,
      request: {
        backend: "openai",
        base_model: "o4-mini-2025-04-16",
        valid_share: 0.1,
        stratify: true,
        seed: 42,
        hyperparameters: {},
        confirm_caution: false,
        override_gate: false,
      },
    });
  });

  it("sends only the backend's hyperparameters that are set, and an external command when given", () => {
    const hyperparameters = { n_epochs: "3", group_size: "4", learning_rate: "2e-6", compute_multiplier: "2" };
    const built = buildTrainingRequest(external({ command: "  TRAINER_STEPS=20 node trainer.mjs ", suffix: "ignored", hyperparameters }));
    expect(built.ok && built.request).toMatchObject({
      backend: "external",
      base_model: "Qwen/Qwen2.5-0.5B-Instruct",
      hyperparameters: { n_epochs: 3, group_size: 4, learning_rate: 2e-6 },
      command: "TRAINER_STEPS=20 node trainer.mjs",
    });
    expect(built.ok && "compute_multiplier" in built.request.hyperparameters).toBe(false);
    expect(built.ok && "suffix" in built.request).toBe(false);
    expect(built.ok && "provider" in built.request).toBe(false);
    expect(hyperparametersOf("external").map((spec) => spec.name)).toEqual(["n_epochs", "batch_size", "group_size", "learning_rate"]);
  });

  it("needs a base model", () => {
    expect(errorsOf(form({ model: "  " })).model).toMatch(/OpenAI model/);
    expect(errorsOf(external({ model: "" })).model).toMatch(/your trainer starts from/);
  });

  it("keeps the validation share within (0, 50] percent", () => {
    for (const bad of ["0", "-5", "51", "", "ten"]) expect(errorsOf(form({ validPercent: bad })).validPercent, bad).toBeDefined();
    const built = buildTrainingRequest(form({ validPercent: "50" }));
    expect(built.ok && built.request.valid_share).toBe(0.5);
    expect(errorsOf(form({ validPercent: "12.5" })).validPercent).toBeUndefined();
  });

  it("takes a whole seed", () => {
    expect(errorsOf(form({ seed: "1.5" })).seed).toBeDefined();
    expect(errorsOf(form({ seed: "" })).seed).toBeDefined();
    const built = buildTrainingRequest(form({ seed: "7", stratify: false }));
    expect(built.ok && built.request).toMatchObject({ seed: 7, stratify: false });
  });

  it("checks each hyperparameter by its kind and names the field at fault", () => {
    const hyper = (name: string, value: string) => ({ [name]: value });
    expect(errorsOf(form({ hyperparameters: hyper("n_epochs", "0") }))["hyperparameters.n_epochs"]).toBe("A whole number, at least 1, or auto.");
    expect(errorsOf(external({ hyperparameters: hyper("n_epochs", "0") }))["hyperparameters.n_epochs"]).toBe("A whole number, at least 1.");
    expect(errorsOf(form({ hyperparameters: hyper("batch_size", "2.5") }))["hyperparameters.batch_size"]).toMatch(/or auto/);
    expect(errorsOf(form({ hyperparameters: hyper("reasoning_effort", "max") }))["hyperparameters.reasoning_effort"]).toBe("One of default, low, medium, high.");
    expect(errorsOf(external({ hyperparameters: hyper("learning_rate", "-1") }))["hyperparameters.learning_rate"]).toBe("A number above 0, like 1e-6.");
    const built = buildTrainingRequest(form({ hyperparameters: hyper("batch_size", " 16 "), extraHyperparameters: "" }));
    expect(built.ok && built.request.hyperparameters).toEqual({ batch_size: 16 });
    const auto = buildTrainingRequest(form({ hyperparameters: hyper("learning_rate_multiplier", "AUTO") }));
    expect(auto.ok && auto.request.hyperparameters.learning_rate_multiplier).toBe("auto");
    const blank = buildTrainingRequest(form({ hyperparameters: hyper("n_epochs", "   ") }));
    expect(blank.ok && blank.request.hyperparameters).toEqual({});
  });

  it("takes auto only for OpenAI, whose numbers may be auto", () => {
    expect(errorsOf(external({ hyperparameters: { batch_size: "auto" } }))["hyperparameters.batch_size"]).toBe("A whole number, at least 1.");
    const built = buildTrainingRequest(form({ hyperparameters: { n_epochs: "auto", batch_size: "auto" } }));
    expect(built.ok && built.request.hyperparameters).toEqual({ n_epochs: "auto", batch_size: "auto" });
  });

  it("passes other hyperparameters through from a JSON object", () => {
    const built = buildTrainingRequest(external({ extraHyperparameters: '{"kl_coef": 0.05, "scheduler": "cosine"}' }));
    expect(built.ok && built.request.hyperparameters).toEqual({ kl_coef: 0.05, scheduler: "cosine" });
    expect(errorsOf(external({ extraHyperparameters: "[1]" })).extraHyperparameters).toMatch(/JSON object/);
    expect(errorsOf(external({ extraHyperparameters: "{kl: 1}" })).extraHyperparameters).toMatch(/JSON object/);
    expect(errorsOf(external({ extraHyperparameters: '{"n_epochs": 3}' })).extraHyperparameters).toBe("n_epochs has its own field above.");
    expect(errorsOf(external({ extraHyperparameters: '{"layers": [1]}' })).extraHyperparameters).toMatch(/^layers:/);
  });

  it("sends an openai provider when one is named, checked as the dry run checks it", () => {
    const built = buildTrainingRequest(form({ baseUrl: "https://example.openai.azure.com/v1", apiKeyEnv: "AZURE_KEY", suffix: " support-v1 " }));
    expect(built.ok && built.request).toMatchObject({ provider: { base_url: "https://example.openai.azure.com/v1", api_key_env: "AZURE_KEY" }, suffix: "support-v1" });
    expect(errorsOf(form({ baseUrl: "ftp://x", apiKeyEnv: "K" })).baseUrl).toBeDefined();
    expect(errorsOf(form({ baseUrl: "https://api.openai.com/v1", apiKeyEnv: "sk-proj-abcdefghijklmnopqrstuvwxyz123456" })).apiKeyEnv).toMatch(/looks like a key/);
    expect(errorsOf(form({ baseUrl: "https://api.openai.com/v1" })).apiKeyEnv).toMatch(/NAME/);
  });

  it("sends the person's confirmation and override as they are", () => {
    const built = buildTrainingRequest(form({ confirmCaution: true, overrideGate: true }));
    expect(built.ok && built.request).toMatchObject({ confirm_caution: true, override_gate: true });
  });

  it("swaps a default model when the backend changes, and keeps one the person typed", () => {
    expect(switchBackend(DEFAULT_TRAINING_FORM, "external").model).toBe(DEFAULT_MODEL.external);
    expect(switchBackend({ ...DEFAULT_TRAINING_FORM, backend: "external", model: "" }, "openai").model).toBe(DEFAULT_MODEL.openai);
    expect(switchBackend({ ...DEFAULT_TRAINING_FORM, model: "ft-base" }, "external").model).toBe("ft-base");
  });
});
