#include "protocols/stream_failure.hpp"

#include <nlohmann/json.hpp>

#include "protocols/json_members.hpp"
#include "protocols/sse_reader.hpp"

namespace reinforge::protocols {

namespace {

using nlohmann::json;

// {"error": {"message"}} (Anthropic, and OpenAI's chunks), or {"message"} (a Responses error
// event), or {"response": {"error": {"message"}}} (response.failed).
std::string failure_message(const json& data, std::string_view fallback) {
  for (const json* holder : {member(data, "error"), &data}) {
    if (!holder || !holder->is_object()) continue;
    std::string message = string_member(*holder, "message");
    if (!message.empty()) return message;
  }
  if (const json* response = member(data, "response"); response && response->is_object()) {
    if (const json* error = member(*response, "error"); error && error->is_object()) {
      std::string message = string_member(*error, "message");
      if (!message.empty()) return message;
    }
  }
  return std::string(fallback);
}

}  // namespace

std::optional<std::string> agent_stream_failure(std::string_view sse_text) {
  // Most streams have no failure: only those that name one are read event by event.
  if (sse_text.find("error") == std::string_view::npos &&
      sse_text.find("response.failed") == std::string_view::npos)
    return std::nullopt;
  SseReader reader;
  std::vector<SseEvent> events = reader.feed(sse_text);
  for (SseEvent& event : reader.finish()) events.push_back(std::move(event));
  std::optional<std::string> failure;
  for (const SseEvent& event : events) {
    // Every Response object has "error": null, so a delta that does not name either is skipped
    // unparsed, and the rest by their type.
    if (event.event != "error" && event.event != "response.failed" &&
        event.data.find("\"error\"") == std::string::npos)
      continue;
    json data = json::parse(event.data, nullptr, false);
    std::string type = string_member(data, "type");
    if (type.empty()) type = event.event;
    if (type == "error") {
      failure = failure_message(data, "the stream carried an error event");
    } else if (type == "response.failed") {
      failure = failure_message(data, "the response failed");
    }
  }
  return failure;
}

}  // namespace reinforge::protocols
