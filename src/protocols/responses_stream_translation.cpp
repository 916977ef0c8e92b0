// A streamed chat completion as the Responses API's semantic events (OpenAI's API reference,
// "Streaming events"). The official SDKs rebuild the Response from these events and check each
// one against what came before: an item must be added at the next output_index before its
// deltas, a part at the next content_index, and response.completed replaces everything with the
// whole Response; so response_ is kept exactly as the events describe it.
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

ResponsesStreamTranslator::ResponsesStreamTranslator(json request, std::string response_id,
                                                     int64_t created_at)
    : request_(std::move(request)),
      response_id_(std::move(response_id)),
      created_at_(created_at),
      response_(response_skeleton(request_, response_id_, created_at_)) {}

std::string ResponsesStreamTranslator::feed(std::string_view upstream_bytes) {
  if (finished_) return "";
  std::string out = start();
  for (const SseEvent& event : reader_.feed(upstream_bytes)) {
    if (finished_) break;  // nothing follows response.completed or response.failed
    out += take_event(event);
  }
  return out;
}

std::string ResponsesStreamTranslator::finish() {
  if (finished_) return "";
  std::string out = start();
  for (const SseEvent& event : reader_.finish()) {
    if (finished_) break;
    out += take_event(event);
  }
  if (finished_) return out;
  if (!items_closed_) {
    return out + fail_with("server_error", "the upstream stream ended before the answer finished");
  }
  return out + complete();  // the finish_reason came but no usage and no [DONE]
}

std::string ResponsesStreamTranslator::fail(const std::string& message) {
  if (finished_) return "";
  std::string out = start();
  return out + fail_with("server_error", message);
}

std::string ResponsesStreamTranslator::emit(std::string_view type, json payload) {
  payload["type"] = type;
  payload["sequence_number"] = sequence_++;
  return sse_event(type, json_text(payload));
}

std::string ResponsesStreamTranslator::start() {
  if (started_) return "";
  started_ = true;
  // Separate statements: the operands of + may be evaluated in either order, and the sequence
  // numbers must follow the order of the events.
  std::string out = emit("response.created", {{"response", response_}});
  return out + emit("response.in_progress", {{"response", response_}});
}

std::string ResponsesStreamTranslator::take_event(const SseEvent& event) {
  if (event.data.empty()) return "";
  if (event.data == "[DONE]") {
    std::string out = close_items();
    return out + complete();
  }
  json chunk = json::parse(event.data, nullptr, false);
  if (!chunk.is_object()) {
    return fail_with("server_error", "the upstream sent an event that is not a JSON object: " +
                                         excerpt(event.data));
  }
  const json* error = member(chunk, "error");
  if (event.event == "error" && !error) error = &chunk;
  if (error && !error->is_null()) {
    std::string code = string_member(*error, "code");
    if (const json* number = member(*error, "code"); number && number->is_number()) {
      code = json_text(*number);
    }
    if (code.empty()) code = string_member(*error, "type");
    if (code.empty()) code = "server_error";
    std::string message =
        error->is_string() ? error->get<std::string>() : string_member(*error, "message");
    if (message.empty()) message = "the upstream failed: " + excerpt(json_text(*error));
    return fail_with(code, message);
  }
  return take_chunk(chunk);
}

std::string ResponsesStreamTranslator::take_chunk(const json& chunk) {
  std::string out;
  if (const json* model = member(chunk, "model"); model && model->is_string()) {
    response_["model"] = *model;
  }
  if (const json* usage = member(chunk, "usage"); usage && usage->is_object()) usage_ = *usage;
  if (const json* choice = first_choice(chunk); choice && !items_closed_) {
    if (const json* delta = member(*choice, "delta")) {
      std::string content = string_member(*delta, "content");
      if (!content.empty()) out += take_text(false, content);
      std::string refusal = string_member(*delta, "refusal");
      if (!refusal.empty()) out += take_text(true, refusal);
      if (const json* calls = member(*delta, "tool_calls"); calls && calls->is_array()) {
        for (size_t i = 0; i < calls->size(); ++i) out += take_tool_call((*calls)[i], i);
      }
    }
    if (std::string reason = string_member(*choice, "finish_reason"); !reason.empty()) {
      finish_reason_ = reason;
      out += close_items();
    }
  }
  // With stream_options.include_usage the usage comes in a chunk of its own after the
  // finish_reason; response.completed waits for it so that it can carry it.
  if (items_closed_ && !usage_.is_null()) out += complete();
  return out;
}

