// Chat completions → Anthropic Messages: a chat.completion answer as a Message, a streamed one as
// Anthropic's stream events, and the Message an Anthropic stream describes. Both translations
// build the Message with the same helpers, so a call ends with the same Message streamed or not.
#include <algorithm>
#include <limits>

#include "protocols/json_members.hpp"
#include "protocols/messages_translation.hpp"

namespace reinforge::protocols {
namespace {

using nlohmann::json;

// What a missing member reads as, without copying anything.
const json& or_empty(const json* value) {
  static const json empty = json::object();
  return value ? *value : empty;
}

// A token count: a non-negative integer, else 0.
int64_t count_member(const json& object, std::string_view key) {
  const json* value = member(object, key);
  if (!value || !value->is_number_integer()) return 0;
  if (value->is_number_unsigned()) {
    return static_cast<int64_t>(
        std::min<uint64_t>(value->get<uint64_t>(), std::numeric_limits<int64_t>::max()));
  }
  return std::max<int64_t>(0, value->get<int64_t>());
}

// The model the caller named (the gateway may have sent the upstream another one).
std::string model_of(const json& request, const json& upstream) {
  const json* model = member(request, "model");
  return model && model->is_string() ? model->get<std::string>() : string_member(upstream, "model");
}

// The id for a tool call the upstream sent without one; the same on both paths.
std::string generated_tool_id(const std::string& message_id, int64_t ordinal) {
  return "toolu_" + message_id + "_" + std::to_string(ordinal);
}

// Anthropic usage from chat usage. OpenAI's prompt_tokens include the cached tokens; Anthropic
// counts cache reads apart from input_tokens.
json messages_usage(const json& chat_usage) {
  int64_t prompt = count_member(chat_usage, "prompt_tokens");
  json usage = {{"input_tokens", prompt},
                {"output_tokens", count_member(chat_usage, "completion_tokens")}};
  const json* details = member(chat_usage, "prompt_tokens_details");
  if (details && member(*details, "cached_tokens")) {
    int64_t cached = std::min(prompt, count_member(*details, "cached_tokens"));
    usage["input_tokens"] = prompt - cached;
    usage["cache_read_input_tokens"] = cached;
  }
  return usage;
}

// Chat arguments are JSON text the model wrote; Anthropic's input is an object. Text that is not
// a JSON object (a model's slip, a stream cut short) is kept whole under "_raw_arguments", so the
// client's schema check rejects it visibly rather than the gateway dropping it.
json tool_input(const std::string& arguments) {
  if (arguments.empty()) return json::object();
  json parsed = json::parse(arguments, nullptr, false);
  if (parsed.is_object()) return parsed;
  return {{"_raw_arguments", arguments}};
}

struct StopReason {
  std::string reason;
  json sequence;  // the stop sequence hit, or null
};

// Chat's "stop" covers a natural end and a stop sequence alike; a provider that names the
// sequence it hit (vLLM's choices[].stop_reason) lets the two be told apart. A model that calls
// tools must get "tool_use" whatever the upstream says, or agents would not run the tools.
StopReason stop_reason_of(const std::string& finish_reason, const json& matched,
                          bool has_tool_calls, const json& request) {
  if (finish_reason == "length") return {"max_tokens", nullptr};
  if (finish_reason == "content_filter") return {"refusal", nullptr};
  if (has_tool_calls || finish_reason == "tool_calls" || finish_reason == "function_call")
    return {"tool_use", nullptr};
  const json* sequences = member(request, "stop_sequences");
  if (matched.is_string() && sequences && sequences->is_array() &&
      std::find(sequences->begin(), sequences->end(), matched) != sequences->end()) {
    return {"stop_sequence", matched};
  }
  return {"end_turn", nullptr};
}

json message_skeleton(const std::string& message_id, const std::string& model) {
  return {{"id", message_id},         {"type", "message"},
          {"role", "assistant"},      {"model", model},
          {"content", json::array()}, {"stop_reason", nullptr},
          {"stop_sequence", nullptr}, {"usage", {{"input_tokens", 0}, {"output_tokens", 0}}}};
}

void set_ending(json& message, const StopReason& stop, json usage) {
  message["stop_reason"] = stop.reason;
  message["stop_sequence"] = stop.sequence;
  message["usage"] = std::move(usage);
}

// Text the caller reads; the upstream's refusal (OpenAI) is shown like any text.
std::string answer_text(const json& chat_message) {
  std::string text = string_member(chat_message, "content");
  return text.empty() ? string_member(chat_message, "refusal") : text;
}

std::string event_text(const json& event) {
  return sse_event(event["type"].get<std::string>(),
                   event.dump(-1, ' ', false, json::error_handler_t::replace));
}

std::optional<size_t> block_index(const json& event) {
  const json* index = member(event, "index");
  if (!index || !index->is_number_unsigned()) return std::nullopt;
  return index->get<size_t>();
}

// A content_block_delta applied to its block; tool input JSON is collected, to be parsed whole.
void apply_delta(const json& delta, json& block, size_t index,
                 std::map<size_t, std::string>& partial_json) {
  std::string type = string_member(delta, "type");
  auto append = [&](const char* field) {
    const json* text = member(block, field);
    if (text && text->is_string())
      block[field].get_ref<std::string&>() += string_member(delta, field);
  };
  if (type == "text_delta") append("text");
  if (type == "thinking_delta") append("thinking");
  if (type == "signature_delta" && block.is_object())
    block["signature"] = string_member(delta, "signature");
  if (type == "input_json_delta") partial_json[index] += string_member(delta, "partial_json");
}

}  // namespace

json chat_response_to_messages(const json& chat_completion, const json& request,
                               const std::string& message_id) {
  json message = message_skeleton(message_id, model_of(request, chat_completion));
  const json* choices = member(chat_completion, "choices");
  const json& choice =
      or_empty(choices && choices->is_array() && !choices->empty() ? &(*choices)[0] : nullptr);
  const json& said = or_empty(member(choice, "message"));
  json& content = message["content"];
  if (std::string text = answer_text(said); !text.empty())
    content.push_back({{"type", "text"}, {"text", text}});
  const json* tool_calls = member(said, "tool_calls");
  for (size_t i = 0; tool_calls && tool_calls->is_array() && i < tool_calls->size(); ++i) {
    const json& call = (*tool_calls)[i];
    const json& named = or_empty(member(call, "function"));
    const json* arguments = member(named, "arguments");
    std::string id = string_member(call, "id");
    content.push_back(
        {{"type", "tool_use"},
         {"id", id.empty() ? generated_tool_id(message_id, static_cast<int64_t>(i)) : id},
         {"name", string_member(named, "name")},
         // Some providers send the arguments as an object rather than JSON text.
         {"input", arguments && arguments->is_object()
                       ? *arguments
                       : tool_input(string_member(named, "arguments"))}});
  }
  bool has_tool_calls = tool_calls && tool_calls->is_array() && !tool_calls->empty();
  StopReason stop =
      stop_reason_of(string_member(choice, "finish_reason"),
                     or_empty(member(choice, "stop_reason")), has_tool_calls, request);
  set_ending(message, stop, messages_usage(or_empty(member(chat_completion, "usage"))));
  return message;
}

MessagesStreamTranslator::MessagesStreamTranslator(json request, std::string message_id)
    : request_(std::move(request)),
      message_id_(std::move(message_id)),
      message_(message_skeleton(message_id_, model_of(request_, json()))) {}

std::string MessagesStreamTranslator::feed(std::string_view upstream_bytes) {
  std::string out;
  if (finished_) return out;
  for (const SseEvent& event : reader_.feed(upstream_bytes)) {
    if (finished_) break;
    take_event(event, out);
  }
  return out;
}

std::string MessagesStreamTranslator::finish() {
  std::string out;
  if (finished_) return out;
  for (const SseEvent& event : reader_.finish()) {
    if (finished_) break;
    take_event(event, out);
  }
  if (!finished_) close(out);
  return out;
}

std::string MessagesStreamTranslator::fail(const std::string& message) {
  std::string out;
  if (!finished_) emit_error(message, out);
  return out;
}

void MessagesStreamTranslator::take_event(const SseEvent& event, std::string& out) {
  if (event.data.empty()) return;
  if (event.data == "[DONE]") return close(out);
  json chunk = json::parse(event.data, nullptr, false);
  if (!chunk.is_object())
    return emit_error("the upstream sent a stream event that is not a JSON object", out);
  if (const json* error = member(chunk, "error"); error || event.event == "error") {
    const json& said = error ? *error : chunk;
    std::string text = said.is_string() ? said.get<std::string>() : string_member(said, "message");
    return emit_error(
        text.empty() ? said.dump(-1, ' ', false, json::error_handler_t::replace) : text, out);
  }
  if (!started_) {
    started_ = true;
    message_["model"] = model_of(request_, chunk);  // the upstream's name when the caller gave none
    out += event_text({{"type", "message_start"}, {"message", message_}});
  }
  const json* choices = member(chunk, "choices");
  if (choices && choices->is_array() && !choices->empty()) {
    const json& choice = (*choices)[0];
    if (const json* delta = member(choice, "delta")) {
      take_text(answer_text(*delta), out);
      const json* calls = member(*delta, "tool_calls");
      for (size_t i = 0; calls && calls->is_array() && i < calls->size(); ++i)
        take_tool_call((*calls)[i], i, out);
    }
    if (const json* finish_reason = member(choice, "finish_reason");
        finish_reason && finish_reason->is_string()) {
      finish_reason_ = finish_reason->get<std::string>();
      const json* matched = member(choice, "stop_reason");
      matched_stop_ = matched ? *matched : json();
      close_open_block(out);
    }
  }
  if (const json* usage = member(chunk, "usage"); usage && usage->is_object()) usage_ = *usage;
}

void MessagesStreamTranslator::take_text(const std::string& text, std::string& out) {
  if (text.empty()) return;  // OpenAI's first chunk carries "" with the role
  if (!open_block_ || !open_block_is_text_) {
    close_open_block(out);
    open_block({{"type", "text"}, {"text", ""}}, true, out);
  }
  message_["content"][*open_block_]["text"].get_ref<std::string&>() += text;
  out += event_text({{"type", "content_block_delta"},
                     {"index", *open_block_},
                     {"delta", {{"type", "text_delta"}, {"text", text}}}});
}

// A tool call's first fragment (id, name) opens its block; later ones carry arguments. A
// fragment for a call whose block is already closed still goes to that block's index, where
// Anthropic's clients apply it.
void MessagesStreamTranslator::take_tool_call(const json& call, size_t position, std::string& out) {
  if (!call.is_object()) return;
  const json* given_index = member(call, "index");
  int64_t key = given_index && given_index->is_number_integer() ? given_index->get<int64_t>()
                                                                : static_cast<int64_t>(position);
  const json& named = or_empty(member(call, "function"));
  auto found = tool_blocks_.find(key);
  if (found == tool_blocks_.end()) {
    close_open_block(out);
    std::string id = string_member(call, "id");
    if (id.empty()) id = generated_tool_id(message_id_, static_cast<int64_t>(tool_blocks_.size()));
    open_block({{"type", "tool_use"},
                {"id", id},
                {"name", string_member(named, "name")},
                {"input", json::object()}},
               false, out);
    found = tool_blocks_.emplace(key, *open_block_).first;
  }
  size_t index = found->second;
  std::string arguments = string_member(named, "arguments");
  if (arguments.empty()) return;
  tool_arguments_[index] += arguments;
  out += event_text({{"type", "content_block_delta"},
                     {"index", index},
                     {"delta", {{"type", "input_json_delta"}, {"partial_json", arguments}}}});
  if (open_block_ != index)
    message_["content"][index]["input"] = tool_input(tool_arguments_[index]);
}

void MessagesStreamTranslator::open_block(json block, bool is_text, std::string& out) {
  size_t index = message_["content"].size();
  out += event_text({{"type", "content_block_start"}, {"index", index}, {"content_block", block}});
  message_["content"].push_back(std::move(block));
  open_block_ = index;
  open_block_is_text_ = is_text;
}

void MessagesStreamTranslator::close_open_block(std::string& out) {
  if (!open_block_) return;
  size_t index = *open_block_;
  open_block_.reset();
  if (auto arguments = tool_arguments_.find(index); arguments != tool_arguments_.end()) {
    message_["content"][index]["input"] = tool_input(arguments->second);
  }
  out += event_text({{"type", "content_block_stop"}, {"index", index}});
}

// The closing events, once: Anthropic sends the final usage in message_delta, which is where the
// chat stream's usage chunk (known only at the end) belongs.
void MessagesStreamTranslator::close(std::string& out) {
  if (!started_) return emit_error("the upstream ended its stream without an answer", out);
  close_open_block(out);
  StopReason stop = stop_reason_of(finish_reason_, matched_stop_, !tool_blocks_.empty(), request_);
  set_ending(message_, stop, messages_usage(usage_));
  out += event_text({{"type", "message_delta"},
                     {"delta", {{"stop_reason", stop.reason}, {"stop_sequence", stop.sequence}}},
                     {"usage", message_["usage"]}});
  out += event_text({{"type", "message_stop"}});
  finished_ = true;
}

void MessagesStreamTranslator::emit_error(const std::string& message, std::string& out) {
  out += event_text({{"type", "error"}, {"error", {{"type", "api_error"}, {"message", message}}}});
  finished_ = true;
}

json assemble_messages_stream(std::string_view sse_text) {
  SseReader reader;
  std::vector<SseEvent> events = reader.feed(sse_text);
  for (SseEvent& event : reader.finish()) events.push_back(std::move(event));
  json message = json::object();
  std::map<size_t, std::string> partial_json;  // block index -> input_json_delta text so far
  for (const SseEvent& event : events) {
    json data = json::parse(event.data, nullptr, false);
    std::string type = string_member(data, "type");
    if (type == "message_start") {
      const json* start = member(data, "message");
      if (!start || !start->is_object()) continue;
      message = *start;
      if (!message["content"].is_array()) message["content"] = json::array();
      if (!message["usage"].is_object()) message["usage"] = json::object();
      partial_json.clear();
      continue;
    }
    if (message.empty()) continue;  // nothing counts before message_start
    json& content = message["content"];
    std::optional<size_t> index = block_index(data);
    const json* block = member(data, "content_block");
    const json* delta = member(data, "delta");
    if (type == "content_block_start" && index && block && *index <= content.size()) {
      if (*index == content.size())
        content.push_back(*block);
      else
        content[*index] = *block;
      partial_json.erase(*index);
    } else if (type == "content_block_delta" && index && delta && *index < content.size()) {
      apply_delta(*delta, content[*index], *index, partial_json);
    } else if (type == "message_delta") {
      for (const char* field : {"stop_reason", "stop_sequence"}) {
        if (delta && delta->is_object() && delta->contains(field)) message[field] = (*delta)[field];
      }
      const json* usage = member(data, "usage");
      if (usage && usage->is_object()) message["usage"].update(*usage);
    }
  }
  // Inputs are parsed once every delta is in: after content_block_stop, or at the end of a stream
  // cut short.
  for (const auto& [index, text] : partial_json) {
    if (index < message["content"].size() && message["content"][index].is_object()) {
      message["content"][index]["input"] = tool_input(text);
    }
  }
  return message;
}

}  // namespace reinforge::protocols
