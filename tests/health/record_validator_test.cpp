#include <gtest/gtest.h>

#include "health/record_validator.hpp"

namespace reinforge::health {
namespace {

struct InvalidCase {
  const char* name;
  const char* line;
  IssueCode code;
  const char* path;
  const char* says;  // part of the message a person reads
};

// One minimal record per error code, with the place the issue must point at.
const InvalidCase kInvalidCases[] = {
    {"not_json", R"({"messages": [)", IssueCode::invalid_json, "", "not valid JSON at column 15: "},
    {"array_line", R"([1, 2])", IssueCode::not_object, "", "is an array"},
    {"string_line", R"("hello")", IssueCode::not_object, "", "is a string"},
    {"no_messages", R"({"prompt": "hi"})", IssueCode::missing_messages, "messages", "no \"messages\""},
    {"messages_object", R"({"messages": {"role": "user"}})", IssueCode::messages_not_array, "messages", "not an object"},
    {"messages_empty", R"({"messages": []})", IssueCode::empty_messages, "messages", "is empty"},
    {"message_string", R"({"messages": ["hi", {"role":"user","content":"x"}]})", IssueCode::invalid_message, "messages[0]", "not a string"},
    {"role_missing", R"({"messages": [{"content":"x"}, {"role":"user","content":"y"}]})", IssueCode::unknown_role, "messages[0].role", "has no role"},
    {"role_unknown", R"({"messages": [{"role":"robot","content":"x"}, {"role":"user","content":"y"}]})", IssueCode::unknown_role, "messages[0].role", "has role \"robot\""},
    {"content_number", R"({"messages": [{"role":"user","content":42}]})", IssueCode::invalid_content, "messages[0].content", "not a number"},
    {"content_null_user", R"({"messages": [{"role":"user","content":null}]})", IssueCode::invalid_content, "messages[0].content", "is null"},
    {"content_missing", R"({"messages": [{"role":"user"}]})", IssueCode::invalid_content, "messages[0].content", "has no content"},
    {"content_empty_parts", R"({"messages": [{"role":"user","content":[]}]})", IssueCode::invalid_content, "messages[0].content", "empty array"},
    {"text_part_without_text", R"({"messages": [{"role":"user","content":[{"type":"text"}]}]})", IssueCode::invalid_content, "messages[0].content[0].text", "without a string \"text\""},
    {"unknown_part_type", R"({"messages": [{"role":"user","content":[{"type":"video","video":"x"}]}]})", IssueCode::invalid_content, "messages[0].content[0].type", "\"video\" is not a known"},
    {"assistant_null_without_calls", R"({"messages": [{"role":"user","content":"x"},{"role":"assistant","content":null}]})", IssueCode::invalid_content, "messages[1].content", "is null"},
    {"only_system", R"({"messages": [{"role":"system","content":"be nice"}]})", IssueCode::no_user_message, "messages", "no user message"},
    {"tool_call_without_id", R"({"messages": [{"role":"user","content":"x"},{"role":"assistant","content":null,"tool_calls":[{"type":"function","function":{"name":"f","arguments":"{}"}}]}]})", IssueCode::malformed_tool_call, "messages[1].tool_calls[0].id", ".id must be"},
    {"tool_call_wrong_type", R"({"messages": [{"role":"user","content":"x"},{"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"code","function":{"name":"f","arguments":"{}"}}]}]})", IssueCode::malformed_tool_call, "messages[1].tool_calls[0].type", "must be \"function\""},
    {"tool_call_arguments_object", R"({"messages": [{"role":"user","content":"x"},{"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":{"a":1}}}]}]})", IssueCode::malformed_tool_call, "messages[1].tool_calls[0].function.arguments", "must be a string holding a JSON object"},
    {"tool_call_arguments_not_json", R"({"messages": [{"role":"user","content":"x"},{"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{a:1"}}]}]})", IssueCode::malformed_tool_call, "messages[1].tool_calls[0].function.arguments", "is not a JSON object at column 2: "},
    {"tool_call_arguments_array", R"({"messages": [{"role":"user","content":"x"},{"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"[1]"}}]}]})", IssueCode::malformed_tool_call, "messages[1].tool_calls[0].function.arguments", "it is an array"},
    {"tool_calls_on_user", R"({"messages": [{"role":"user","content":"x","tool_calls":[]}]})", IssueCode::malformed_tool_call, "messages[0].tool_calls", "only assistant messages"},
    {"undeclared_tool", R"({"tools":[{"type":"function","function":{"name":"g"}}],"messages": [{"role":"user","content":"x"},{"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}}]}]})", IssueCode::unknown_tool, "messages[1].tool_calls[0].function.name", "calls \"f\""},
    {"orphan_result", R"({"messages": [{"role":"user","content":"x"},{"role":"tool","tool_call_id":"nope","content":"42"}]})", IssueCode::orphan_tool_result, "messages[1].tool_call_id", "tool call \"nope\""},
    {"result_without_id", R"({"messages": [{"role":"user","content":"x"},{"role":"tool","content":"42"}]})", IssueCode::orphan_tool_result, "messages[1].tool_call_id", "without a tool_call_id"},
    {"result_before_call", R"({"messages": [{"role":"user","content":"x"},{"role":"tool","tool_call_id":"c1","content":"42"},{"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}}]}]})", IssueCode::orphan_tool_result, "messages[1].tool_call_id", "tool call \"c1\""},
    {"tools_not_array", R"({"tools":{"name":"f"},"messages": [{"role":"user","content":"x"}]})", IssueCode::invalid_tools, "tools", "not an object"},
    {"tool_without_name", R"({"tools":[{"type":"function","function":{"description":"d"}}],"messages": [{"role":"user","content":"x"}]})", IssueCode::invalid_tools, "tools[0].function.name", "name must be a non-empty string"},
    {"role_number", R"({"messages": [{"role":42,"content":"x"}, {"role":"user","content":"y"}]})", IssueCode::unknown_role, "messages[0].role", "a number as its role"},
    {"tool_calls_object", R"({"messages": [{"role":"user","content":"x"},{"role":"assistant","content":null,"tool_calls":{"id":"c1"}}]})", IssueCode::malformed_tool_call, "messages[1].tool_calls", "must be an array of tool calls"},
    {"tool_call_string", R"({"messages": [{"role":"user","content":"x"},{"role":"assistant","content":"y","tool_calls":["call f"]}]})", IssueCode::malformed_tool_call, "messages[1].tool_calls[0]", "must be an object"},
    {"tool_call_without_name", R"({"messages": [{"role":"user","content":"x"},{"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"arguments":"{}"}}]}]})", IssueCode::malformed_tool_call, "messages[1].tool_calls[0].function.name", "non-empty string"},
    {"tool_entry_string", R"({"tools":["f"],"messages": [{"role":"user","content":"x"}]})", IssueCode::invalid_tools, "tools[0]", "must be an object"},
    {"tool_entry_wrong_type", R"({"tools":[{"type":"retrieval","function":{"name":"f"}}],"messages": [{"role":"user","content":"x"}]})", IssueCode::invalid_tools, "tools[0].type", "must be \"function\""},
    {"tool_description_number", R"({"tools":[{"type":"function","function":{"name":"f","description":7}}],"messages": [{"role":"user","content":"x"}]})", IssueCode::invalid_tools, "tools[0].function.description", "must be a string"},
    {"tool_parameters_string", R"({"tools":[{"type":"function","function":{"name":"f","parameters":"{}"}}],"messages": [{"role":"user","content":"x"}]})", IssueCode::invalid_tools, "tools[0].function.parameters", "JSON Schema object"},
};

