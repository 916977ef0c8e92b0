#include "gateway/stream_assembler.hpp"

#include <simdjson.h>

#include <array>
#include <map>
#include <nlohmann/json.hpp>

#include "util/json_string.hpp"

namespace reinforge::gateway {

namespace {

using nlohmann::json;

// Each event is parsed with simdjson (whole, so a broken event is skipped whole) into plain
// strings, and the completion is written once per trace at the end. Parsing every event into
// an nlohmann DOM cost more than relaying the stream did. The output is what nlohmann would
// dump for the same document: keys in sorted order, compact.

std::optional<int64_t> integer(simdjson::dom::element value) {
  int64_t number = 0;
  if (value.is_int64() && !value.get_int64().get(number)) return number;
  uint64_t unsigned_number = 0;
  if (value.is_uint64() && !value.get_uint64().get(unsigned_number))
    return static_cast<int64_t>(unsigned_number);
  return std::nullopt;
}

using util::append_json_string;

// A value taken from an event: a string is kept unescaped, any other value as its JSON text
// (re-read by nlohmann when written, so its keys come out sorted and its numbers formatted
// like the rest of the document).
struct KeptValue {
  enum class Kind { null, string, other } kind = Kind::null;
  std::string text;

  void keep(simdjson::dom::element value) {
    std::string_view string;
    if (!value.get_string().get(string)) {
      kind = Kind::string;
      text.assign(string);
    } else {
      kind = Kind::other;
      text = simdjson::minify(value);
    }
  }
  void write(std::string& out) const {
    if (kind == Kind::null) out += "null";
    if (kind == Kind::string) append_json_string(out, text);
    if (kind == Kind::other) out += json::parse(text).dump();
  }
};

// Appends `piece` when it is a string; a text that got one becomes a string (not null).
void append_string(std::optional<std::string>& text, simdjson::dom::element piece) {
  std::string_view value;
  if (piece.get_string().get(value)) return;
  if (!text) text.emplace();
  text->append(value);
}

struct ToolCallState {
  std::string id;
  std::string type = "function";
  std::string name;
  std::string arguments;
};

struct ChoiceState {
  std::string role = "assistant";
  std::optional<std::string> content;           // null until a string arrives
  std::optional<std::string> refusal;           // absent until a string arrives
  std::map<int64_t, ToolCallState> tool_calls;  // by the index the deltas carry
  KeptValue finish_reason;
  KeptValue logprobs;
};

void apply_delta(ChoiceState& choice, simdjson::dom::object delta) {
  std::string_view text;
  if (!delta["role"].get_string().get(text)) choice.role = text;
  simdjson::dom::element value;
  if (!delta["content"].get(value)) append_string(choice.content, value);
  if (!delta["refusal"].get(value)) append_string(choice.refusal, value);
  simdjson::dom::array calls;
  if (delta["tool_calls"].get_array().get(calls)) return;
  for (simdjson::dom::element call_delta : calls) {
    simdjson::dom::object fields;
    if (call_delta.get_object().get(fields)) continue;
    std::optional<int64_t> index;
    if (!fields["index"].get(value)) index = integer(value);
    auto& call = choice.tool_calls[index.value_or(static_cast<int64_t>(choice.tool_calls.size()))];
    if (!fields["id"].get_string().get(text)) call.id = text;
    if (!fields["type"].get_string().get(text)) call.type = text;
    simdjson::dom::object function;
    if (fields["function"].get_object().get(function)) continue;
    if (!function["name"].get_string().get(text)) call.name.append(text);
    if (!function["arguments"].get_string().get(text)) call.arguments.append(text);
  }
}

// The usage fields of every protocol, read into one TokenUsage: chat completions name them
// prompt/completion with *_tokens_details, Responses input/output with *_tokens_details,
// Anthropic input/output with cache_read/cache_creation beside (and not inside) input_tokens.
class UsageReader {
 public:
  void field(std::string_view key, int64_t value) {
    if (key == "prompt_tokens" || key == "input_tokens") usage_.prompt_tokens = value;
    if (key == "completion_tokens" || key == "output_tokens") usage_.completion_tokens = value;
    if (key == "total_tokens") usage_.total_tokens = value;
    if (key == "cache_read_input_tokens") cache_read_ = value;
    if (key == "cache_creation_input_tokens") cache_written_ = value;
  }
  void detail(std::string_view parent, std::string_view key, int64_t value) {
    if ((parent == "prompt_tokens_details" || parent == "input_tokens_details") &&
        key == "cached_tokens")
      usage_.cached_tokens = value;
    if ((parent == "completion_tokens_details" || parent == "output_tokens_details") &&
        key == "reasoning_tokens")
      usage_.reasoning_tokens = value;
  }
  TokenUsage usage() const {
    TokenUsage usage = usage_;
    if (cache_read_ || cache_written_) {
      usage.prompt_tokens =
          usage.prompt_tokens.value_or(0) + cache_read_.value_or(0) + cache_written_.value_or(0);
      if (cache_read_) usage.cached_tokens = cache_read_;
    }
    if (!usage.total_tokens && usage.prompt_tokens && usage.completion_tokens)
      usage.total_tokens = *usage.prompt_tokens + *usage.completion_tokens;
    return usage;
  }

