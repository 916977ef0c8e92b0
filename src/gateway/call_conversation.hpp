#pragma once
// A call's conversation in one shape whatever protocol the caller spoke (docs/gateway.md, "One
// trace format"): chat messages with the answer last, and the tools. Traces keep it for
// Responses and Messages calls so datasets, health, graders and the dry run see one record
// shape; its hashes group calls into agent sessions. Runs on the trace writer's thread.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace reinforge::gateway {

struct CallConversation {
  // {"messages": [..., answer], "tools": [...]}; empty for a chat call, whose bodies already are
  // its conversation (only its hashes are computed).
  nlohmann::json record;
  int64_t hash = 0;       // of every message
  // Of the messages up to the request's last assistant turn: the conversation a stateless
  // client's call continues.
  std::optional<int64_t> extends;
};

// `response_json` is the whole answer in the caller's protocol (a streamed one assembled);
// `previous_messages` what previous_response_id chained in front (Responses), else empty.
// Nullopt when the call is not a conversation or its bodies cannot be read.
std::optional<CallConversation> call_conversation(std::string_view endpoint,
                                                  const std::string& request_json,
                                                  const std::string& response_json,
                                                  const nlohmann::json& previous_messages);

// The conversation a Responses call leaves for previous_response_id to continue:
// {"messages": [...messages_before, answer_message]}, `answer_message` being JSON text.
std::string stored_conversation_json(const nlohmann::json& messages_before,
                                     std::string_view answer_message);

// The turns a stored Responses conversation passes to the call that continues it
// (previous_response_id): its messages without the system ones, since instructions are not
// carried over (OpenAI's rule). Empty when the text is not a conversation.
nlohmann::json previous_turns(const std::string& conversation_json);

// The hash of the first `count` messages, on what a client resends of them (role, text, tool
// calls, tool call id): the same conversation hashes the same whichever protocol carried it.
int64_t messages_hash(const nlohmann::json& messages, std::size_t count);

}  // namespace reinforge::gateway
