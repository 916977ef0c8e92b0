// The playground's form: the conversation (role and text per message), the tools as JSON, the
// sampling options and the two models; its checks, and the chat body each side streams.
import type { PlaygroundChatRequest, PlaygroundMessage } from "../api/playgroundTypes";

export const MESSAGE_ROLES = ["system", "user", "assistant"] as const;

export interface PlaygroundForm {
  messages: PlaygroundMessage[];
  /** A JSON array of OpenAI function tools; empty for none. */
  toolsText: string;
  /** The answer a grader that compares with a reference grades against; empty for none. */
  reference: string;
  temperature: string;
  maxTokens: string;
  baseModel: string;
  tunedModel: string;
  /** A provider of the gateway's config the tuned model is sent to as named; empty for the gateway's own routing. */
  tunedProvider: string;
}

export interface PlaygroundFormErrors {
  /** By message index. */
  messages?: Record<number, string>;
  conversation?: string;
  tools?: string;
  temperature?: string;
  maxTokens?: string;
  baseModel?: string;
  tunedModel?: string;
}

export interface PlaygroundModels {
  baseModel: string;
  tunedModel: string;
  tunedProvider: string;
}

export function initialPlaygroundForm(models: PlaygroundModels): PlaygroundForm {
  return { messages: [{ role: "user", content: "" }], toolsText: "", reference: "", temperature: "0.7", maxTokens: "512", ...models };
}

/** The role a new message most likely has: the other side of the last one. */
export function nextRole(messages: PlaygroundMessage[]): string {
  return messages.at(-1)?.role === "user" ? "assistant" : "user";
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The tools text as the array the request carries (undefined when empty), or what is wrong with it and where. */
export function parseTools(text: string): { ok: true; tools: unknown[] | undefined } | { ok: false; error: string } {
  if (!text.trim()) return { ok: true, tools: undefined };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (caught) {
    return { ok: false, error: `Not JSON: ${caught instanceof Error ? caught.message : String(caught)}` };
  }
  if (!Array.isArray(parsed)) return { ok: false, error: 'Tools are a JSON array: [{"type": "function", "function": {"name": …, "parameters": {…}}}].' };
  for (const [index, tool] of parsed.entries()) {
    const where = `Tool ${index + 1}`;
    if (!isObject(tool) || tool.type !== "function") return { ok: false, error: `${where}: "type" must be "function".` };
    if (!isObject(tool.function) || typeof tool.function.name !== "string" || !tool.function.name.trim()) return { ok: false, error: `${where}: "function.name" is missing.` };
    if (tool.function.parameters !== undefined && !isObject(tool.function.parameters)) return { ok: false, error: `${where}: "function.parameters" must be a JSON schema object.` };
  }
  return { ok: true, tools: parsed.length > 0 ? parsed : undefined };
}

export interface PlaygroundSend {
  messages: PlaygroundMessage[];
  tools: unknown[] | undefined;
  base: PlaygroundChatRequest;
  tuned: PlaygroundChatRequest;
  tunedProvider: string | undefined;
  /** Sent with each answer to be graded (not to the models). */
  reference: string | undefined;
}

/** Both sides' requests (the same conversation and options, each its model), or what to fix in which field. */
export function buildPlaygroundSend(form: PlaygroundForm): { ok: true; send: PlaygroundSend } | { ok: false; errors: PlaygroundFormErrors } {
  const errors: PlaygroundFormErrors = {};
  const emptyMessages: Record<number, string> = {};
  form.messages.forEach((message, index) => {
    if (!message.content.trim()) emptyMessages[index] = "Write this message or remove it.";
  });
  if (Object.keys(emptyMessages).length > 0) errors.messages = emptyMessages;
  if (!form.messages.some((message) => message.role === "user")) errors.conversation = "The conversation needs a user message.";
  const tools = parseTools(form.toolsText);
  if (!tools.ok) errors.tools = tools.error;
  const temperature = Number(form.temperature);
  if (form.temperature.trim() === "" || !Number.isFinite(temperature) || temperature < 0 || temperature > 2) errors.temperature = "From 0 to 2.";
  const maxTokens = Number(form.maxTokens);
  if (!/^\d+$/.test(form.maxTokens.trim()) || maxTokens < 1) errors.maxTokens = "A whole number, 1 or more.";
  if (!form.baseModel.trim()) errors.baseModel = "Name the base model.";
  if (!form.tunedModel.trim()) errors.tunedModel = "Name the tuned model.";
  if (Object.keys(errors).length > 0 || !tools.ok) return { ok: false, errors };

  const messages = form.messages.map((message) => ({ role: message.role, content: message.content }));
  const request = (model: string): PlaygroundChatRequest => ({
    model,
    messages,
    ...(tools.tools ? { tools: tools.tools } : {}),
    temperature,
    max_tokens: maxTokens,
    stream: true,
    stream_options: { include_usage: true },
  });
  return {
    ok: true,
    send: {
      messages,
      tools: tools.tools,
      base: request(form.baseModel.trim()),
      tuned: request(form.tunedModel.trim()),
      tunedProvider: form.tunedProvider.trim() || undefined,
      reference: form.reference.trim() ? form.reference : undefined,
    },
  };
}
