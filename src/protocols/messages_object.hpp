#pragma once
// The pieces of an Anthropic Message that the whole-answer translation
// (messages_answer_translation.cpp) and the stream translation (messages_stream_translation.cpp)
// must write identically, so that a call ends with the same Message streamed or not. Both write
// JSON text straight into strings, keys in the sorted order nlohmann::json::dump used. Internal
// to protocols.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace reinforge::protocols::messages_detail {

// The model the caller named (the gateway may have sent the upstream another one), else the
// upstream's.
std::string model_of(const nlohmann::json& request, std::string_view upstream_model);

// The id for a tool call the upstream sent without one; the same on both paths.
std::string generated_tool_id(std::string_view message_id, int64_t ordinal);

// Anthropic usage from chat usage. OpenAI's prompt_tokens include the cached tokens; Anthropic
// counts cache reads apart from input_tokens.
nlohmann::json messages_usage(const nlohmann::json& chat_usage);

// Chat arguments are JSON text the model wrote; Anthropic's input is an object. Text that is not
// a JSON object (a model's slip, a stream cut short) is kept whole under "_raw_arguments", so the
// client's schema check rejects it visibly rather than the gateway dropping it.
nlohmann::json tool_input(std::string_view arguments);

struct StopReason {
  std::string reason;
  nlohmann::json sequence;  // the stop sequence hit, or null
};

// Chat's "stop" covers a natural end and a stop sequence alike; a provider that names the
// sequence it hit (vLLM's choices[].stop_reason) lets the two be told apart. A model that calls
// tools must get "tool_use" whatever the upstream says, or agents would not run the tools.
StopReason stop_reason_of(std::string_view finish_reason, const nlohmann::json& matched,
                          bool has_tool_calls, const nlohmann::json& stop_sequences);

// How a Message ends, as the JSON text of its stop_reason, stop_sequence and usage: null, null
// and zero tokens until it has ended.
struct MessageEnding {
  std::string stop_reason = "null";
  std::string stop_sequence = "null";
  std::string usage = R"({"input_tokens":0,"output_tokens":0})";
};
MessageEnding message_ending(const StopReason& stop, const nlohmann::json& chat_usage);

// Content blocks, and the Message around them (`content` being the blocks' JSON array).
void write_text_block(std::string& out, std::string_view text);
void write_tool_use_block(std::string& out, std::string_view id, std::string_view name,
                          std::string_view input_json);
void write_message(std::string& out, std::string_view message_id, std::string_view model,
                   std::string_view content, const MessageEnding& ending);

// Any JSON as text, even with invalid UTF-8 in its strings (replaced).
std::string any_json_text(const nlohmann::json& value);

}  // namespace reinforge::protocols::messages_detail