class InvalidRecords : public ::testing::TestWithParam<InvalidCase> {};

TEST_P(InvalidRecords, report_the_code_at_its_place) {
  const auto& example = GetParam();
  RecordValidator validator;
  auto verdict = validator.validate(example.line);
  EXPECT_FALSE(verdict.valid);
  bool found = false;
  for (const auto& issue : verdict.issues) {
    if (issue.code == example.code) {
      found = true;
      EXPECT_EQ(issue.path, example.path);
      EXPECT_NE(issue.message.find(example.says), std::string::npos) << issue.message;
      EXPECT_EQ(severity_of(issue.code), Severity::error);
    }
  }
  EXPECT_TRUE(found) << "expected " << to_string(example.code) << " for " << example.line;
}

INSTANTIATE_TEST_SUITE_P(EveryErrorCode, InvalidRecords, ::testing::ValuesIn(kInvalidCases),
                         [](const auto& info) { return std::string(info.param.name); });

TEST(InvalidRecords, cover_every_error_code) {
  for (auto code : all_issue_codes()) {
    if (severity_of(code) != Severity::error || code == IssueCode::too_many_tokens) continue;
    bool covered = false;
    for (const auto& example : kInvalidCases) covered |= example.code == code;
    EXPECT_TRUE(covered) << to_string(code) << " has no test case";
  }
}

