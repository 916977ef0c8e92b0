// The messages of a prompt as they were sent, one box per message with its role: a dry run's
// sample and a benchmark's record show them alike.
import type { ChatMessage } from "../api/gradingTypes";

function messageText(message: ChatMessage): string {
  const { content } = message;
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content.map((part) => (part && typeof part === "object" && "text" in part ? String((part as { text: unknown }).text) : JSON.stringify(part))).join("\n");
  }
  return content === null || content === undefined ? "" : JSON.stringify(content);
}

export function PromptMessages({ messages }: { messages: ChatMessage[] }) {
  return (
    <ol className="prompt-messages">
      {messages.map((message, at) => (
        <li key={at} className={`prompt-message prompt-${message.role}`}>
          <span className="prompt-role">{message.role}</span>
          <div className="prompt-content">{messageText(message) || <span className="muted">(no text)</span>}</div>
          {Array.isArray(message.tool_calls) && message.tool_calls.length > 0 && <pre className="code-block">{JSON.stringify(message.tool_calls, null, 2)}</pre>}
        </li>
      ))}
    </ol>
  );
}
