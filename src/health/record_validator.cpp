#include "health/record_validator.hpp"

#include <simdjson.h>

#include <set>
#include <string>
#include <unordered_set>

#include "health/json_syntax_error.hpp"
#include "tokenize/chat_tokens.hpp"

namespace reinforge::health {

struct RecordValidator::Parser {
  simdjson::dom::parser record;
  simdjson::dom::parser arguments;  // a second parser: parsing into `record` would invalidate the record
};

namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

constexpr std::string_view kKnownTopLevelKeys[] = {"messages", "tools", "metadata", "tool_choice",
                                                   "parallel_tool_calls"};
constexpr std::string_view kRoles[] = {"system", "developer", "user", "assistant", "tool"};
constexpr std::string_view kContentPartTypes[] = {"text", "image_url", "input_audio", "file", "refusal"};

template <std::size_t N>
bool one_of(std::string_view value, const std::string_view (&options)[N]) {
  for (auto option : options) {
    if (option == value) return true;
  }
  return false;
}

std::string_view type_name(element_type type) {
  switch (type) {
    case element_type::ARRAY: return "an array";
    case element_type::OBJECT: return "an object";
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE: return "a number";
    case element_type::STRING: return "a string";
    case element_type::BOOL: return "a boolean";
    case element_type::NULL_VALUE: return "null";
  }
  return "a value";
}

std::string message_path(std::size_t index) { return "messages[" + std::to_string(index) + "]"; }

// What the message's role is, for a person: "no role", "role \"robot\"", "a number as its role".
std::string describe_role(const object& fields) {
  element role;
  if (fields["role"].get(role)) return "no role";
  if (role.is_string()) return "role \"" + std::string(role.get_string().value_unsafe()) + "\"";
  return std::string(type_name(role.type())) + " as its role";
}

// Where and why `text` is not JSON, to follow "is not valid JSON": " at column 2: syntax error
// ...". simdjson's own reason names no place, so a second parser finds the column; simdjson's
// reason stays when only simdjson objects (depth, number range).
std::string parse_error_text(std::string_view text, simdjson::error_code error) {
  if (auto located = describe_json_syntax_error(text)) return " at " + *located;
  std::string reason = simdjson::error_message(error);
  while (!reason.empty() && reason.back() == '.') reason.pop_back();  // the caller adds one
  return ": " + reason;
}

class Checker {
 public:
  Checker(RecordVerdict& verdict, simdjson::dom::parser& arguments_parser)
      : verdict_(verdict), arguments_parser_(arguments_parser) {}

  void error(IssueCode code, std::string path, std::string message) {
    verdict_.issues.push_back({code, std::move(message), std::move(path)});
    if (severity_of(code) == Severity::error) verdict_.valid = false;
  }

  // Returns the declared tool names; `declared` is false when the record has no tools.
  std::set<std::string, std::less<>> check_tools(const object& root, bool& declared) {
    std::set<std::string, std::less<>> names;
    element tools;
    declared = false;
    if (root["tools"].get(tools) != simdjson::SUCCESS || tools.is_null()) return names;
    declared = true;
    array entries;
    if (tools.get_array().get(entries)) {
      error(IssueCode::invalid_tools, "tools", "tools must be an array of function definitions, not " + std::string(type_name(tools.type())) + ".");
      return names;
    }
    std::size_t index = 0;
    for (element entry : entries) {
      std::string path = "tools[" + std::to_string(index++) + "]";
      object definition;
      std::string_view type;
      object function;
      std::string_view name;
      if (entry.get_object().get(definition)) {
        error(IssueCode::invalid_tools, path, path + " must be an object like {\"type\": \"function\", \"function\": {...}}.");
        continue;
      }
      if (definition["type"].get_string().get(type) || type != "function") {
        error(IssueCode::invalid_tools, path + ".type", path + ".type must be \"function\".");
        continue;
      }
      if (definition["function"].get_object().get(function)) {
        error(IssueCode::invalid_tools, path + ".function", path + ".function must be an object with a name.");
        continue;
      }
      if (function["name"].get_string().get(name) || name.empty()) {
        error(IssueCode::invalid_tools, path + ".function.name", path + ".function.name must be a non-empty string.");
        continue;
      }
      // Declared even when the rest of the definition is wrong: calls to it are not unknown_tool.
      names.emplace(name);
      element parameters;
      if (function["parameters"].get(parameters) == simdjson::SUCCESS && !parameters.is_object()) {
        error(IssueCode::invalid_tools, path + ".function.parameters", path + ".function.parameters must be a JSON Schema object.");
        continue;
      }
      element description;
      if (function["description"].get(description) == simdjson::SUCCESS && !description.is_string()) {
        error(IssueCode::invalid_tools, path + ".function.description", path + ".function.description must be a string.");
      }
    }
    return names;
  }

