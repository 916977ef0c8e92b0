#include <gtest/gtest.h>

#include "health/json_syntax_error.hpp"

namespace reinforge::health {
namespace {

TEST(JsonSyntaxError, names_the_column_and_the_reason) {
  auto text = describe_json_syntax_error("{a:1}");
  ASSERT_TRUE(text.has_value());
  EXPECT_TRUE(text->starts_with("column 2: syntax error while parsing object key")) << *text;
  EXPECT_NE(describe_json_syntax_error(R"({"messages": [)")->find("unexpected end of input"), std::string::npos);
}

TEST(JsonSyntaxError, names_the_line_when_the_text_spans_lines) {
  auto text = describe_json_syntax_error("{\"a\":\n 1 2}");
  ASSERT_TRUE(text.has_value());
  EXPECT_TRUE(text->starts_with("line 2, column 4: ")) << *text;
}

TEST(JsonSyntaxError, accepted_text_has_no_description) {
  EXPECT_FALSE(describe_json_syntax_error(R"({"a": [1, "b", null]})").has_value());
  // Out of range numbers name no place: the caller keeps its own reason.
  EXPECT_FALSE(describe_json_syntax_error(R"({"a": 1e400})").has_value());
}

TEST(JsonSyntaxError, a_huge_broken_token_is_cut_to_its_end) {
  std::string line = "{\"a\": \"" + std::string(100000, 'x') + "\x01";
  auto text = describe_json_syntax_error(line);
  ASSERT_TRUE(text.has_value());
  EXPECT_LT(text->size(), 300u) << *text;
  EXPECT_NE(text->find("…"), std::string::npos);
  EXPECT_NE(text->find("control character U+0001"), std::string::npos) << *text;
}

TEST(JsonSyntaxError, cuts_on_a_character_boundary) {
  std::string line = "[\"";
  for (int i = 0; i < 50; ++i) line += "é";
  line += "\x02";
  auto text = describe_json_syntax_error(line);
  ASSERT_TRUE(text.has_value());
  // Every é survives whole: no lone continuation byte right after the ellipsis.
  auto after = text->find("…") + std::string("…").size();
  EXPECT_NE(static_cast<unsigned char>((*text)[after]) & 0xC0, 0x80) << *text;
}

}  // namespace
}  // namespace reinforge::health
