#include "util/page_cursor.hpp"

#include <gtest/gtest.h>

namespace reinforge::util {
namespace {

TEST(PageCursorTest, RoundTripsTheKeyAndTheFingerprint) {
  PageCursor cursor{query_fingerprint({{"model", "m1"}}), {1764000000123, 987654321}};
  auto decoded = decode_page_cursor(encode_page_cursor(cursor));
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->query_fingerprint, cursor.query_fingerprint);
  EXPECT_EQ(decoded->after, cursor.after);
}

TEST(PageCursorTest, KeepsNegativeAndZeroParts) {
  PageCursor cursor{0, {0, -1, INT64_MIN, INT64_MAX}};
  auto decoded = decode_page_cursor(encode_page_cursor(cursor));
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->after, cursor.after);
}

TEST(PageCursorTest, RefusesWhatItDidNotWrite) {
  for (const char* text : {"", "c1", "c1.", "c1.ab", "c2.ab.1", "c1.ab.xyz", "c1.ab.1.", "c1..1",
                           "c1.ab.12345678901234567", "c1.ab.1.2.3.4.5.6.7.8.9", "C1.ab.1",
                           "c1.ab.-1", "c1.ab. 1", "garbage"}) {
    EXPECT_FALSE(decode_page_cursor(text)) << text;
  }
}

TEST(PageCursorTest, FingerprintTellsFiltersApart) {
  EXPECT_EQ(query_fingerprint({{"model", "m1"}, {"key", "2"}}),
            query_fingerprint({{"key", "2"}, {"model", "m1"}}));
  EXPECT_NE(query_fingerprint({{"model", "m1"}}), query_fingerprint({{"model", "m2"}}));
  EXPECT_NE(query_fingerprint({{"model", "m1"}}), query_fingerprint({}));
  EXPECT_NE(query_fingerprint({{"a", "bc"}}), query_fingerprint({{"ab", "c"}}));
}

}  // namespace
}  // namespace reinforge::util