  void check_content(const element& content, const std::string& path, std::string_view role,
                     bool has_tool_calls, tokenize::ChatMessage& counted) {
    switch (content.type()) {
      case element_type::STRING: {
        std::string_view text = content.get_string().value_unsafe();
        counted.content.push_back(text);
        if (role == "assistant" && text.empty() && !has_tool_calls) {
          error(IssueCode::empty_assistant_content, path, path + " is an empty assistant message.");
        }
        return;
      }
      case element_type::NULL_VALUE:
        if (role != "assistant" || !has_tool_calls) {
          error(IssueCode::invalid_content, path, path + " is null; only an assistant message with tool_calls may have no content.");
        }
        return;
      case element_type::ARRAY: {
        array parts = content.get_array().value_unsafe();
        if (parts.size() == 0) {
          error(IssueCode::invalid_content, path, path + " is an empty array of content parts.");
          return;
        }
        std::size_t index = 0;
        for (element part : parts) {
          std::string part_path = path + "[" + std::to_string(index++) + "]";
          std::string_view type;
          if (!part.is_object() || part["type"].get_string().get(type)) {
            error(IssueCode::invalid_content, part_path, part_path + " must be an object with a string \"type\".");
            continue;
          }
          if (!one_of(type, kContentPartTypes)) {
            error(IssueCode::invalid_content, part_path + ".type", part_path + ".type \"" + std::string(type) + "\" is not a known content part type (text, image_url, input_audio, file, refusal).");
            continue;
          }
          if (type == "text") {
            std::string_view text;
            if (part["text"].get_string().get(text)) {
              error(IssueCode::invalid_content, part_path + ".text", part_path + " is a text part without a string \"text\".");
              continue;
            }
            counted.content.push_back(text);
          }
        }
        return;
      }
      default:
        error(IssueCode::invalid_content, path, path + " must be a string or an array of content parts, not " + std::string(type_name(content.type())) + ".");
    }
  }

  void check_tool_calls(const element& calls, const std::string& path,
                        const std::set<std::string, std::less<>>& tool_names, bool tools_declared,
                        std::unordered_set<std::string>& call_ids, tokenize::ChatMessage& counted) {
    array list;
    if (calls.get_array().get(list)) {
      error(IssueCode::malformed_tool_call, path, path + " must be an array of tool calls.");
      return;
    }
    std::size_t index = 0;
    for (element call : list) {
      std::string call_path = path + "[" + std::to_string(index++) + "]";
      std::string_view id;
      std::string_view type;
      object function;
      std::string_view name;
      std::string_view arguments;
      if (!call.is_object()) {
        error(IssueCode::malformed_tool_call, call_path, call_path + " must be an object.");
        continue;
      }
      if (call["id"].get_string().get(id) || id.empty()) {
        error(IssueCode::malformed_tool_call, call_path + ".id", call_path + ".id must be a non-empty string.");
        continue;
      }
      call_ids.emplace(id);
      if (call["type"].get_string().get(type) || type != "function") {
        error(IssueCode::malformed_tool_call, call_path + ".type", call_path + ".type must be \"function\".");
        continue;
      }
      if (call["function"].get_object().get(function)) {
        error(IssueCode::malformed_tool_call, call_path + ".function", call_path + ".function must be an object with name and arguments.");
        continue;
      }
      if (function["name"].get_string().get(name) || name.empty()) {
        error(IssueCode::malformed_tool_call, call_path + ".function.name", call_path + ".function.name must be a non-empty string.");
        continue;
      }
      if (function["arguments"].get_string().get(arguments)) {
        error(IssueCode::malformed_tool_call, call_path + ".function.arguments", call_path + ".function.arguments must be a string holding a JSON object.");
        continue;
      }
      counted.tool_calls.push_back({name, arguments});
      element parsed;
      auto parse_error = arguments_parser_.parse(arguments.data(), arguments.size()).get(parsed);
      if (parse_error || !parsed.is_object()) {
        std::string why = parse_error ? parse_error_text(arguments, parse_error) : ": it is " + std::string(type_name(parsed.type()));
        error(IssueCode::malformed_tool_call, call_path + ".function.arguments", call_path + ".function.arguments is not a JSON object" + why + ".");
        continue;
      }
      if (tools_declared && !tool_names.count(name)) {
        error(IssueCode::unknown_tool, call_path + ".function.name", call_path + " calls \"" + std::string(name) + "\", which the record's tools do not declare.");
      }
    }
  }

 private:
  RecordVerdict& verdict_;
  simdjson::dom::parser& arguments_parser_;
};

}  // namespace

RecordValidator::RecordValidator(ValidationOptions options)
    : options_(options), parser_(std::make_unique<Parser>()) {}
RecordValidator::~RecordValidator() = default;
RecordValidator::RecordValidator(RecordValidator&&) noexcept = default;
RecordValidator& RecordValidator::operator=(RecordValidator&&) noexcept = default;

