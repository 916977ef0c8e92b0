import { describe, expect, it } from "vitest";
import { shellQuote, TOKEN_PLACEHOLDER, trainerSnippet, trainerVariables } from "./trainerSnippet";

const run = {
  id: 3,
  base_model: "Qwen/Qwen2.5-0.5B-Instruct",
  hyperparameters: { n_epochs: 2, batch_size: "auto" },
  endpoints: {
    run: "http://gpu-host:8080/trainer/runs/3",
    train: "http://gpu-host:8080/trainer/runs/3/split/train.jsonl",
    valid: "http://gpu-host:8080/trainer/runs/3/split/valid.jsonl",
    rewards: "http://gpu-host:8080/trainer/runs/3/rewards",
    metrics: "http://gpu-host:8080/trainer/runs/3/metrics",
  },
};

describe("connecting an external trainer", () => {
  it("names the variables a launched command gets, from the run's endpoints", () => {
    const variables = new Map(trainerVariables(run, "rft_secret"));
    expect(variables.get("REINFORGE_URL")).toBe("http://gpu-host:8080");
    expect(variables.get("REINFORGE_RUN_ID")).toBe("3");
    expect(variables.get("REINFORGE_RUN_TOKEN")).toBe("rft_secret");
    expect(variables.get("REINFORGE_REWARD_URL")).toBe(run.endpoints.rewards);
    expect(variables.get("REINFORGE_HYPERPARAMETERS")).toBe('{"n_epochs":2,"batch_size":"auto"}');
    expect(variables.get("REINFORGE_GATEWAY_URL")).toBe("http://gpu-host:8080/v1");
  });

  it("puts a placeholder where a token already shown would go", () => {
    expect(new Map(trainerVariables(run, null)).get("REINFORGE_RUN_TOKEN")).toBe(TOKEN_PLACEHOLDER);
  });

  it("has nothing to say for a run without endpoints", () => {
    expect(trainerVariables({ ...run, endpoints: null }, "rft_x")).toBeNull();
    expect(trainerSnippet({ ...run, endpoints: null }, "rft_x")).toBe("");
  });

  it("quotes values for the shell only where they need it", () => {
    expect(shellQuote("http://host:8080/a/b.jsonl")).toBe("http://host:8080/a/b.jsonl");
    expect(shellQuote('{"a":1}')).toBe(`'{"a":1}'`);
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });

  it("exports the variables, then shows the four calls of the protocol", () => {
    const snippet = trainerSnippet(run, "rft_secret");
    expect(snippet).toContain("export REINFORGE_RUN_TOKEN=rft_secret\n");
    expect(snippet).toContain(`export REINFORGE_HYPERPARAMETERS='{"n_epochs":2,"batch_size":"auto"}'`);
    expect(snippet).toContain('"$REINFORGE_TRAIN_URL" > train.jsonl');
    expect(snippet).toContain('"$REINFORGE_REWARD_URL"');
    expect(snippet).toMatch(/"result": \{"status": "succeeded"/);
  });
});