std::string ResponsesStreamTranslator::take_text(bool refusal, const std::string& delta) {
  std::string out;
  json& output = response_["output"];
  std::string item_id = message_item_id(response_id_);
  if (!message_index_) {
    message_index_ = output.size();
    output.push_back({{"type", "message"},
                      {"id", item_id},
                      {"status", "in_progress"},
                      {"role", "assistant"},
                      {"content", json::array()}});
    out += emit("response.output_item.added",
                {{"output_index", *message_index_}, {"item", output.back()}});
  }
  json& content = output[*message_index_]["content"];
  std::optional<size_t>& part_index = refusal ? refusal_part_index_ : text_part_index_;
  if (!part_index) {
    part_index = content.size();
    content.push_back(refusal ? refusal_part("") : output_text_part(""));
    out += emit("response.content_part.added", {{"item_id", item_id},
                                                {"output_index", *message_index_},
                                                {"content_index", *part_index},
                                                {"part", content.back()}});
  }
  content[*part_index][refusal ? "refusal" : "text"].get_ref<std::string&>() += delta;
  out += emit(refusal ? "response.refusal.delta" : "response.output_text.delta",
              {{"item_id", item_id},
               {"output_index", *message_index_},
               {"content_index", *part_index},
               {"delta", delta}});
  return out;
}

std::string ResponsesStreamTranslator::take_tool_call(const json& delta, size_t position) {
  std::string out;
  json& output = response_["output"];
  // Some providers leave out `index` when each chunk carries every call; the position stands in.
  const json* given_index = member(delta, "index");
  int64_t index = given_index && given_index->is_number_integer() ? given_index->get<int64_t>()
                                                                  : static_cast<int64_t>(position);
  json function = member(delta, "function") ? delta["function"] : json::object();
  auto found = tool_call_indexes_.find(index);
  if (found == tool_call_indexes_.end()) {
    size_t ordinal = tool_call_indexes_.size();
    std::string call_id = string_member(delta, "id");
    if (call_id.empty()) call_id = generated_call_id(response_id_, ordinal);
    output.push_back(function_call_item(function_call_item_id(response_id_, ordinal), call_id,
                                        string_member(function, "name"), "", "in_progress"));
    found = tool_call_indexes_.emplace(index, output.size() - 1).first;
    out += emit("response.output_item.added",
                {{"output_index", found->second}, {"item", output.back()}});
  }
  json& item = output[found->second];
  // A name that only comes in a later delta is taken; one repeated in every delta is not doubled.
  if (std::string name = string_member(function, "name");
      !name.empty() && item["name"].get_ref<const std::string&>().empty()) {
    item["name"] = name;
  }
  std::string arguments = string_member(function, "arguments");
  if (arguments.empty()) return out;
  item["arguments"].get_ref<std::string&>() += arguments;
  out += emit("response.function_call_arguments.delta",
              {{"item_id", item["id"]}, {"output_index", found->second}, {"delta", arguments}});
  return out;
}

std::string ResponsesStreamTranslator::close_items() {
  if (items_closed_) return "";
  items_closed_ = true;
  std::string out;
  std::string status = status_for_finish_reason(finish_reason_);
  json& output = response_["output"];
  for (size_t index = 0; index < output.size(); ++index) {
    json& item = output[index];
    if (item["type"] == "message") {
      const json& content = item["content"];
      for (size_t part_index = 0; part_index < content.size(); ++part_index) {
        const json& part = content[part_index];
        json located = {
            {"item_id", item["id"]}, {"output_index", index}, {"content_index", part_index}};
        if (part["type"] == "refusal") {
          json done = located;
          done["refusal"] = part["refusal"];
          out += emit("response.refusal.done", std::move(done));
        } else {
          json done = located;
          done["text"] = part["text"];
          out += emit("response.output_text.done", std::move(done));
        }
        located["part"] = part;
        out += emit("response.content_part.done", std::move(located));
      }
    } else {
      out += emit(
          "response.function_call_arguments.done",
          {{"item_id", item["id"]}, {"output_index", index}, {"arguments", item["arguments"]}});
    }
    item["status"] = status;
    out += emit("response.output_item.done", {{"output_index", index}, {"item", item}});
  }
  return out;
}

std::string ResponsesStreamTranslator::complete() {
  if (finished_) return "";
  finished_ = true;
  std::string status = status_for_finish_reason(finish_reason_);
  response_["status"] = status;
  response_["incomplete_details"] = incomplete_details_for(finish_reason_);
  response_["usage"] = responses_usage(usage_);
  return emit(status == "incomplete" ? "response.incomplete" : "response.completed",
              {{"response", response_}});
}

std::string ResponsesStreamTranslator::fail_with(const std::string& code,
                                                 const std::string& raw_message) {
  // The message may quote the upstream's bytes or the caller's text: kept as valid UTF-8 so that
  // response() can be written out later like any other JSON.
  std::string message = json::parse(json_text(raw_message)).get<std::string>();
  finished_ = true;
  response_["status"] = "failed";
  response_["error"] = {{"code", "server_error"}, {"message", message}};
  response_["usage"] = responses_usage(usage_);
  std::string out = emit("error", {{"code", code}, {"message", message}, {"param", nullptr}});
  return out + emit("response.failed", {{"response", response_}});
}

}  // namespace reinforge::protocols
