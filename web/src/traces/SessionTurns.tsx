// The turns one call added to its session's conversation, compact: a line per message, tool
// calls and tool results in one line each, the answer marked.
import type { CallTurns } from "./sessionTimeline";
import { summariseToolCall, summariseToolResult } from "./sessionTimeline";
import type { MessageView } from "./traceMessages";

export function SessionTurns({ turns }: { turns: CallTurns }) {
  const { sent, answer, dropped, toolNames } = turns;
  return (
    <ol className="session-turns">
      {dropped > 0 && (
        <li className="session-turn-note muted">
          {dropped} earlier {dropped === 1 ? "message" : "messages"} of the previous call not sent again
        </li>
      )}
      {sent.length === 0 && <li className="session-turn-note muted">Nothing new sent: the same conversation again</li>}
      {sent.map((message, index) => (
        <ConversationTurn key={index} message={message} toolNames={toolNames} />
      ))}
      {answer ? <ConversationTurn message={answer} toolNames={toolNames} answer /> : <li className="session-turn-note tone-text-bad">No answer</li>}
    </ol>
  );
}

/** One message in a line or a few: its role, its text clamped, its tool calls and tool results in a line each. Generated records read the same way. */
export function ConversationTurn({ message, toolNames, answer }: { message: MessageView; toolNames: ReadonlyMap<string, string>; answer?: boolean }) {
  const className = `session-turn turn-by-${message.role}${answer ? " session-turn-answer" : ""}`;
  if (message.role === "tool") {
    return (
      <li className={className}>
        <span className="session-turn-role">tool result</span>
        <code className="session-turn-call">{summariseToolResult(message, toolNames)}</code>
      </li>
    );
  }
  return (
    <li className={className}>
      <span className="session-turn-role">{answer ? "answer" : message.role}</span>
      <div className="session-turn-body">
        {message.text && <p className="session-turn-text">{message.text}</p>}
        {message.toolCalls.map((call, index) => (
          <code key={index} className="session-turn-call">
            → {summariseToolCall(call)}
          </code>
        ))}
        {!message.text && message.toolCalls.length === 0 && <p className="muted session-turn-text">(empty)</p>}
      </div>
    </li>
  );
}
