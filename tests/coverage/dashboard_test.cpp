#include <gtest/gtest.h>

#include "coverage/dashboard.hpp"

namespace reinforge::coverage {
namespace {

TEST(Dashboard, ConfidenceMixUsesTheProductBands) {
  auto mix = confidence_mix_per_topic({{"a", 0.85, 10, "trace"},
                                       {"a", 0.84, 10, "trace"},
                                       {"a", 0.70, 10, "import"},
                                       {"a", 0.69, 10, "import"},
                                       {"", 0.0, 10, "import"}});
  EXPECT_EQ(mix["a"].high, 1);
  EXPECT_EQ(mix["a"].medium, 2);
  EXPECT_EQ(mix["a"].low, 1);
  EXPECT_EQ(mix[""].low, 1);  // uncategorized records are reported, not dropped
}

TEST(Dashboard, SourcesPerTopic) {
  auto sources = sources_per_topic({{"a", 1, 1, "trace"}, {"a", 1, 1, "generated"}, {"a", 1, 1, "trace"},
                                    {"b", 1, 1, "import"}});
  EXPECT_EQ(sources["a"]["trace"], 2);
  EXPECT_EQ(sources["a"]["generated"], 1);
  EXPECT_EQ(sources["b"].size(), 1u);
}

TEST(Dashboard, TokenHistogramCoversMinimumToMaximum) {
  auto histogram = token_length_histogram({0, 5, 9, 10, 19}, 2);
  ASSERT_EQ(histogram.size(), 2u);
  EXPECT_EQ(histogram[0].from, 0);
  EXPECT_EQ(histogram[0].to, 10);
  EXPECT_EQ(histogram[0].records, 3);
  EXPECT_EQ(histogram[1].records, 2);
  int64_t total = 0;
  for (const auto& bucket : token_length_histogram({3, 3, 3}, 20)) total += bucket.records;
  EXPECT_EQ(total, 3);
  EXPECT_TRUE(token_length_histogram({}, 5).empty());
}

}  // namespace
}  // namespace reinforge::coverage
