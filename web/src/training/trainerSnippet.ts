// What a person pastes to connect their own trainer to an external run: the REINFORGE_*
// variables a launched command gets (docs/training.md), then the protocol in four curl calls.
import type { TrainingRun } from "../api/trainingTypes";

/** Stands in for the token once it has been shown. */
export const TOKEN_PLACEHOLDER = "rft_…";

/** A value for a POSIX shell, in single quotes when it needs them. */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The variables, in the order docs/training.md lists them; null without endpoints (openai runs). */
export function trainerVariables(run: Pick<TrainingRun, "id" | "base_model" | "hyperparameters" | "endpoints">, token: string | null): [string, string][] | null {
  const endpoints = run.endpoints;
  if (!endpoints) return null;
  const origin = new URL(endpoints.run).origin;
  return [
    ["REINFORGE_URL", origin],
    ["REINFORGE_RUN_ID", String(run.id)],
    ["REINFORGE_RUN_TOKEN", token ?? TOKEN_PLACEHOLDER],
    ["REINFORGE_TRAIN_URL", endpoints.train],
    ["REINFORGE_VALID_URL", endpoints.valid],
    ["REINFORGE_REWARD_URL", endpoints.rewards],
    ["REINFORGE_METRICS_URL", endpoints.metrics],
    ["REINFORGE_BASE_MODEL", run.base_model],
    ["REINFORGE_HYPERPARAMETERS", JSON.stringify(run.hyperparameters)],
    ["REINFORGE_GATEWAY_URL", `${origin}/v1`],
  ];
}

export function trainerSnippet(run: Pick<TrainingRun, "id" | "base_model" | "hyperparameters" | "endpoints">, token: string | null): string {
  const variables = trainerVariables(run, token);
  if (!variables) return "";
  const auth = `-H "Authorization: Bearer $REINFORGE_RUN_TOKEN"`;
  const post = `${auth} -H "Content-Type: application/json"`;
  return [
    ...variables.map(([name, value]) => `export ${name}=${shellQuote(value)}`),
    "",
    "# The split, one JSON line per record (prompt, record_id, reference…)",
    `curl -s ${auth} "$REINFORGE_TRAIN_URL" > train.jsonl`,
    `curl -s ${auth} "$REINFORGE_VALID_URL" > valid.jsonl`,
    "# Score samples with the dataset's grader",
    `curl -s ${post} -d '{"samples": [{"record_id": "1", "output_text": "…"}]}' "$REINFORGE_REWARD_URL"`,
    "# Report progress, then the result",
    `curl -s ${post} -d '{"step": 1, "total_steps": 100, "train_reward_mean": 0.42}' "$REINFORGE_METRICS_URL"`,
    `curl -s ${post} -d '{"result": {"status": "succeeded", "fine_tuned_model": "my-model"}}' "$REINFORGE_METRICS_URL"`,
  ].join("\n");
}
