#include "health/issue.hpp"

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace reinforge::health {

namespace {

struct CodeInfo {
  IssueCode code;
  std::string_view name;
  Severity severity;
};

constexpr CodeInfo kCodes[] = {
    {IssueCode::invalid_json, "invalid_json", Severity::error},
    {IssueCode::not_object, "not_object", Severity::error},
    {IssueCode::missing_messages, "missing_messages", Severity::error},
    {IssueCode::messages_not_array, "messages_not_array", Severity::error},
    {IssueCode::empty_messages, "empty_messages", Severity::error},
    {IssueCode::invalid_message, "invalid_message", Severity::error},
    {IssueCode::unknown_role, "unknown_role", Severity::error},
    {IssueCode::invalid_content, "invalid_content", Severity::error},
    {IssueCode::no_user_message, "no_user_message", Severity::error},
    {IssueCode::malformed_tool_call, "malformed_tool_call", Severity::error},
    {IssueCode::unknown_tool, "unknown_tool", Severity::error},
    {IssueCode::orphan_tool_result, "orphan_tool_result", Severity::error},
    {IssueCode::invalid_tools, "invalid_tools", Severity::error},
    {IssueCode::too_many_tokens, "too_many_tokens", Severity::error},
    {IssueCode::duplicate_record, "duplicate_record", Severity::warning},
    {IssueCode::unknown_key, "unknown_key", Severity::warning},
    {IssueCode::empty_assistant_content, "empty_assistant_content", Severity::warning},
};

const CodeInfo& info(IssueCode code) {
  for (const auto& entry : kCodes) {
    if (entry.code == code) return entry;
  }
  throw std::logic_error("unknown issue code");
}

}  // namespace

std::string_view to_string(IssueCode code) { return info(code).name; }
Severity severity_of(IssueCode code) { return info(code).severity; }
std::string_view to_string(Severity severity) {
  return severity == Severity::error ? "error" : "warning";
}

std::optional<IssueCode> issue_code_from_string(std::string_view text) {
  for (const auto& entry : kCodes) {
    if (entry.name == text) return entry.code;
  }
  return std::nullopt;
}

const std::vector<IssueCode>& all_issue_codes() {
  static const std::vector<IssueCode> codes = [] {
    std::vector<IssueCode> list;
    for (const auto& entry : kCodes) list.push_back(entry.code);
    return list;
  }();
  return codes;
}

std::string issues_to_json(const std::vector<Issue>& issues) {
  // ordered_json keeps the documented key order: code, severity, message, path.
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const auto& issue : issues) {
    list.push_back({{"code", to_string(issue.code)},
                    {"severity", to_string(severity_of(issue.code))},
                    {"message", issue.message},
                    {"path", issue.path}});
  }
  // Invalid UTF-8 from a broken line must not make the verdict unwritable.
  return list.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

std::vector<Issue> issues_from_json(std::string_view json) {
  std::vector<Issue> issues;
  for (const auto& entry : nlohmann::json::parse(json)) {
    auto code = issue_code_from_string(entry.at("code").get<std::string>());
    if (!code) throw std::invalid_argument("unknown issue code in stored issues");
    issues.push_back({*code, entry.value("message", ""), entry.value("path", "")});
  }
  return issues;
}

}  // namespace reinforge::health
