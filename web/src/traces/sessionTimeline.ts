// An agent session read as one story: its calls oldest first, and for each call only what it
// added to the conversation (the previous call's messages and answer are not shown again), with
// tool calls and tool results in one line each.
import type { TraceSummary } from "../api/tracesTypes";
import type { MessageView, ToolCallView, TraceConversationView } from "./traceMessages";

/** The session's calls, oldest first (the server lists newest first). */
export function oldestFirst<T extends Pick<TraceSummary, "created_at_ms" | "id">>(calls: readonly T[]): T[] {
  return [...calls].sort((a, b) => a.created_at_ms - b.created_at_ms || a.id.localeCompare(b.id));
}

export interface SessionSummary {
  calls: number;
  errors: number;
  firstMs: number | null;
  lastMs: number | null;
  tokens: number;
  endpoints: string[];
}

export function sessionSummary(calls: readonly TraceSummary[]): SessionSummary {
  const times = calls.map((call) => call.created_at_ms);
  return {
    calls: calls.length,
    errors: calls.filter((call) => call.status < 200 || call.status >= 300).length,
    firstMs: times.length ? Math.min(...times) : null,
    lastMs: times.length ? Math.max(...times) : null,
    tokens: calls.reduce((sum, call) => sum + (call.usage.total_tokens ?? (call.usage.prompt_tokens ?? 0) + (call.usage.completion_tokens ?? 0)), 0),
    endpoints: [...new Set(calls.map((call) => call.endpoint))],
  };
}

/** Time since the session's first call: "+0 ms", "+4.2 s", "+3 min 5 s", "+2 h 5 min". */
export function formatElapsed(ms: number): string {
  if (ms < 1000) return `+${Math.round(ms)} ms`;
  if (ms < 60_000) return `+${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 3600) return `+${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  const minutes = Math.round(seconds / 60);
  return `+${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

const isInstruction = (message: MessageView) => message.role === "system" || message.role === "developer";

/** Arguments compared as JSON when they parse, so re-serialized arguments still match. */
function normalArguments(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text;
  }
}

function messageKey(message: MessageView): string {
  const calls = message.toolCalls.map((call) => [call.name, normalArguments(call.arguments), call.id ?? ""]);
  return JSON.stringify([message.role, message.text, calls, message.toolCallId ?? ""]);
}

export interface NewMessages {
  /** What this call sent that the previous call's conversation did not hold, in order. */
  messages: MessageView[];
  /** How many of the previous call's messages this call no longer carries (its client cut or edited the history); 0 when it extends it. */
  dropped: number;
}

/**
 * The messages a call added to the conversation of the call before it (`previous`: that call's
 * messages and answer; null for the session's first call). System and developer messages are set
 * aside while comparing, since a Responses chain does not carry earlier `instructions` over; one
 * that is new is shown. A client that resends its history extends the previous conversation; one
 * that keeps a sliding window starts with the previous conversation's end; otherwise the messages
 * after the common beginning are new.
 */
export function newMessages(previous: readonly MessageView[] | null, current: readonly MessageView[]): NewMessages {
  if (previous === null) return { messages: [...current], dropped: 0 };
  const before = previous.filter((message) => !isInstruction(message)).map(messageKey);
  const knownInstructions = new Set(previous.filter(isInstruction).map(messageKey));
  const body = current.filter((message) => !isInstruction(message));
  const keys = body.map(messageKey);

  let common = 0;
  while (common < before.length && common < keys.length && before[common] === keys[common]) common++;
  let skip = common;
  let dropped = before.length - common;
  if (dropped > 0) {
    // A sliding window: the longest start of this call that is the end of the previous one.
    for (let overlap = Math.min(before.length, keys.length); overlap > common; overlap--) {
      if (keys.slice(0, overlap).every((key, index) => key === before[before.length - overlap + index])) {
        skip = overlap;
        dropped = before.length - overlap;
        break;
      }
    }
  }
  const added = new Set(body.slice(skip));
  return { messages: current.filter((message) => (isInstruction(message) ? !knownInstructions.has(messageKey(message)) : added.has(message))), dropped };
}

export interface CallTurns {
  /** What the call added to the conversation. */
  sent: MessageView[];
  /** Its answer; null when it got none (a failed call). */
  answer: MessageView | null;
  dropped: number;
  /** Tool call ids to tool names over the whole conversation so far, to name a tool result. */
  toolNames: Map<string, string>;
}

/**
 * Each call's turns, given the calls' conversations oldest first: `undefined` while a call's
 * detail loads (its turns and the next ones' wait: null), null when a call has no conversation
 * (it is skipped as "the call before").
 */
export function sessionTurns(conversations: readonly (TraceConversationView | null | undefined)[]): (CallTurns | null)[] {
  let previous: MessageView[] | null = null;
  let waiting = false;
  return conversations.map((conversation) => {
    if (conversation === undefined) waiting = true;
    if (waiting || !conversation || conversation.source === "none") return null;
    const whole = conversation.answer ? [...conversation.messages, conversation.answer] : conversation.messages;
    const { messages, dropped } = newMessages(previous, conversation.messages);
    previous = whole;
    return { sent: messages, answer: conversation.answer, dropped, toolNames: toolNamesById(whole) };
  });
}

export function toolNamesById(messages: readonly MessageView[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const message of messages) for (const call of message.toolCalls) if (call.id) names.set(call.id, call.name);
  return names;
}

/** Cut to `max` characters with an ellipsis, on one line. */
export function clip(text: string, max: number): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length <= max ? line : line.slice(0, Math.max(0, max - 1)).trimEnd() + "…";
}

/** A tool call in one line: `get_weather(city: "Lyon", days: 2)`, long arguments cut. */
export function summariseToolCall(call: ToolCallView, max = 90): string {
  let inner = call.arguments.trim();
  try {
    const parsed: unknown = JSON.parse(inner || "{}");
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) {
      inner = Object.entries(parsed)
        .map(([key, value]) => `${key}: ${JSON.stringify(value)}`)
        .join(", ");
    }
  } catch {
    // Arguments that are not JSON are shown as the model wrote them.
  }
  return `${call.name}(${clip(inner, Math.max(8, max - call.name.length - 2))})`;
}

/** A tool result in one line: `get_weather → {"temp": 12}`, named by its call when known. */
export function summariseToolResult(message: MessageView, toolNames: ReadonlyMap<string, string>, max = 140): string {
  const name = (message.toolCallId && toolNames.get(message.toolCallId)) || "tool";
  return `${name} → ${clip(message.text || "(empty)", max)}`;
}