 private:
  TokenUsage usage_;
  std::optional<int64_t> cache_read_;
  std::optional<int64_t> cache_written_;
};

TokenUsage usage_from(simdjson::dom::object usage) {
  UsageReader reader;
  for (auto field : usage) {
    simdjson::dom::object details;
    if (!field.value.get_object().get(details)) {
      for (auto detail : details) {
        int64_t value = 0;
        if (!detail.value.get_int64().get(value)) reader.detail(field.key, detail.key, value);
      }
      continue;
    }
    int64_t value = 0;
    if (!field.value.get_int64().get(value)) reader.field(field.key, value);
  }
  return reader.usage();
}

std::string error_message(simdjson::dom::element error) {
  simdjson::dom::object fields;
  std::string_view message;
  if (!error.get_object().get(fields) && !fields["message"].get_string().get(message))
    return std::string(message);
  return json::parse(simdjson::minify(error)).dump();
}

void write_message(std::string& out, ChoiceState& state) {
  out += "{\"content\":";
  if (state.content) {
    append_json_string(out, *state.content);
  } else {
    out += "null";
  }
  if (state.refusal) {
    out += ",\"refusal\":";
    append_json_string(out, *state.refusal);
  }
  out += ",\"role\":";
  append_json_string(out, state.role);
  if (!state.tool_calls.empty()) {
    out += ",\"tool_calls\":[";
    bool first = true;
    for (auto& [index, call] : state.tool_calls) {
      out += first ? "" : ",";
      first = false;
      out += "{\"function\":{\"arguments\":";
      append_json_string(out, call.arguments);
      out += ",\"name\":";
      append_json_string(out, call.name);
      out += "},\"id\":";
      append_json_string(out, call.id);
      out += ",\"type\":";
      append_json_string(out, call.type);
      out += '}';
    }
    out += ']';
  }
  out += '}';
}

}  // namespace

AssembledResponse assemble_chat_stream(std::string_view sse_text) {
  thread_local simdjson::dom::parser parser;
  AssembledResponse result;
  // The completion's own fields, in the order they are written (sorted, like every key).
  static constexpr std::array<std::string_view, 6> kTopLevel{
      "created", "id", "model", "service_tier", "system_fingerprint", "usage"};
  std::array<KeptValue, kTopLevel.size()> top_level;
  std::map<int64_t, ChoiceState> choices;
  // One padded copy of the text, so each event is parsed where it lies (simdjson reads up to
  // SIMDJSON_PADDING bytes past a document's end).
  simdjson::padded_string padded(sse_text);
  sse_text = std::string_view(padded.data(), padded.size());
  std::size_t start = 0;
  while (start < sse_text.size()) {
    std::size_t end = sse_text.find('\n', start);
    if (end == std::string_view::npos) end = sse_text.size();
    std::string_view line = sse_text.substr(start, end - start);
    start = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.rfind("data:", 0) != 0) continue;
    line.remove_prefix(5);
    if (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    if (line == "[DONE]") break;
    simdjson::dom::object chunk;
    if (parser.parse(line.data(), line.size(), false).get_object().get(chunk)) continue;
    simdjson::dom::element value;
    if (!chunk["error"].get(value)) {
      result.error = error_message(value);
      continue;
    }
    for (std::size_t i = 0; i + 1 < kTopLevel.size(); ++i) {
      if (!chunk[kTopLevel[i]].get(value) && !value.is_null()) top_level[i].keep(value);
    }
    simdjson::dom::object usage;
    if (!chunk["usage"].get(value) && !value.get_object().get(usage)) {
      top_level.back().keep(value);
      result.usage = usage_from(usage);
    }
    simdjson::dom::array choice_list;
    if (chunk["choices"].get_array().get(choice_list)) continue;
    for (simdjson::dom::element choice : choice_list) {
      simdjson::dom::object fields;
      if (choice.get_object().get(fields)) continue;
      std::optional<int64_t> index;
      if (!fields["index"].get(value)) index = integer(value);
      auto& state = choices[index.value_or(0)];
      simdjson::dom::object delta;
      if (!fields["delta"].get_object().get(delta)) apply_delta(state, delta);
      if (!fields["finish_reason"].get(value) && !value.is_null()) state.finish_reason.keep(value);
      if (!fields["logprobs"].get(value) && !value.is_null()) state.logprobs.keep(value);
    }
  }

  std::string& out = result.json;
  out.reserve(sse_text.size() / 2 + 256);
  out += "{\"choices\":[";
  bool first = true;
  for (auto& [index, state] : choices) {
    out += first ? "{\"finish_reason\":" : ",{\"finish_reason\":";
    first = false;
    state.finish_reason.write(out);
    out += ",\"index\":" + std::to_string(index) + ",\"logprobs\":";
    state.logprobs.write(out);
    out += ",\"message\":";
    write_message(out, state);
    out += '}';
  }
  out += ']';
  for (std::size_t i = 0; i < kTopLevel.size(); ++i) {
    if (kTopLevel[i] == "service_tier") out += ",\"object\":\"chat.completion\"";
    if (top_level[i].kind == KeptValue::Kind::null) continue;
    out += ",\"";
    out += kTopLevel[i];
    out += "\":";
    top_level[i].write(out);
  }
  out += '}';
  return result;
}

// simdjson: this runs for every non-streamed trace, and only "usage" is needed.
TokenUsage usage_of_response(std::string_view body) {
  thread_local simdjson::ondemand::parser parser;
  simdjson::padded_string padded(body);
  simdjson::ondemand::document document;
  simdjson::ondemand::object object;
  if (parser.iterate(padded).get(document) || document.get_object().get(object)) return {};
  simdjson::ondemand::object fields;
  if (object.find_field_unordered("usage").get_object().get(fields)) return {};
  UsageReader reader;
  for (auto field : fields) {
    std::string_view key;
    if (field.unescaped_key().get(key)) continue;
    simdjson::ondemand::value value;
    if (field.value().get(value)) continue;
    simdjson::ondemand::json_type type;
    if (value.type().get(type)) continue;
    if (type == simdjson::ondemand::json_type::object) {
      // The key view dies with the next read; the detail names are all we compare it with.
      std::string parent(key);
      simdjson::ondemand::object details;
      if (value.get_object().get(details)) continue;
      for (auto detail : details) {
        std::string_view name;
        int64_t count = 0;
        if (detail.unescaped_key().get(name) || detail.value().get_int64().get(count)) continue;
        reader.detail(parent, name, count);
      }
      continue;
    }
    int64_t count = 0;
    if (!value.get_int64().get(count)) reader.field(key, count);
  }
  return reader.usage();
}

}  // namespace reinforge::gateway
