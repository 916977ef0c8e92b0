#pragma once
// Health issue codes (PRODUCT.md §2): one enum, one string form each, shared by API and UI.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reinforge::health {

enum class IssueCode {
  // errors: the record is invalid
  invalid_json,
  not_object,
  missing_messages,
  messages_not_array,
  empty_messages,
  invalid_message,
  unknown_role,
  invalid_content,
  no_user_message,
  malformed_tool_call,
  unknown_tool,
  orphan_tool_result,
  invalid_tools,
  too_many_tokens,
  // warnings: the record stays valid
  duplicate_record,
  unknown_key,
  empty_assistant_content,
};

enum class Severity { error, warning };

std::string_view to_string(IssueCode code);
std::optional<IssueCode> issue_code_from_string(std::string_view text);
Severity severity_of(IssueCode code);
std::string_view to_string(Severity severity);
const std::vector<IssueCode>& all_issue_codes();

struct Issue {
  IssueCode code;
  std::string message;  // for a person: what is wrong and where
  std::string path;     // "messages[2].tool_calls[0].function.arguments"; empty for the line
};

// [{"code": "...", "severity": "...", "message": "...", "path": "..."}]
std::string issues_to_json(const std::vector<Issue>& issues);
// Parses issues_to_json's output back (for the store); throws on malformed input.
std::vector<Issue> issues_from_json(std::string_view json);

}  // namespace reinforge::health
