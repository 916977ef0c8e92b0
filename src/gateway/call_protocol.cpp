#include "gateway/call_protocol.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

#include "gateway/openai_error.hpp"
#include "protocols/messages_translation.hpp"
#include "protocols/responses_translation.hpp"
#include "util/clock.hpp"

namespace reinforge::gateway {

namespace {

using nlohmann::json;

// Anthropic's error type for an HTTP status (docs.anthropic.com, "Errors").
std::string_view anthropic_error_type(int status) {
  switch (status) {
    case 400:
      return "invalid_request_error";
    case 401:
      return "authentication_error";
    case 403:
      return "permission_error";
    case 404:
      return "not_found_error";
    case 413:
      return "request_too_large";
    case 429:
      return "rate_limit_error";
    case 529:
      return "overloaded_error";
    default:
      return status >= 500 ? "api_error" : "invalid_request_error";
  }
}

// `request` is the ProtocolCall's, which proxy_call keeps for longer than any attempt. The
// stream translator is made only for a streamed answer: its Response echo is written when made.
class ResponsesAnswer final : public AnswerTranslator {
 public:
  ResponsesAnswer(const json& request, const std::string& id)
      : request_(request), id_(id), created_(util::now_unix_seconds()) {}
  std::string whole(std::string_view chat_completion) override {
    whole_ = protocols::chat_response_to_responses_text(chat_completion, request_, id_, created_);
    return whole_;
  }
  std::string feed(std::string_view bytes) override { return stream().feed(bytes); }
  std::string finish() override { return stream().finish(); }
  std::string fail(const std::string& message) override { return stream().fail(message); }
  bool finished() const override { return stream_ && stream_->finished(); }
  std::string answer_text() const override { return stream_ ? stream_->response_text() : whole_; }

 private:
  const json& request_;
  std::string id_;
  int64_t created_;
  std::optional<protocols::ResponsesStreamTranslator> stream_;
  std::string whole_;  // the Response whole() wrote

  protocols::ResponsesStreamTranslator& stream() {
    if (!stream_) stream_.emplace(request_, id_, created_);
    return *stream_;
  }
};

// Like ResponsesAnswer: `request` outlives this, and the stream translator is made only for a
// streamed answer.
class MessagesAnswer final : public AnswerTranslator {
 public:
  MessagesAnswer(const json& request, const std::string& id) : request_(request), id_(id) {}
  std::string whole(std::string_view chat_completion) override {
    whole_ = protocols::chat_response_to_messages_text(chat_completion, request_, id_);
    return whole_;
  }
  std::string feed(std::string_view bytes) override { return stream().feed(bytes); }
  std::string finish() override { return stream().finish(); }
  std::string fail(const std::string& message) override { return stream().fail(message); }
  bool finished() const override { return stream_ && stream_->finished(); }
  std::string answer_text() const override { return stream_ ? stream_->message_text() : whole_; }

 private:
  const json& request_;
  std::string id_;
  std::optional<protocols::MessagesStreamTranslator> stream_;
  std::string whole_;  // the Message whole() wrote

  protocols::MessagesStreamTranslator& stream() {
    if (!stream_) stream_.emplace(request_, id_);
    return *stream_;
  }
};

}  // namespace

std::string_view endpoint_name(CallProtocol protocol) {
  switch (protocol) {
    case CallProtocol::chat:
      return "chat.completions";
    case CallProtocol::embeddings:
      return "embeddings";
    case CallProtocol::responses:
      return "responses";
    case CallProtocol::messages:
      return "messages";
  }
  return "chat.completions";
}

std::string protocol_error_body(CallProtocol protocol, int status, std::string_view message,
                                std::string_view type, std::string_view code,
                                std::string_view param) {
  if (protocol != CallProtocol::messages) return openai_error_body(message, type, code, param);
  return json{{"type", "error"},
              {"error", {{"type", anthropic_error_type(status)}, {"message", message}}}}
      .dump();
}

std::string protocol_upstream_error_body(CallProtocol protocol, int status, std::string_view body) {
  if (protocol != CallProtocol::messages) return upstream_error_body(status, body);
  auto parsed = json::parse(body, nullptr, false);
  if (parsed.is_object() && parsed.value("type", "") == "error") return std::string(body);
  std::string message(body.substr(0, 2000));
  if (parsed.is_object() && parsed.contains("error") && parsed["error"].is_object() &&
      parsed["error"].contains("message") && parsed["error"]["message"].is_string())
    message = parsed["error"]["message"].get<std::string>();
  return protocol_error_body(protocol, status, message, "", "");
}

std::string checked_anthropic_version(const std::string* header) {
  if (!header || header->empty() || header->size() > 40 ||
      !std::all_of(header->begin(), header->end(),
                   [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '.'; }))
    return "2023-06-01";
  return *header;
}

std::string checked_anthropic_beta(const std::string* header) {
  if (!header || header->size() > 1000 ||
      !std::all_of(header->begin(), header->end(), [](unsigned char c) {
        return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == ',' || c == ' ';
      }))
    return "";
  return *header;
}

bool speaks(const ProviderConfig& provider, CallProtocol protocol) {
  switch (protocol) {
    case CallProtocol::responses:
      return provider.api == ProviderApi::responses;
    case CallProtocol::messages:
      return provider.api == ProviderApi::anthropic;
    default:
      return true;
  }
}

PreparedCall passed_through_call(CallProtocol protocol, std::string anthropic_version,
                                 std::string anthropic_beta) {
  PreparedCall prepared;
  switch (protocol) {
    case CallProtocol::chat:
      prepared.path = "/chat/completions";
      break;
    case CallProtocol::embeddings:
      prepared.path = "/embeddings";
      break;
    case CallProtocol::responses:
      prepared.path = "/responses";
      break;
    case CallProtocol::messages:
      prepared.path = "/messages";
      prepared.anthropic = true;
      prepared.anthropic_version = std::move(anthropic_version);
      prepared.anthropic_beta = std::move(anthropic_beta);
      break;
  }
  return prepared;
}

PreparedCall translated_call(const ProtocolCall& call, std::string_view upstream_model) {
  PreparedCall prepared;
  json chat;
  if (call.protocol == CallProtocol::responses) {
    if (!call.previous_found) {
      throw protocols::TranslationError(
          "previous_response_id",
          "Previous response with id '" +
              call.request.value("previous_response_id", std::string()) +
              "' not found (it was made with store: false, or on another gateway).");
    }
    chat = protocols::responses_request_to_chat(call.request, call.previous_messages);
    prepared.translator = std::make_unique<ResponsesAnswer>(call.request, call.answer_id);
  } else {
    chat = protocols::messages_request_to_chat(call.request);
    prepared.translator = std::make_unique<MessagesAnswer>(call.request, call.answer_id);
  }
  chat["model"] = upstream_model;
  prepared.path = "/chat/completions";
  prepared.body = chat.dump();
  // Moved, not copied, once the body is written.
  if (call.protocol == CallProtocol::responses) {
    prepared.conversation_before_answer = std::move(chat["messages"]);
  }
  return prepared;
}

}  // namespace reinforge::gateway
