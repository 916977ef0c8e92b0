#pragma once
// The pieces of a Response object that the whole-answer translation (responses_translation.cpp)
// and the stream translation (responses_stream_translation.cpp) must build identically, so that
// a streamed call ends with the same Response as the same call unstreamed. Internal to protocols.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "protocols/json_members.hpp"

namespace reinforge::protocols::responses_detail {

// choices[0] of a chat completion or chunk (the choice with index 0 when they say); nullptr when
// there is none. Other choices (n > 1) have no place in a Response.
const nlohmann::json* first_choice(const nlohmann::json& chat);

// JSON text for the caller; invalid UTF-8 (only possible in messages we were handed) is replaced
// rather than thrown on, since a half-written stream cannot be taken back.
std::string json_text(const nlohmann::json& value);

// A Response with status in_progress and no output, echoing the request's settings as OpenAI
// does (instructions, tools, tool_choice, text, metadata, ... with OpenAI's defaults).
nlohmann::json response_skeleton(const nlohmann::json& request, const std::string& response_id,
                                 int64_t created_at);

// Item ids derived from the response id ("resp_abc" -> "msg_abc", "fc_abc_0"), so that a
// response translated twice names its items the same way.
std::string message_item_id(const std::string& response_id);
std::string function_call_item_id(const std::string& response_id, size_t ordinal);
// The call_id for a chat tool call that came without an id.
std::string generated_call_id(const std::string& response_id, size_t ordinal);

// Output items and content parts, identical whether built whole or closed at the end of a stream.
nlohmann::json output_text_part(std::string text);
nlohmann::json refusal_part(std::string refusal);
nlohmann::json function_call_item(std::string id, std::string call_id, std::string name,
                                  std::string arguments, std::string status);

// Responses usage from a chat completion's usage; null when the upstream gave none.
nlohmann::json responses_usage(const nlohmann::json& chat_usage);

// The Response's status for a chat finish_reason: "incomplete" for length and content_filter,
// else "completed"; and its incomplete_details (null when completed).
std::string status_for_finish_reason(std::string_view finish_reason);
nlohmann::json incomplete_details_for(std::string_view finish_reason);

}  // namespace reinforge::protocols::responses_detail
