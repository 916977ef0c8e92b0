// A conversation as the trace's detail shows it: one row per message with its role, text and tool calls.
import type { MessageView } from "./traceMessages";
import "../styles/traces.css";

export function MessageList({ messages, answer }: { messages: MessageView[]; answer?: boolean }) {
  return (
    <ol className="trace-messages">
      {messages.map((message, index) => (
        <Message key={index} message={message} answer={answer} />
      ))}
    </ol>
  );
}

function Message({ message, answer }: { message: MessageView; answer?: boolean }) {
  return (
    <li className={`trace-message trace-role-${message.role}${answer ? " trace-answer" : ""}`}>
      <span className="trace-role">{message.role}</span>
      <div className="trace-message-body">
        {message.text && <p className="trace-message-text">{message.text}</p>}
        {message.toolCalls.map((call, index) => (
          <p key={index} className="trace-tool-call">
            <code>
              {call.name}({call.arguments})
            </code>
          </p>
        ))}
        {!message.text && message.toolCalls.length === 0 && <p className="muted">(empty)</p>}
      </div>
    </li>
  );
}
