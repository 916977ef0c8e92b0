// The conversation of one trace, first in its detail: a chat call's request messages and answer,
// or for a Responses or Messages call the server's reading of it in the chat shape (what
// previous_response_id chained in front included); the raw bodies follow it.
import type { TraceDetail } from "../api/tracesTypes";
import { MessageList } from "./ConversationMessages";
import { endpointLabel } from "./traceEndpoints";
import type { TraceConversationView } from "./traceMessages";

interface TraceConversationProps {
  trace: TraceDetail;
  conversation: TraceConversationView;
}

export function TraceConversation({ trace, conversation }: TraceConversationProps) {
  const { messages, answer, tools, source } = conversation;
  const translated = source === "conversation";
  return (
    <section aria-label="Conversation" data-testid="trace-conversation">
      <h3 className="trace-section-title">
        {translated ? "Conversation" : "Request messages"} {tools.length > 0 && <span className="muted">· tools: {tools.join(", ")}</span>}
      </h3>
      {translated && (
        <p className="muted trace-conversation-note">
          The {endpointLabel(trace.endpoint)} call in the chat shape, as datasets read it
          {hasPreviousResponse(trace.request) ? ", with the turns previous_response_id chained in front" : ""}. The bodies as sent are below.
        </p>
      )}
      <MessageList messages={messages} />
      <h3 className="trace-section-title">Response</h3>
      {answer ? <MessageList messages={[answer]} answer /> : <p className="muted">No answer message{trace.error ? " (the call failed)" : ""}.</p>}
    </section>
  );
}

function hasPreviousResponse(request: unknown): boolean {
  return typeof request === "object" && request !== null && typeof (request as Record<string, unknown>).previous_response_id === "string";
}
