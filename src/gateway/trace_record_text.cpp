#include "gateway/trace_record_text.hpp"

#include <algorithm>
#include <string_view>
#include <utility>
#include <vector>

#include "protocols/json_object_writer.hpp"
#include "protocols/upstream_json.hpp"

namespace reinforge::gateway {

namespace {

using protocols::JsonElement;

// nlohmann::json::dump wrote these records before, its members sorted by key; the members this
// file writes keep that order. Objects inside them (a message, a tool) keep the caller's order,
// where nlohmann sorted them too: a trace turned into a record before this version and added
// again after it is not found to be a duplicate by its text (a pull never walks a trace twice).
// Chat records never carried the session; the agent protocols' records do.
void append_metadata(std::string& out, const store::Trace& trace, bool with_session) {
  protocols::JsonObjectWriter metadata(out);
  metadata.string("model", trace.model_requested);
  if (with_session && !trace.session_id.empty()) metadata.string("session_id", trace.session_id);
  metadata.string("trace_id", trace.id);
  metadata.close();
}

// Responses and Messages calls carry their conversation already in the chat shape (with what
// previous_response_id chained in front of it); only the metadata is ours.
std::optional<std::string> conversation_record_text(const store::Trace& trace) {
  auto conversation = protocols::parse_upstream_json(*trace.conversation_json);
  if (!conversation || !conversation->is_object() || !protocols::member(*conversation, "messages"))
    return std::nullopt;
  std::vector<std::pair<std::string_view, std::string>> members;
  for (auto [key, value] : simdjson::dom::object(*conversation)) {
    if (key == "metadata") continue;
    if (key == "tools" && (!value.is_array() || simdjson::dom::array(value).size() == 0)) continue;
    members.emplace_back(key, simdjson::minify(value));
  }
  std::string metadata;
  append_metadata(metadata, trace, true);
  members.emplace_back("metadata", std::move(metadata));
  std::stable_sort(members.begin(), members.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string out = "{";
  for (const auto& [key, value] : members) {
    if (out.size() > 1) out += ',';
    util::append_json_string(out, key);
    out += ':';
    out += value;
  }
  out += '}';
  return out;
}

std::optional<std::string> chat_record_text(const store::Trace& trace) {
  // Read the request first: the thread's parser holds one document at a time.
  auto request = protocols::parse_upstream_json(trace.request_json);
  if (!request) return std::nullopt;
  auto messages = protocols::member(*request, "messages");
  if (!messages || !messages->is_array()) return std::nullopt;
  std::string out;
  out.reserve(trace.request_json.size() + trace.response_json->size());
  out += "{\"messages\":";
  out += simdjson::minify(*messages);
  out.pop_back();  // the array's ']': the answer goes last
  std::string tools;
  if (auto given = protocols::member(*request, "tools"); given && given->is_array()) tools = simdjson::minify(*given);

  auto response = protocols::parse_upstream_json(*trace.response_json);
  if (!response) return std::nullopt;
  auto choices = protocols::member(*response, "choices");
  if (!choices || !choices->is_array() || simdjson::dom::array(*choices).size() == 0) return std::nullopt;
  JsonElement choice = simdjson::dom::array(*choices).at(0).value_unsafe();
  auto message = protocols::member(choice, "message");
  if (!message || !message->is_object()) return std::nullopt;

  if (out.back() != '[') out += ',';
  protocols::JsonObjectWriter answer(out);
  if (auto content = protocols::member(*message, "content")) answer.raw("content", simdjson::minify(*content));
  else answer.raw("content", "null");
  answer.string("role", "assistant");
  if (auto calls = protocols::member(*message, "tool_calls");
      calls && calls->is_array() && simdjson::dom::array(*calls).size() > 0) {
    answer.raw("tool_calls", simdjson::minify(*calls));
  }
  answer.close();
  out += "],\"metadata\":";
  append_metadata(out, trace, false);
  if (!tools.empty()) out.append(",\"tools\":").append(tools);
  out += '}';
  return out;
}

}  // namespace

std::optional<std::string> record_text_from_trace(const store::Trace& trace) {
  if (trace.status < 200 || trace.status > 299) return std::nullopt;
  // A 2xx with an error is an answer cut short: a stream that broke, or an error event in it.
  if (trace.error) return std::nullopt;
  if (trace.conversation_json && trace.endpoint != "chat.completions") return conversation_record_text(trace);
  if (trace.endpoint != "chat.completions" || !trace.response_json) return std::nullopt;
  return chat_record_text(trace);
}

}  // namespace reinforge::gateway
