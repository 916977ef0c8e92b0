#include <gtest/gtest.h>

#include "records/record_builder.hpp"

namespace reinforge::records {
namespace {

TEST(RecordPreview, takes_the_first_user_message_with_whitespace_collapsed) {
  EXPECT_EQ(record_preview(R"({"messages":[{"role":"system","content":"sys"},{"role":"user","content":"  Hello\n\n world  "}]})"),
            "Hello world");
}

TEST(RecordPreview, joins_text_parts_and_cuts_at_a_character_boundary) {
  EXPECT_EQ(record_preview(R"({"messages":[{"role":"user","content":[{"type":"text","text":"ab"},{"type":"image_url","image_url":{"url":"x"}},{"type":"text","text":"cd"}]}]})"),
            "ab cd");
  EXPECT_EQ(record_preview(R"({"messages":[{"role":"user","content":"日本語テキスト"}]})", 3), "日本語…");
}

TEST(RecordPreview, is_empty_for_lines_that_are_not_records) {
  EXPECT_EQ(record_preview("not json"), "");
  EXPECT_EQ(record_preview(R"({"messages":[{"role":"assistant","content":"x"}]})"), "");
}

TEST(BuildRecord, carries_the_validators_verdict_and_codes) {
  health::RecordValidator validator;
  auto record = build_record(validator, R"({"messages":[{"role":"assistant","content":"x"}]})", 7, "import");
  EXPECT_FALSE(record.valid);
  EXPECT_EQ(record.line, 7);
  ASSERT_FALSE(record.issue_codes.empty());
  EXPECT_EQ(record.issue_codes[0].first, "no_user_message");
  EXPECT_TRUE(record.issue_codes[0].second);
  mark_duplicate(record);
  EXPECT_EQ(record.issue_codes.back().first, "duplicate_record");
  EXPECT_NE(record.issues_json.find("duplicate_record"), std::string::npos);
}

}  // namespace
}  // namespace reinforge::records
