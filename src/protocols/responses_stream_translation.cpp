// A streamed chat completion as the Responses API's semantic events (OpenAI's API reference,
// "Streaming events"). The official SDKs rebuild the Response from these events and check each
// one against what came before: an item must be added at the next output_index before its
// deltas, a part at the next content_index, and response.completed replaces everything with the
// whole Response; so state_ is kept exactly as the events describe it.
#include <utility>

#include "protocols/responses_object.hpp"
#include "protocols/responses_translation.hpp"

namespace reinforge::protocols {

using nlohmann::json;
using namespace responses_detail;

namespace {

// The start of an upstream line for an error message, so that a huge line stays readable.
std::string excerpt(std::string_view text) {
  constexpr size_t kMax = 200;
  return text.size() <= kMax ? std::string(text) : std::string(text.substr(0, kMax)) + "...";
}

}  // namespace

ResponsesStreamTranslator::ResponsesStreamTranslator(const json& request, std::string response_id,
                                                     int64_t created_at)
    : response_id_(std::move(response_id)),
      writer_(request, response_id_, created_at),
      state_(writer_.initial_state()) {}

std::string ResponsesStreamTranslator::feed(std::string_view upstream_bytes) {
  std::string out;
  if (finished_) return out;
  response_.reset();
  start(out);
  for (const SseEvent& event : reader_.feed(upstream_bytes)) {
    if (finished_) break;  // nothing follows response.completed or response.failed
    take_event(event, out);
  }
  return out;
}

std::string ResponsesStreamTranslator::finish() {
  std::string out;
  if (finished_) return out;
  response_.reset();
  start(out);
  for (const SseEvent& event : reader_.finish()) {
    if (finished_) break;
    take_event(event, out);
  }
  if (finished_) return out;
  if (!items_closed_) {
    fail_with("server_error", "the upstream stream ended before the answer finished", out);
  } else {
    complete(out);  // the finish_reason came but no usage and no [DONE]
  }
  return out;
}

std::string ResponsesStreamTranslator::fail(const std::string& message) {
  std::string out;
  if (finished_) return out;
  response_.reset();
  start(out);
  fail_with("server_error", message, out);
  return out;
}

std::string ResponsesStreamTranslator::response_text() const {
  std::string text;
  writer_.write(text, state_);
  return text;
}

const json& ResponsesStreamTranslator::response() const {
  if (!response_) response_ = json::parse(response_text());
  return *response_;
}

JsonObjectWriter ResponsesStreamTranslator::open_event(std::string_view type, std::string& out) {
  append_sse_event_head(out, type);
  return JsonObjectWriter(out);
}

// Every event ends with its sequence_number and type (after the members before them in key
// order, which the caller wrote).
void ResponsesStreamTranslator::close_event(JsonObjectWriter& event, std::string_view type,
                                            std::string& out) {
  event.number("sequence_number", sequence_++).string("type", type).close();
  out += "\n\n";
}

void ResponsesStreamTranslator::write_response_event(std::string_view type, std::string& out) {
  JsonObjectWriter event = open_event(type, out);
  writer_.write(event.key("response"), state_);
  close_event(event, type, out);
}

void ResponsesStreamTranslator::start(std::string& out) {
  if (started_) return;
  started_ = true;
  write_response_event("response.created", out);
  write_response_event("response.in_progress", out);
}

void ResponsesStreamTranslator::take_event(const SseEvent& event, std::string& out) {
  if (event.data.empty()) return;
  if (event.data == "[DONE]") {
    close_items(out);
    return complete(out);
  }
  std::optional<JsonElement> chunk = parse_upstream_json(event.data);
  if (!chunk || !chunk->is_object()) {
    return fail_with("server_error",
                     "the upstream sent an event that is not a JSON object: " + excerpt(event.data),
                     out);
  }
  if (!member(*chunk, "error") && event.event != "error") return take_chunk(*chunk, out);
  // An error: rare, so read with the same nlohmann helpers as everything the caller sent.
  json said = to_nlohmann(*chunk);
  const json* error = member(said, "error");
  if (!error) error = &said;
  std::string code = protocols::string_member(*error, "code");
  if (const json* number = protocols::member(*error, "code"); number && number->is_number()) {
    code = json_text(*number);
  }
  if (code.empty()) code = protocols::string_member(*error, "type");
  if (code.empty()) code = "server_error";
  std::string message =
      error->is_string() ? error->get<std::string>() : protocols::string_member(*error, "message");
  if (message.empty()) message = "the upstream failed: " + excerpt(json_text(*error));
  fail_with(code, message, out);
}

void ResponsesStreamTranslator::take_chunk(JsonElement chunk, std::string& out) {
  if (auto model = member(chunk, "model"); model && model->is_string()) {
    state_.model.clear();
    util::append_json_string(state_.model, std::string_view(*model));
  }
  if (auto usage = member(chunk, "usage"); usage && usage->is_object()) {
    usage_ = responses_usage(*usage);
  }
  if (auto choice = first_choice(chunk); choice && !items_closed_) {
    if (auto delta = member(*choice, "delta")) {
      if (std::string_view content = string_member(*delta, "content"); !content.empty()) {
        take_text(false, content, out);
      }
      if (std::string_view refusal = string_member(*delta, "refusal"); !refusal.empty()) {
        take_text(true, refusal, out);
      }
      simdjson::dom::array calls;
      if (auto list = member(*delta, "tool_calls"); list && !list->get_array().get(calls)) {
        size_t position = 0;
        for (JsonElement call : calls) take_tool_call(call, position++, out);
      }
    }
    if (std::string_view reason = string_member(*choice, "finish_reason"); !reason.empty()) {
      finish_reason_ = reason;
      close_items(out);
    }
  }
  // With stream_options.include_usage the usage comes in a chunk of its own after the
  // finish_reason; response.completed waits for it so that it can carry it.
  if (items_closed_ && usage_) complete(out);
}

void ResponsesStreamTranslator::take_text(bool refusal, std::string_view delta, std::string& out) {
  std::vector<OutputItem>& output = state_.output;
  if (!message_index_) {
    message_index_ = output.size();
    OutputItem& item = output.emplace_back();
    item.is_message = true;
    item.id = message_item_id(response_id_);
    JsonObjectWriter event = open_event("response.output_item.added", out);
    write_item(event.key("item"), item);
    event.number("output_index", static_cast<int64_t>(*message_index_));
    close_event(event, "response.output_item.added", out);
  }
  OutputItem& message = output[*message_index_];
  std::optional<size_t>& part_index = refusal ? refusal_part_index_ : text_part_index_;
  if (!part_index) {
    part_index = message.content.size();
    message.content.push_back({refusal, ""});
    JsonObjectWriter event = open_event("response.content_part.added", out);
    event.number("content_index", static_cast<int64_t>(*part_index))
        .string("item_id", message.id)
        .number("output_index", static_cast<int64_t>(*message_index_));
    write_part(event.key("part"), message.content.back());
    close_event(event, "response.content_part.added", out);
  }
  message.content[*part_index].text += delta;
  std::string_view type = refusal ? "response.refusal.delta" : "response.output_text.delta";
  JsonObjectWriter event = open_event(type, out);
  event.number("content_index", static_cast<int64_t>(*part_index))
      .string("delta", delta)
      .string("item_id", message.id)
      .number("output_index", static_cast<int64_t>(*message_index_));
  close_event(event, type, out);
}

void ResponsesStreamTranslator::take_tool_call(JsonElement delta, size_t position,
                                               std::string& out) {
  std::vector<OutputItem>& output = state_.output;
  // Some providers leave out `index` when each chunk carries every call; the position stands in.
  std::optional<int64_t> given_index;
  if (auto index = member(delta, "index")) given_index = integer_value(*index);
  int64_t index = given_index.value_or(static_cast<int64_t>(position));
  std::optional<JsonElement> function = member(delta, "function");
  auto function_string = [&](std::string_view key) {
    return function ? string_member(*function, key) : std::string_view();
  };
  auto found = tool_call_indexes_.find(index);
  if (found == tool_call_indexes_.end()) {
    size_t ordinal = tool_call_indexes_.size();
    OutputItem& item = output.emplace_back();
    item.id = function_call_item_id(response_id_, ordinal);
    item.call_id = string_member(delta, "id");
    if (item.call_id.empty()) item.call_id = generated_call_id(response_id_, ordinal);
    item.name = function_string("name");
    found = tool_call_indexes_.emplace(index, output.size() - 1).first;
    JsonObjectWriter event = open_event("response.output_item.added", out);
    write_item(event.key("item"), item);
    event.number("output_index", static_cast<int64_t>(found->second));
    close_event(event, "response.output_item.added", out);
  }
  OutputItem& item = output[found->second];
  // A name that only comes in a later delta is taken; one repeated in every delta is not doubled.
  if (std::string_view name = function_string("name"); !name.empty() && item.name.empty()) {
    item.name = name;
  }
  std::string_view arguments = function_string("arguments");
  if (arguments.empty()) return;
  item.arguments += arguments;
  JsonObjectWriter event = open_event("response.function_call_arguments.delta", out);
  event.string("delta", arguments)
      .string("item_id", item.id)
      .number("output_index", static_cast<int64_t>(found->second));
  close_event(event, "response.function_call_arguments.delta", out);
}

void ResponsesStreamTranslator::close_items(std::string& out) {
  if (items_closed_) return;
  items_closed_ = true;
  std::string_view status = status_for_finish_reason(finish_reason_);
  for (size_t index = 0; index < state_.output.size(); ++index) {
    OutputItem& item = state_.output[index];
    auto output_index = static_cast<int64_t>(index);
    if (item.is_message) {
      for (size_t part_index = 0; part_index < item.content.size(); ++part_index) {
        const ContentPart& part = item.content[part_index];
        auto content_index = static_cast<int64_t>(part_index);
        if (part.refusal) {
          JsonObjectWriter done = open_event("response.refusal.done", out);
          done.number("content_index", content_index)
              .string("item_id", item.id)
              .number("output_index", output_index)
              .string("refusal", part.text);
          close_event(done, "response.refusal.done", out);
        } else {
          // "text" sorts after sequence_number, so this event is closed by hand.
          JsonObjectWriter done = open_event("response.output_text.done", out);
          done.number("content_index", content_index)
              .string("item_id", item.id)
              .number("output_index", output_index)
              .number("sequence_number", sequence_++)
              .string("text", part.text)
              .string("type", "response.output_text.done")
              .close();
          out += "\n\n";
        }
        JsonObjectWriter done = open_event("response.content_part.done", out);
        done.number("content_index", content_index)
            .string("item_id", item.id)
            .number("output_index", output_index);
        write_part(done.key("part"), part);
        close_event(done, "response.content_part.done", out);
      }
    } else {
      JsonObjectWriter done = open_event("response.function_call_arguments.done", out);
      done.string("arguments", item.arguments)
          .string("item_id", item.id)
          .number("output_index", output_index);
      close_event(done, "response.function_call_arguments.done", out);
    }
    item.status = status;
    JsonObjectWriter done = open_event("response.output_item.done", out);
    write_item(done.key("item"), item);
    done.number("output_index", output_index);
    close_event(done, "response.output_item.done", out);
  }
}

void ResponsesStreamTranslator::complete(std::string& out) {
  if (finished_) return;
  finished_ = true;
  std::string_view status = status_for_finish_reason(finish_reason_);
  state_.status = status;
  state_.incomplete_details = incomplete_details_for(finish_reason_);
  state_.usage = usage_;
  write_response_event(status == "incomplete" ? "response.incomplete" : "response.completed", out);
}

void ResponsesStreamTranslator::fail_with(std::string_view code, std::string_view message,
                                          std::string& out) {
  // The message may quote the upstream's bytes or the caller's text: the JSON string writer
  // replaces invalid UTF-8, so the Response stays writable like any other JSON.
  finished_ = true;
  state_.status = "failed";
  state_.error.clear();
  JsonObjectWriter(state_.error).string("code", "server_error").string("message", message).close();
  state_.usage = usage_;
  JsonObjectWriter error = open_event("error", out);
  error.string("code", code).string("message", message).raw("param", "null");
  close_event(error, "error", out);
  write_response_event("response.failed", out);
}

}  // namespace reinforge::protocols