const char* const kValidRecords[] = {
    // prompt only: no reference answer
    R"({"messages":[{"role":"user","content":"What is 2+2?"}]})",
    // content parts, text and image
    R"({"messages":[{"role":"user","content":[{"type":"text","text":"Describe"},{"type":"image_url","image_url":{"url":"https://x/y.png"}}]},{"role":"assistant","content":"A cat"}]})",
    // developer role, names, metadata
    R"({"messages":[{"role":"developer","content":"Be terse"},{"role":"user","name":"ann","content":"hi"}],"metadata":{"source":"ticket"}})",
    // parallel tool calls, both answered, then the final answer
    R"({"tools":[{"type":"function","function":{"name":"weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}},{"type":"function","function":{"name":"time"}}],"messages":[{"role":"user","content":"Weather and time in Paris?"},{"role":"assistant","content":null,"tool_calls":[{"id":"a","type":"function","function":{"name":"weather","arguments":"{\"city\":\"Paris\"}"}},{"id":"b","type":"function","function":{"name":"time","arguments":"{}"}}]},{"role":"tool","tool_call_id":"a","content":"21C"},{"role":"tool","tool_call_id":"b","content":"10:00"},{"role":"assistant","content":"21C, 10:00"}]})",
    // tool call with content absent
    R"({"messages":[{"role":"user","content":"x"},{"role":"assistant","tool_calls":[{"id":"a","type":"function","function":{"name":"f","arguments":"{}"}}]}]})",
    // every content part type, on user and assistant messages
    R"({"messages":[{"role":"system","content":[{"type":"text","text":"Listen"}]},{"role":"user","content":[{"type":"input_audio","input_audio":{"data":"AAA=","format":"wav"}},{"type":"file","file":{"file_id":"f1"}}]},{"role":"assistant","content":[{"type":"refusal","refusal":"No."}]}]})",
    // a tool call with text next to it, its result as content parts, tools null
    R"({"tools":null,"messages":[{"role":"user","content":"x"},{"role":"assistant","content":"Let me look.","tool_calls":[{"id":"a","type":"function","function":{"name":"f","arguments":" {\"q\": [1, {\"r\": null}]} "}}]},{"role":"tool","tool_call_id":"a","content":[{"type":"text","text":"found"}]}]})",
    // unicode everywhere
    R"({"messages":[{"role":"user","content":"日本語 🎉 مرحبا e\u0301"},{"role":"assistant","content":"✓"}]})",
};

TEST(ValidRecords, tricky_shapes_are_valid) {
  RecordValidator validator;
  for (const char* line : kValidRecords) {
    auto verdict = validator.validate(line);
    EXPECT_TRUE(verdict.valid) << line << "\n" << issues_to_json(verdict.issues);
    EXPECT_GT(verdict.token_count, 0u);
  }
}