RecordVerdict RecordValidator::validate(std::string_view line) {
  // Callers that keep a CRLF file's bytes pass the CR along; it is JSON whitespace, but would
  // show up as <U+000D> in a syntax error's "last read".
  if (line.ends_with('\r')) line.remove_suffix(1);
  RecordVerdict verdict;
  verdict.valid = true;
  Checker check(verdict, parser_->arguments);

  element root;
  if (auto error = parser_->record.parse(line.data(), line.size()).get(root)) {
    check.error(IssueCode::invalid_json, "", "The line is not valid JSON" + parse_error_text(line, error) + ".");
    return verdict;
  }
  object record;
  if (root.get_object().get(record)) {
    check.error(IssueCode::not_object, "", "The line is " + std::string(type_name(root.type())) + ", not a JSON object with a \"messages\" array.");
    return verdict;
  }
  for (auto field : record) {
    if (!one_of(field.key, kKnownTopLevelKeys)) {
      check.error(IssueCode::unknown_key, std::string(field.key), "Extra field \"" + std::string(field.key) + "\" is kept and given to graders as reference data.");
    }
  }
  bool tools_declared = false;
  auto tool_names = check.check_tools(record, tools_declared);

  element messages_value;
  if (record["messages"].get(messages_value)) {
    check.error(IssueCode::missing_messages, "messages", "The record has no \"messages\" array.");
    return verdict;
  }
  array messages;
  if (messages_value.get_array().get(messages)) {
    check.error(IssueCode::messages_not_array, "messages", "\"messages\" must be an array, not " + std::string(type_name(messages_value.type())) + ".");
    return verdict;
  }
  if (messages.size() == 0) {
    check.error(IssueCode::empty_messages, "messages", "\"messages\" is empty; a record needs at least a user message.");
    return verdict;
  }

  tokenize::Chat chat;
  std::string tools_text;
  element tools;
  if (record["tools"].get(tools) == simdjson::SUCCESS && tools.is_array()) {
    tools_text = simdjson::minify(tools);
    chat.tools_json = tools_text;
  }
  bool has_user = false;
  std::unordered_set<std::string> call_ids;
  std::size_t index = 0;
  chat.messages.reserve(messages.size());
  for (element message : messages) {
    std::string path = message_path(index++);
    object fields;
    if (message.get_object().get(fields)) {
      check.error(IssueCode::invalid_message, path, path + " must be an object with a role and content, not " + std::string(type_name(message.type())) + ".");
      continue;
    }
    tokenize::ChatMessage& counted = chat.messages.emplace_back();
    std::string_view role;
    if (fields["role"].get_string().get(role) || !one_of(role, kRoles)) {
      check.error(IssueCode::unknown_role, path + ".role", path + " has " + describe_role(fields) + "; expected system, developer, user, assistant or tool.");
    }
    counted.role = role;
    if (role == "user") has_user = true;
    std::string_view name;
    if (!fields["name"].get_string().get(name)) counted.name = name;

    element tool_calls;
    bool has_tool_calls = false;
    if (fields["tool_calls"].get(tool_calls) == simdjson::SUCCESS && !tool_calls.is_null()) {
      if (role != "assistant") {
        check.error(IssueCode::malformed_tool_call, path + ".tool_calls", path + " has tool_calls, but only assistant messages may call tools.");
      } else {
        has_tool_calls = tool_calls.is_array() && tool_calls.get_array().value_unsafe().size() > 0;
        check.check_tool_calls(tool_calls, path + ".tool_calls", tool_names, tools_declared, call_ids, counted);
      }
    }

    element content;
    if (fields["content"].get(content) == simdjson::SUCCESS) {
      check.check_content(content, path + ".content", role, has_tool_calls, counted);
    } else if (role != "assistant" || !has_tool_calls) {
      check.error(IssueCode::invalid_content, path + ".content", path + " has no content; only an assistant message with tool_calls may leave it out.");
    }

    if (role == "tool") {
      std::string_view answered;
      if (fields["tool_call_id"].get_string().get(answered)) {
        check.error(IssueCode::orphan_tool_result, path + ".tool_call_id", path + " is a tool result without a tool_call_id.");
      } else {
        counted.tool_call_id = answered;
        if (!call_ids.count(std::string(answered))) {
          check.error(IssueCode::orphan_tool_result, path + ".tool_call_id", path + " answers tool call \"" + std::string(answered) + "\", which no earlier assistant message made.");
        }
      }
    }
  }
  if (!has_user) {
    check.error(IssueCode::no_user_message, "messages", "The record has no user message; there is nothing to prompt the model with.");
  }

  verdict.token_count = tokenize::count_chat_tokens(tokenize::Encoding::get(options_.encoding), chat);
  if (verdict.token_count > options_.max_tokens) {
    check.error(IssueCode::too_many_tokens, "", "The record has " + std::to_string(verdict.token_count) + " tokens (" + std::string(tokenize::to_string(options_.encoding)) + "), over the limit of " + std::to_string(options_.max_tokens) + ".");
  }
  return verdict;
}

}  // namespace reinforge::health
