#include "util/json_string.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <string>

namespace {

using reinforge::util::json_string;

// What the translations wrote before they wrote JSON text themselves.
std::string nlohmann_text(const std::string& text) {
  return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

TEST(JsonString, escapes_quotes_backslashes_and_control_characters) {
  EXPECT_EQ(json_string("plain"), "\"plain\"");
  EXPECT_EQ(json_string(""), "\"\"");
  EXPECT_EQ(json_string("a\"b\\c/d"), R"("a\"b\\c/d")");
  EXPECT_EQ(json_string("\b\t\n\f\r"), R"("\b\t\n\f\r")");
  EXPECT_EQ(json_string(std::string("\0\x01\x1f\x7f", 4)), "\"\\u0000\\u0001\\u001f\x7f\"");
}

TEST(JsonString, keeps_utf8_and_replaces_each_invalid_sequence) {
  EXPECT_EQ(json_string("Ünïcödé ✓ 😀"), "\"Ünïcödé ✓ 😀\"");
  EXPECT_EQ(json_string("a\xff"
                        "b"),
            "\"a\xEF\xBF\xBD"
            "b\"");
  EXPECT_EQ(json_string("\xe2\x9c"), "\"\xEF\xBF\xBD\"");  // cut short at the end
  EXPECT_EQ(json_string("\xe2\x9c"
                        "a"),
            "\"\xEF\xBF\xBD"
            "a\"");                                                    // the breaking byte is kept
  EXPECT_EQ(json_string("\xc0\xaf"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");  // overlong
  EXPECT_EQ(json_string("\xed\xa0\x80"), nlohmann_text("\xed\xa0\x80"));          // a surrogate
  EXPECT_EQ(json_string("\xf4\x90\x80\x80"), nlohmann_text("\xf4\x90\x80\x80"));  // past U+10FFFF
}

TEST(JsonString, writes_what_nlohmann_writes_for_any_bytes) {
  std::mt19937 random(21);
  // Bytes drawn mostly from the interesting ranges: ASCII, escapes, UTF-8 leads, continuations.
  const std::string alphabet = std::string("a\"\\\n\x01\x7f", 6) +
                               "\x80\x8f\x90\x9f\xa0\xbf\xc0\xc1\xc2\xdf\xe0\xe1\xed\xee\xef"
                               "\xf0\xf1\xf4\xf5\xff";
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    size_t length = random() % 12;
    for (size_t i = 0; i < length; ++i) text += alphabet[random() % alphabet.size()];
    ASSERT_EQ(json_string(text), nlohmann_text(text)) << "round " << round;
  }
}

}  // namespace
