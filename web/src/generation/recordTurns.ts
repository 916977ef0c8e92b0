// A generated record's conversation as the review reads it: the shared system prompt set aside
// (every record of the dataset carries the same one), the turns, and the assistant's closing
// answer marked, since it is the reference a grader compares against.
import { messageView, type MessageView } from "../traces/traceMessages";
import { toolNamesById } from "../traces/sessionTimeline";

export interface RecordTurns {
  system: MessageView | null;
  turns: MessageView[];
  /** The last message when the assistant wrote it in text; null when the record ends with the user. */
  answer: MessageView | null;
  toolNames: Map<string, string>;
}

export function recordTurns(record: { messages?: unknown[] } | null): RecordTurns | null {
  if (!record || !Array.isArray(record.messages)) return null;
  const messages = record.messages.map(messageView);
  const system = messages.find((message) => message.role === "system" || message.role === "developer") ?? null;
  const turns = messages.filter((message) => message !== system);
  const last = turns.at(-1);
  const answer = last && last.role === "assistant" && last.toolCalls.length === 0 ? last : null;
  return { system, turns: answer ? turns.slice(0, -1) : turns, answer, toolNames: toolNamesById(messages) };
}
