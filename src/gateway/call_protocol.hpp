#pragma once
// The protocols callers speak to the gateway (docs/gateway.md): Chat Completions, embeddings,
// OpenAI Responses and Anthropic Messages. For each call and target: what the provider is sent —
// the body as it came (the provider speaks the caller's protocol) or translated to Chat
// Completions — and how its answer reaches the caller. No Beast here; the proxy uses it.
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "gateway/gateway_config.hpp"

namespace reinforge::gateway {

enum class CallProtocol { chat, embeddings, responses, messages };

// The trace's endpoint: "chat.completions", "embeddings", "responses", "messages".
std::string_view endpoint_name(CallProtocol protocol);

// An error the caller reads in its own protocol's shape: OpenAI's {"error": {...}} or
// Anthropic's {"type": "error", "error": {"type", "message"}}. `param`: the request field at
// fault (OpenAI's shape only).
std::string protocol_error_body(CallProtocol protocol, int status, std::string_view message,
                                std::string_view type, std::string_view code,
                                std::string_view param = {});
// An upstream's error body for the caller: kept when already in the caller's protocol's shape,
// rewrapped otherwise (a Chat Completions provider's error for a Messages caller).
std::string protocol_upstream_error_body(CallProtocol protocol, int status, std::string_view body);

// Turns a Chat Completions provider's answer into the caller's protocol, whole or streamed.
class AnswerTranslator {
 public:
  virtual ~AnswerTranslator() = default;
  // A whole chat.completion body; throws std::exception when it cannot be read.
  virtual std::string whole(std::string_view chat_completion) = 0;
  virtual std::string feed(std::string_view upstream_bytes) = 0;
  virtual std::string finish() = 0;
  virtual std::string fail(const std::string& message) = 0;
  virtual bool finished() const = 0;
  // The answer as one object (a Response, a Message: JSON text) once whole() or finish()
  // produced it.
  virtual std::string answer_text() const = 0;
};

// A Responses or Messages call read once, when a target needs it translated.
struct ProtocolCall {
  CallProtocol protocol = CallProtocol::chat;
  nlohmann::json request;                                      // parsed (Responses, Messages)
  nlohmann::json previous_messages = nlohmann::json::array();  // what previous_response_id chains
  bool previous_found = true;     // false: previous_response_id names nothing stored
  std::string answer_id;          // "resp_…" / "msg_…" when the gateway translates
  std::string anthropic_version;  // the caller's, checked
};

// What one attempt sends to one provider.
struct PreparedCall {
  std::string_view path;   // appended to the provider's base path: "/chat/completions", ...
  std::string body;        // empty for chat and embeddings: the caller's (or renamed) body goes
  bool anthropic = false;  // Anthropic's key header and version
  std::string anthropic_version;
  std::string anthropic_beta;                    // the caller's beta features, passed through only
  std::unique_ptr<AnswerTranslator> translator;  // set when translated
  // Translated Responses calls: the conversation before the answer, for previous_response_id.
  nlohmann::json conversation_before_answer;
};

// Whether `provider` takes the caller's protocol as it is (a Responses call to a `responses`
// provider, a Messages call to an `anthropic` one); chat and embeddings always.
bool speaks(const ProviderConfig& provider, CallProtocol protocol);

// A call passed through: its path and headers; the body is the caller's, renamed by the proxy
// like a chat call's, so it is never parsed.
PreparedCall passed_through_call(CallProtocol protocol, std::string anthropic_version,
                                 std::string anthropic_beta = {});

// A call translated to Chat Completions. Throws protocols::TranslationError when it cannot be
// (a built-in tool, an unknown item), or a previous_response_id names nothing stored.
PreparedCall translated_call(const ProtocolCall& call, std::string_view upstream_model);

// `anthropic-version` as the caller sent it when it is a plain version string, else the default.
std::string checked_anthropic_version(const std::string* header);
// `anthropic-beta` as the caller sent it (comma-separated feature names), "" when absent or not
// such a list: Anthropic refuses a call that uses a beta feature without it.
std::string checked_anthropic_beta(const std::string* header);

}  // namespace reinforge::gateway
