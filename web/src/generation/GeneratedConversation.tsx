// A generated record's conversation, compact: a line or a few per turn (as a session's turns read
// in the traces), the shared system prompt folded to a line, the closing answer marked.
import { ConversationTurn } from "../traces/SessionTurns";
import { recordTurns } from "./recordTurns";
import "../styles/traces.css";

export function GeneratedConversation({ record, text }: { record: { messages?: unknown[] } | null; text: string }) {
  const conversation = recordTurns(record);
  if (!conversation) return <pre className="generated-record-raw">{text}</pre>;
  const { system, turns, answer, toolNames } = conversation;
  return (
    <ol className="session-turns generated-conversation">
      {system && <ConversationTurn message={system} toolNames={toolNames} />}
      {turns.map((message, index) => (
        <ConversationTurn key={index} message={message} toolNames={toolNames} />
      ))}
      {answer && <ConversationTurn message={answer} toolNames={toolNames} answer />}
    </ol>
  );
}
