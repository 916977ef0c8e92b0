// The conversation to send, a row per message: its role, its text, a button to remove it; and
// a button to add the next one.
import type { PlaygroundMessage } from "../api/playgroundTypes";
import { MESSAGE_ROLES, nextRole } from "./playgroundForm";

interface MessageRowsProps {
  messages: PlaygroundMessage[];
  errors: Record<number, string> | undefined;
  onChange: (messages: PlaygroundMessage[]) => void;
}

export function MessageRows({ messages, errors, onChange }: MessageRowsProps) {
  const edit = (index: number, change: Partial<PlaygroundMessage>) => onChange(messages.map((message, at) => (at === index ? { ...message, ...change } : message)));
  return (
    <div className="message-rows" data-testid="playground-messages">
      {messages.map((message, index) => (
        <div key={index} className={errors?.[index] ? "message-row field-invalid" : "message-row"} data-testid="playground-message">
          <select value={message.role} onChange={(event) => edit(index, { role: event.target.value })} aria-label={`Role of message ${index + 1}`}>
            {MESSAGE_ROLES.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </select>
          <textarea
            value={message.content}
            onChange={(event) => edit(index, { content: event.target.value })}
            rows={Math.min(8, Math.max(2, message.content.split("\n").length))}
            aria-label={`Message ${index + 1}`}
            placeholder={message.role === "system" ? "Instructions for the model" : message.role === "user" ? "What the user asks" : "An earlier answer"}
          />
          <button
            type="button"
            className="icon-button"
            onClick={() => onChange(messages.filter((_, at) => at !== index))}
            disabled={messages.length === 1}
            aria-label={`Remove message ${index + 1}`}
            title="Remove this message"
          >
            ✕
          </button>
          {errors?.[index] && (
            <span className="field-error message-row-error" role="alert">
              {errors[index]}
            </span>
          )}
        </div>
      ))}
      <button type="button" className="button button-small message-add" onClick={() => onChange([...messages, { role: nextRole(messages), content: "" }])}>
        + Message
      </button>
    </div>
  );
}
