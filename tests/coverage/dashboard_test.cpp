#include <gtest/gtest.h>

#include "coverage/dashboard.hpp"

namespace reinforge::coverage {
namespace {

using Counts = std::vector<std::pair<int64_t, int64_t>>;

TEST(TokenLengthHistogram, BucketsDoubleFromSixteenTokens) {
  Counts counts = {{3, 2}, {15, 1}, {16, 4}, {31, 1}, {32, 5}};
  auto histogram = token_length_histogram(counts);
  ASSERT_EQ(histogram.size(), 3u);
  EXPECT_EQ(histogram[0].from, 0);
  EXPECT_EQ(histogram[0].to, 16);
  EXPECT_EQ(histogram[0].records, 3);
  EXPECT_EQ(histogram[1].from, 16);
  EXPECT_EQ(histogram[1].to, 32);
  EXPECT_EQ(histogram[1].records, 5);
  EXPECT_EQ(histogram[2].from, 32);
  EXPECT_EQ(histogram[2].to, 64);
  EXPECT_EQ(histogram[2].records, 5);
}

TEST(TokenLengthHistogram, RunsFromFirstToLastNonEmptyBucketKeepingGaps) {
  Counts counts = {{5000, 1}, {40, 2}};  // any order
  auto histogram = token_length_histogram(counts);
  ASSERT_EQ(histogram.front().from, 32);
  ASSERT_EQ(histogram.back().from, 4096);
  EXPECT_EQ(histogram.back().to, 8192);
  EXPECT_EQ(histogram.size(), 8u);  // 32, 64, ... 4096: the empty ones between stay
  int64_t total = 0;
  for (const auto& bucket : histogram) total += bucket.records;
  EXPECT_EQ(total, 3);
  EXPECT_EQ(histogram[1].records, 0);
}

TEST(TokenLengthHistogram, NoRecordsNoBuckets) {
  EXPECT_TRUE(token_length_histogram(Counts{}).empty());
  EXPECT_TRUE(token_length_histogram(Counts{{10, 0}}).empty());
}

}  // namespace
}  // namespace reinforge::coverage
