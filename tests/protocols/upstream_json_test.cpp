#include "protocols/upstream_json.hpp"

#include <gtest/gtest.h>

namespace reinforge::protocols {
namespace {

TEST(UpstreamJson, reads_what_nlohmann_reads_and_refuses_what_it_refuses) {
  auto chunk = parse_upstream_json(R"({"a": "x", "b": null, "c": 3})");
  ASSERT_TRUE(chunk);
  EXPECT_EQ(string_member(*chunk, "a"), "x");
  EXPECT_FALSE(member(*chunk, "b"));  // null reads as absent
  EXPECT_EQ(string_member(*chunk, "c"), "");
  EXPECT_EQ(integer_value(*member(*chunk, "c")), 3);

  EXPECT_FALSE(parse_upstream_json("<html>Bad Gateway</html>"));
  EXPECT_FALSE(parse_upstream_json("{\"a\": \"\xff\"}"));   // invalid UTF-8
  EXPECT_FALSE(parse_upstream_json(R"({"a": "\ud800"})"));  // a lone surrogate
  EXPECT_FALSE(parse_upstream_json(R"({"a": 1} trailing)"));
}

TEST(UpstreamJson, reads_a_number_past_64_bits_as_a_double_as_nlohmann_did) {
  auto chunk = parse_upstream_json(R"({"usage": {"prompt_tokens": 123456789012345678901234}})");
  ASSERT_TRUE(chunk);
  auto tokens = member(*member(*chunk, "usage"), "prompt_tokens");
  ASSERT_TRUE(tokens);
  EXPECT_TRUE(tokens->is_double());
  EXPECT_DOUBLE_EQ(double(*tokens), 1.2345678901234568e23);
}

TEST(UpstreamJson, reads_nesting_past_simdjsons_default_depth_as_nlohmann_did) {
  std::string deep = "{\"a\":" + std::string(3000, '[') + std::string(3000, ']') + "}";
  auto element = parse_upstream_json(deep);
  ASSERT_TRUE(element);
  EXPECT_EQ(to_nlohmann(*element), nlohmann::json::parse(deep));
  EXPECT_TRUE(parse_upstream_json(R"({"after": "a deep one"})"));
}

TEST(UpstreamJson, converts_to_the_document_nlohmann_parses) {
  const char* text = R"({"b": [1, -2, 2.5, true, null, "s"], "a": {"x": 18446744073709551615}})";
  auto element = parse_upstream_json(text);
  ASSERT_TRUE(element);
  EXPECT_EQ(to_nlohmann(*element), nlohmann::json::parse(text));
  EXPECT_EQ(to_nlohmann(*element).dump(), nlohmann::json::parse(text).dump());
}

}  // namespace
}  // namespace reinforge::protocols
