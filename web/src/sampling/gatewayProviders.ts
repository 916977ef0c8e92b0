// The gateway's configured providers as a source for the base model's fields: a provider the
// team already routes its traffic through is one pick away, and a form nobody has touched yet
// starts on the gateway's default provider rather than on OpenAI's address.
import type { GatewayStatus, GatewayProvider } from "../api/tracesTypes";
import { DEFAULT_BASE_MODEL, type BaseModelFields } from "./baseModel";

/** The provider whose URL and key variable the fields hold, if one does. */
export function matchingProvider(fields: BaseModelFields, providers: GatewayProvider[]): GatewayProvider | undefined {
  const baseUrl = fields.baseUrl.trim().replace(/\/+$/, "");
  return providers.find((provider) => provider.base_url.replace(/\/+$/, "") === baseUrl && provider.api_key_env === fields.apiKeyEnv.trim());
}

/** The fields with a provider's URL and key variable. */
export function withProvider<F extends BaseModelFields>(fields: F, provider: GatewayProvider): F {
  return { ...fields, baseUrl: provider.base_url, apiKeyEnv: provider.api_key_env };
}

/**
 * The fields to start from: untouched (still the built-in OpenAI defaults), they take the
 * gateway's default provider; anything a person typed or saved stays.
 */
export function startingFields<F extends BaseModelFields>(fields: F, status: GatewayStatus): F {
  const untouched = fields.baseUrl === DEFAULT_BASE_MODEL.baseUrl && fields.apiKeyEnv === DEFAULT_BASE_MODEL.apiKeyEnv;
  const preferred = status.providers.find((provider) => provider.name === status.default_provider);
  if (!untouched || !preferred) return fields;
  return withProvider(fields, preferred);
}

/** The model names the gateway routes to a provider (its own names and the upstream ones). */
export function modelNamesFor(provider: GatewayProvider | undefined, status: GatewayStatus): string[] {
  if (!provider) return [];
  const names = new Set<string>();
  for (const model of status.models) if (model.provider === provider.name) names.add(model.upstream_model || model.name);
  return [...names].sort();
}
