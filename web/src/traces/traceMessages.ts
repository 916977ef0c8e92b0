// A trace's request and response as a conversation to read: each message's role, its text,
// and the tool calls it makes. Bodies are shown as they are; anything unexpected becomes JSON text.
export interface ToolCallView {
  name: string;
  arguments: string;
}

export interface MessageView {
  role: string;
  text: string;
  toolCalls: ToolCallView[];
}

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject => typeof value === "object" && value !== null && !Array.isArray(value);

/** A message's content: a string, an array of parts (their text; other parts by type), or nothing. */
export function contentText(content: unknown): string {
  if (content === null || content === undefined) return "";
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content
      .map((part) => {
        if (isObject(part) && typeof part.text === "string") return part.text;
        if (isObject(part) && typeof part.type === "string") return `[${part.type}]`;
        return JSON.stringify(part);
      })
      .join("\n");
  }
  return JSON.stringify(content);
}

function messageView(message: unknown): MessageView {
  if (!isObject(message)) return { role: "?", text: JSON.stringify(message), toolCalls: [] };
  const calls = Array.isArray(message.tool_calls) ? message.tool_calls : [];
  return {
    role: typeof message.role === "string" ? message.role : "?",
    text: contentText(message.content),
    toolCalls: calls.map((call) => {
      const fn = isObject(call) && isObject(call.function) ? call.function : {};
      return { name: typeof fn.name === "string" ? fn.name : "?", arguments: typeof fn.arguments === "string" ? fn.arguments : JSON.stringify(fn.arguments ?? "") };
    }),
  };
}

/** The request's messages. */
export function requestMessages(request: unknown): MessageView[] {
  if (!isObject(request) || !Array.isArray(request.messages)) return [];
  return request.messages.map(messageView);
}

/** The answer: the first choice's message, or null when the response has none (an error, say). */
export function responseMessage(response: unknown): MessageView | null {
  if (!isObject(response) || !Array.isArray(response.choices) || response.choices.length === 0) return null;
  const choice = response.choices[0];
  return isObject(choice) && isObject(choice.message) ? messageView(choice.message) : null;
}

/** The names of the tools the request declared. */
export function declaredTools(request: unknown): string[] {
  if (!isObject(request) || !Array.isArray(request.tools)) return [];
  return request.tools.map((tool) => (isObject(tool) && isObject(tool.function) && typeof tool.function.name === "string" ? tool.function.name : "?"));
}

/** Pretty JSON for the raw view; a body stored as text (not JSON) is shown as it is. */
export function prettyJson(value: unknown): string {
  if (typeof value === "string") return value;
  return JSON.stringify(value, null, 2);
}
