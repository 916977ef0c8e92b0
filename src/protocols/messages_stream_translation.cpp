// A streamed chat completion as Anthropic's stream events (docs.anthropic.com, "Streaming
// Messages"). Anthropic's SDKs rebuild the Message from the events, so the Message kept here is
// exactly what they describe: message_start's, with each block's deltas applied and the
// message_delta's stop reason and usage.
#include <utility>

#include "protocols/json_members.hpp"
#include "protocols/json_object_writer.hpp"
#include "protocols/messages_object.hpp"
#include "protocols/messages_translation.hpp"

namespace reinforge::protocols {

using nlohmann::json;
using namespace messages_detail;

namespace {

// An event of `type`: the caller writes its members in key order, `type` among them, then
// closes it with end_event.
JsonObjectWriter open_event(std::string_view type, std::string& out) {
  append_sse_event_head(out, type);
  return JsonObjectWriter(out);
}

void end_event(JsonObjectWriter& event, std::string& out) {
  event.close();
  out += "\n\n";
}

}  // namespace

MessagesStreamTranslator::MessagesStreamTranslator(const json& request, std::string message_id)
    : message_id_(std::move(message_id)) {
  if (const json* model = protocols::member(request, "model"); model && model->is_string()) {
    requested_model_ = model->get<std::string>();
  }
  model_ = requested_model_.value_or("");
  if (const json* sequences = protocols::member(request, "stop_sequences")) {
    stop_sequences_ = *sequences;
  }
}

std::string MessagesStreamTranslator::feed(std::string_view upstream_bytes) {
  std::string out;
  if (finished_) return out;
  message_.reset();
  for (const SseEvent& event : reader_.feed(upstream_bytes)) {
    if (finished_) break;
    take_event(event, out);
  }
  return out;
}

std::string MessagesStreamTranslator::finish() {
  std::string out;
  if (finished_) return out;
  message_.reset();
  for (const SseEvent& event : reader_.finish()) {
    if (finished_) break;
    take_event(event, out);
  }
  if (!finished_) close(out);
  return out;
}

std::string MessagesStreamTranslator::fail(const std::string& message) {
  std::string out;
  if (finished_) return out;
  message_.reset();
  emit_error(message, out);
  return out;
}

void MessagesStreamTranslator::write_block(std::string& out, const Block& block) const {
  if (block.is_text) return write_text_block(out, block.text);
  std::string_view arguments = std::string_view(block.arguments).substr(0, block.input_length);
  write_tool_use_block(out, block.id, block.name,
                       arguments.empty() ? "{}" : any_json_text(tool_input(arguments)));
}

std::string MessagesStreamTranslator::message_text() const {
  std::string content = "[";
  for (size_t i = 0; i < content_.size(); ++i) {
    if (i) content += ',';
    write_block(content, content_[i]);
  }
  content += ']';
  std::string out;
  write_message(out, message_id_, model_, content, ending_);
  return out;
}

const json& MessagesStreamTranslator::message() const {
  if (!message_) message_ = json::parse(message_text());
  return *message_;
}

void MessagesStreamTranslator::take_event(const SseEvent& event, std::string& out) {
  if (event.data.empty()) return;
  if (event.data == "[DONE]") return close(out);
  std::optional<JsonElement> chunk = parse_upstream_json(event.data);
  if (!chunk || !chunk->is_object())
    return emit_error("the upstream sent a stream event that is not a JSON object", out);
  if (member(*chunk, "error") || event.event == "error") {
    // An error: rare, so read with the same nlohmann helpers as everything the caller sent.
    json whole = to_nlohmann(*chunk);
    const json* error = protocols::member(whole, "error");
    const json& said = error ? *error : whole;
    std::string text =
        said.is_string() ? said.get<std::string>() : protocols::string_member(said, "message");
    return emit_error(text.empty() ? any_json_text(said) : text, out);
  }
  if (!started_) {
    started_ = true;
    // The upstream's name when the caller gave none.
    if (!requested_model_) model_ = string_member(*chunk, "model");
    JsonObjectWriter start = open_event("message_start", out);
    start.raw("message", message_text()).string("type", "message_start");
    end_event(start, out);
  }
  simdjson::dom::array choices;
  if (auto list = member(*chunk, "choices");
      list && !list->get_array().get(choices) && choices.begin() != choices.end()) {
    JsonElement choice = *choices.begin();
    if (auto delta = member(choice, "delta")) {
      // The upstream's refusal (OpenAI) is shown like any text.
      std::string_view text = string_member(*delta, "content");
      take_text(text.empty() ? string_member(*delta, "refusal") : text, out);
      simdjson::dom::array calls;
      if (auto list = member(*delta, "tool_calls"); list && !list->get_array().get(calls)) {
        size_t position = 0;
        for (JsonElement call : calls) take_tool_call(call, position++, out);
      }
    }
    std::string_view finish_reason;
    if (auto reason = member(choice, "finish_reason");
        reason && !reason->get_string().get(finish_reason)) {
      finish_reason_ = finish_reason;
      std::string_view matched;
      if (auto stop = member(choice, "stop_reason"); stop && !stop->get_string().get(matched)) {
        matched_stop_ = std::string(matched);
      } else {
        matched_stop_.reset();
      }
      close_open_block(out);
    }
  }
  if (auto usage = member(*chunk, "usage"); usage && usage->is_object()) {
    usage_ = to_nlohmann(*usage);
  }
}

void MessagesStreamTranslator::take_text(std::string_view text, std::string& out) {
  if (text.empty()) return;  // OpenAI's first chunk carries "" with the role
  if (!open_block_ || !content_[*open_block_].is_text) {
    close_open_block(out);
    Block block;
    block.is_text = true;
    open_block(std::move(block), out);
  }
  content_[*open_block_].text += text;
  JsonObjectWriter event = open_event("content_block_delta", out);
  JsonObjectWriter(event.key("delta")).string("text", text).string("type", "text_delta").close();
  event.number("index", static_cast<int64_t>(*open_block_)).string("type", "content_block_delta");
  end_event(event, out);
}

// A tool call's first fragment (id, name) opens its block; later ones carry arguments. A
// fragment for a call whose block is already closed still goes to that block's index, where
// Anthropic's clients apply it.
void MessagesStreamTranslator::take_tool_call(JsonElement call, size_t position, std::string& out) {
  if (!call.is_object()) return;
  std::optional<int64_t> given_index;
  if (auto index = member(call, "index")) given_index = integer_value(*index);
  int64_t key = given_index.value_or(static_cast<int64_t>(position));
  std::optional<JsonElement> named = member(call, "function");
  auto function_string = [&](std::string_view field) {
    return named ? string_member(*named, field) : std::string_view();
  };
  auto found = tool_blocks_.find(key);
  if (found == tool_blocks_.end()) {
    close_open_block(out);
    Block block;
    block.id = string_member(call, "id");
    if (block.id.empty()) {
      block.id = generated_tool_id(message_id_, static_cast<int64_t>(tool_blocks_.size()));
    }
    block.name = function_string("name");
    open_block(std::move(block), out);
    found = tool_blocks_.emplace(key, *open_block_).first;
  }
  size_t index = found->second;
  std::string_view arguments = function_string("arguments");
  if (arguments.empty()) return;
  Block& block = content_[index];
  block.arguments += arguments;
  JsonObjectWriter event = open_event("content_block_delta", out);
  JsonObjectWriter(event.key("delta"))
      .string("partial_json", arguments)
      .string("type", "input_json_delta")
      .close();
  event.number("index", static_cast<int64_t>(index)).string("type", "content_block_delta");
  end_event(event, out);
  if (open_block_ != index) block.input_length = block.arguments.size();
}

void MessagesStreamTranslator::open_block(Block block, std::string& out) {
  size_t index = content_.size();
  JsonObjectWriter event = open_event("content_block_start", out);
  write_block(event.key("content_block"), block);
  event.number("index", static_cast<int64_t>(index)).string("type", "content_block_start");
  end_event(event, out);
  content_.push_back(std::move(block));
  open_block_ = index;
}

void MessagesStreamTranslator::close_open_block(std::string& out) {
  if (!open_block_) return;
  size_t index = *open_block_;
  open_block_.reset();
  if (!content_[index].is_text) content_[index].input_length = content_[index].arguments.size();
  JsonObjectWriter event = open_event("content_block_stop", out);
  event.number("index", static_cast<int64_t>(index)).string("type", "content_block_stop");
  end_event(event, out);
}

// The closing events, once: Anthropic sends the final usage in message_delta, which is where the
// chat stream's usage chunk (known only at the end) belongs.
void MessagesStreamTranslator::close(std::string& out) {
  if (!started_) return emit_error("the upstream ended its stream without an answer", out);
  close_open_block(out);
  StopReason stop = stop_reason_of(finish_reason_, matched_stop_ ? json(*matched_stop_) : json(),
                                   !tool_blocks_.empty(), stop_sequences_);
  ending_ = message_ending(stop, usage_);
  JsonObjectWriter ending = open_event("message_delta", out);
  JsonObjectWriter(ending.key("delta"))
      .raw("stop_reason", ending_.stop_reason)
      .raw("stop_sequence", ending_.stop_sequence)
      .close();
  ending.string("type", "message_delta").raw("usage", ending_.usage);
  end_event(ending, out);
  JsonObjectWriter stop_event = open_event("message_stop", out);
  stop_event.string("type", "message_stop");
  end_event(stop_event, out);
  finished_ = true;
}

void MessagesStreamTranslator::emit_error(std::string_view message, std::string& out) {
  JsonObjectWriter event = open_event("error", out);
  JsonObjectWriter(event.key("error"))
      .string("message", message)
      .string("type", "api_error")
      .close();
  event.string("type", "error");
  end_event(event, out);
  finished_ = true;
}

}  // namespace reinforge::protocols
