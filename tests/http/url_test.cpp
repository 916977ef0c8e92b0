#include <gtest/gtest.h>

#include "http/url.hpp"

namespace reinforge::http {
namespace {

TEST(Url, decodes_percent_escapes_and_plus_only_in_queries) {
  EXPECT_EQ(url_decode("a%20b+c"), "a b+c");
  EXPECT_EQ(url_decode("a%20b+c", true), "a b c");
  EXPECT_EQ(url_decode("%E6%97%A5"), "日");
  EXPECT_EQ(url_decode("100%"), "100%");     // a stray percent stays
  EXPECT_EQ(url_decode("%zz"), "%zz");
}

TEST(Url, parses_query_strings) {
  auto query = parse_query("q=hello+world&validity=invalid&flag&empty=");
  EXPECT_EQ(query["q"], "hello world");
  EXPECT_EQ(query["validity"], "invalid");
  EXPECT_EQ(query.count("flag"), 1u);
  EXPECT_EQ(query["empty"], "");
}

}  // namespace
}  // namespace reinforge::http