TEST(Warnings, keep_the_record_valid) {
  RecordValidator validator;
  auto extra = validator.validate(R"({"messages":[{"role":"user","content":"x"}],"expected":"42"})");
  EXPECT_TRUE(extra.valid);
  ASSERT_EQ(extra.issues.size(), 1u);
  EXPECT_EQ(extra.issues[0].code, IssueCode::unknown_key);
  EXPECT_EQ(extra.issues[0].path, "expected");

  auto empty = validator.validate(R"({"messages":[{"role":"user","content":"x"},{"role":"assistant","content":""}]})");
  EXPECT_TRUE(empty.valid);
  ASSERT_EQ(empty.issues.size(), 1u);
  EXPECT_EQ(empty.issues[0].code, IssueCode::empty_assistant_content);
}

TEST(Tools, a_wrong_definition_still_declares_its_name) {
  RecordValidator validator;
  auto verdict = validator.validate(R"({"tools":[{"type":"function","function":{"name":"f","parameters":"{}"}}],"messages":[{"role":"user","content":"x"},{"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}}]}]})");
  ASSERT_EQ(verdict.issues.size(), 1u) << issues_to_json(verdict.issues);
  EXPECT_EQ(verdict.issues[0].code, IssueCode::invalid_tools);
}

TEST(Issues, every_problem_is_reported_not_just_the_first) {
  RecordValidator validator;
  auto verdict = validator.validate(R"({"messages":[{"role":"robot","content":"x"},{"role":"user","content":7},{"role":"tool","tool_call_id":"z","content":"r"}],"extra":1})");
  std::vector<std::string> codes;
  for (const auto& issue : verdict.issues) codes.emplace_back(to_string(issue.code));
  EXPECT_EQ(codes, (std::vector<std::string>{"unknown_key", "unknown_role", "invalid_content", "orphan_tool_result"}));
}

TEST(TokenLimit, records_over_the_limit_are_invalid_and_say_by_how_much) {
  ValidationOptions options;
  options.max_tokens = 20;
  RecordValidator validator(options);
  auto small = validator.validate(R"({"messages":[{"role":"user","content":"hi"}]})");
  EXPECT_TRUE(small.valid);
  std::string long_text(400, 'a');
  long_text = "word " + std::string(200, 'x');
  std::string line = R"({"messages":[{"role":"user","content":")";
  for (int i = 0; i < 50; ++i) line += "hello world ";
  line += R"("}]})";
  auto big = validator.validate(line);
  EXPECT_FALSE(big.valid);
  ASSERT_FALSE(big.issues.empty());
  EXPECT_EQ(big.issues.back().code, IssueCode::too_many_tokens);
  EXPECT_NE(big.issues.back().message.find("limit of 20"), std::string::npos);
  EXPECT_GT(big.token_count, 100u);
}

TEST(TokenLimit, counts_with_the_chosen_encoding) {
  ValidationOptions o200k;
  ValidationOptions cl100k;
  cl100k.encoding = tokenize::EncodingName::cl100k_base;
  // Non-Latin text is where the two encodings differ most.
  const char* line = R"({"messages":[{"role":"user","content":"これは日本語の長い文章です。トークン数が違います。"}]})";
  EXPECT_NE(RecordValidator(o200k).validate(line).token_count, RecordValidator(cl100k).validate(line).token_count);
}

TEST(Validator, a_trailing_cr_is_not_part_of_the_record) {
  RecordValidator validator;
  EXPECT_TRUE(validator.validate("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}\r").valid);
  auto broken = validator.validate("{oops\r");
  ASSERT_EQ(broken.issues.size(), 1u);
  EXPECT_EQ(broken.issues[0].message.find("U+000D"), std::string::npos) << broken.issues[0].message;
}

TEST(Validator, is_reusable_across_lines) {
  RecordValidator validator;
  EXPECT_FALSE(validator.validate("{").valid);
  EXPECT_TRUE(validator.validate(R"({"messages":[{"role":"user","content":"x"}]})").valid);
  EXPECT_FALSE(validator.validate("").valid);
}

}  // namespace
}  // namespace reinforge::health
