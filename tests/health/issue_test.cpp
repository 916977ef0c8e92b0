#include <gtest/gtest.h>

#include "health/issue.hpp"

namespace reinforge::health {
namespace {

TEST(IssueCodes, have_one_string_form_each_that_parses_back) {
  for (auto code : all_issue_codes()) {
    auto text = to_string(code);
    EXPECT_EQ(issue_code_from_string(text), code) << text;
  }
  EXPECT_FALSE(issue_code_from_string("nope").has_value());
  EXPECT_EQ(all_issue_codes().size(), 17u);
}

TEST(IssueCodes, warnings_are_exactly_the_three_the_spec_names) {
  EXPECT_EQ(severity_of(IssueCode::duplicate_record), Severity::warning);
  EXPECT_EQ(severity_of(IssueCode::unknown_key), Severity::warning);
  EXPECT_EQ(severity_of(IssueCode::empty_assistant_content), Severity::warning);
  EXPECT_EQ(severity_of(IssueCode::too_many_tokens), Severity::error);
}

TEST(IssueJson, round_trips_including_awkward_text) {
  std::vector<Issue> issues = {{IssueCode::invalid_json, "bad \"quote\" and \xff byte", ""},
                               {IssueCode::unknown_tool, "calls f", "messages[1].tool_calls[0].function.name"}};
  auto back = issues_from_json(issues_to_json(issues));
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[1].code, IssueCode::unknown_tool);
  EXPECT_EQ(back[1].path, "messages[1].tool_calls[0].function.name");
  EXPECT_NE(issues_to_json(issues).find(R"("severity":"error")"), std::string::npos);
}

TEST(IssueJson, keys_come_in_the_documented_order) {
  std::vector<Issue> issues = {{IssueCode::unknown_key, "Extra field", "extra"}};
  EXPECT_EQ(issues_to_json(issues),
            R"([{"code":"unknown_key","severity":"warning","message":"Extra field","path":"extra"}])");
}

}  // namespace
}  // namespace reinforge::health
