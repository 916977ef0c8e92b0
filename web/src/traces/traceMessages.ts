// A trace's request and response as a conversation to read: each message's role, its text,
// and the tool calls it makes. Bodies are shown as they are; anything unexpected becomes JSON text.
import type { TraceDetail } from "../api/tracesTypes";

export interface ToolCallView {
  name: string;
  arguments: string;
  /** The call's id, which a tool result names (absent when the body had none). */
  id?: string;
}

export interface MessageView {
  role: string;
  text: string;
  toolCalls: ToolCallView[];
  /** A tool result's `tool_call_id`. */
  toolCallId?: string;
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

function toolCallView(call: unknown): ToolCallView {
  const fn = isObject(call) && isObject(call.function) ? call.function : {};
  const view: ToolCallView = {
    name: typeof fn.name === "string" ? fn.name : "?",
    arguments: typeof fn.arguments === "string" ? fn.arguments : JSON.stringify(fn.arguments ?? ""),
  };
  if (isObject(call) && typeof call.id === "string") view.id = call.id;
  return view;
}

/** One chat-shaped message. */
export function messageView(message: unknown): MessageView {
  if (!isObject(message)) return { role: "?", text: JSON.stringify(message), toolCalls: [] };
  const calls = Array.isArray(message.tool_calls) ? message.tool_calls : [];
  const view: MessageView = {
    role: typeof message.role === "string" ? message.role : "?",
    text: contentText(message.content),
    toolCalls: calls.map(toolCallView),
  };
  if (typeof message.tool_call_id === "string") view.toolCallId = message.tool_call_id;
  return view;
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

/** The names of chat-shaped tools (`{"type": "function", "function": {"name"}}`). */
export function toolNames(tools: unknown): string[] {
  if (!Array.isArray(tools)) return [];
  return tools.map((tool) => (isObject(tool) && isObject(tool.function) && typeof tool.function.name === "string" ? tool.function.name : "?"));
}

/** The names of the tools a chat request declared. */
export function declaredTools(request: unknown): string[] {
  return isObject(request) ? toolNames(request.tools) : [];
}

/**
 * A call as a chat: what it sent, the answer it got, its tools. `source` says where it was read:
 * the server's `conversation` (a Responses or Messages call, translated to the chat shape, with
 * what `previous_response_id` chained in front), the chat request itself, or nowhere (embeddings,
 * a body that is not a conversation).
 */
export interface TraceConversationView {
  messages: MessageView[];
  answer: MessageView | null;
  tools: string[];
  source: "conversation" | "chat" | "none";
}

const succeeded = (status: number) => status >= 200 && status < 300;

export function traceConversation(trace: Pick<TraceDetail, "request" | "response" | "status" | "conversation">): TraceConversationView {
  const conversation = trace.conversation;
  if (conversation && Array.isArray(conversation.messages)) {
    const messages = conversation.messages.map(messageView);
    // The server puts the answer last; a failed call has none, so its last message is what was sent.
    const last = messages.at(-1);
    const answer = succeeded(trace.status) && last?.role === "assistant" ? last : null;
    return { messages: answer ? messages.slice(0, -1) : messages, answer, tools: toolNames(conversation.tools), source: "conversation" };
  }
  const messages = requestMessages(trace.request);
  if (messages.length === 0) return { messages: [], answer: null, tools: [], source: "none" };
  return { messages, answer: responseMessage(trace.response), tools: declaredTools(trace.request), source: "chat" };
}

/** Pretty JSON for the raw view; a body stored as text (not JSON) is shown as it is. */
export function prettyJson(value: unknown): string {
  if (typeof value === "string") return value;
  return JSON.stringify(value, null, 2);
}
