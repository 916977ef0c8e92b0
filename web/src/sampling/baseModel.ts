// The base model to sample, as the dry run (step 5) and the grader's test sample (step 4) ask for
// it: the model's name, the provider's base URL and the NAME of the environment variable that
// holds the key on the server, never the key.
import type { ProviderRef } from "../api/gradingTypes";

export interface BaseModelFields {
  model: string;
  baseUrl: string;
  apiKeyEnv: string;
}

export type BaseModelErrors = Partial<Record<keyof BaseModelFields, string>>;

export const DEFAULT_BASE_MODEL: BaseModelFields = {
  model: "gpt-4o-mini",
  baseUrl: "https://api.openai.com/v1",
  apiKeyEnv: "OPENAI_API_KEY",
};

/** What the request says about the model: its name and where to reach it. */
export interface BaseModelTarget {
  model: string;
  provider: ProviderRef;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
// What pasted keys look like (OpenAI, Anthropic, generic bearer tokens): refused, so a key is
// never sent to or stored by the server as a "name".
const LOOKS_LIKE_KEY = /^(sk-|sk_|rk_|xai-|gsk_|AIza)|^(?=.*[a-z])(?=.*\d)[A-Za-z0-9_-]{32,}$/;

/** The fields' errors (empty when they are fine) and, from the trimmed values, the target. */
export function checkBaseModel(fields: BaseModelFields): { errors: BaseModelErrors; target: BaseModelTarget } {
  const errors: BaseModelErrors = {};
  const model = fields.model.trim();
  if (!model) errors.model = "The base model to sample.";
  const baseUrl = fields.baseUrl.trim();
  try {
    const url = new URL(baseUrl);
    if (url.protocol !== "http:" && url.protocol !== "https:") errors.baseUrl = "An http or https URL.";
  } catch {
    errors.baseUrl = "The provider's base URL, like https://api.openai.com/v1.";
  }
  const keyEnv = fields.apiKeyEnv.trim();
  if (LOOKS_LIKE_KEY.test(keyEnv)) errors.apiKeyEnv = "This looks like a key. Enter the NAME of the environment variable that holds it, not the key.";
  else if (keyEnv && !ENV_NAME.test(keyEnv)) errors.apiKeyEnv = "An environment variable name: letters, digits and _.";
  return { errors, target: { model, provider: { base_url: baseUrl, api_key_env: keyEnv } } };
}
