#include "util/utf8.hpp"

#include <gtest/gtest.h>

#include <string>

namespace reinforge::util {
namespace {

TEST(Utf8, accepts_well_formed_text_of_every_length) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("plain ascii"));
  EXPECT_TRUE(is_valid_utf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"));  // é € 😀
  EXPECT_EQ(replace_invalid_utf8("caf\xC3\xA9"), "caf\xC3\xA9");
}

TEST(Utf8, replaces_each_byte_that_starts_no_character) {
  const std::string replacement = "\xEF\xBF\xBD";
  EXPECT_FALSE(
      is_valid_utf8("a\xFF"
                    "b"));
  EXPECT_EQ(replace_invalid_utf8("a\xFF"
                                 "b"),
            "a" + replacement + "b");
  EXPECT_FALSE(is_valid_utf8("\xC3"));  // cut short
  EXPECT_EQ(replace_invalid_utf8("x\xC3"), "x" + replacement);
  EXPECT_FALSE(is_valid_utf8("\xC0\xAF"));  // overlong "/"
  EXPECT_EQ(replace_invalid_utf8("\xC0\xAF"), replacement + replacement);
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // a surrogate
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // past U+10FFFF
}

TEST(Utf8, checks_every_byte_of_long_text_wherever_a_character_falls) {
  // Long ASCII runs are read eight bytes at a time: a bad byte or a character at any offset is
  // still seen, and a character across an eight-byte boundary still passes.
  const std::string ascii(24, 'a');
  for (std::size_t at = 0; at <= ascii.size(); ++at) {
    std::string bad = ascii;
    bad.insert(at, "\xFF");
    EXPECT_FALSE(is_valid_utf8(bad)) << "bad byte at " << at;
    std::string cut = ascii;
    cut.insert(at, "\xE2\x82");  // "€" without its last byte
    EXPECT_FALSE(is_valid_utf8(cut)) << "cut character at " << at;
    std::string euro = ascii;
    euro.insert(at, "\xE2\x82\xAC");
    EXPECT_TRUE(is_valid_utf8(euro)) << "character at " << at;
  }
}

}  // namespace
}  // namespace reinforge::util
