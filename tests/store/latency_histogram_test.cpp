#include "store/latency_histogram.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

namespace reinforge::store {
namespace {

double nearest_rank(std::vector<double> values, double fraction) {
  std::sort(values.begin(), values.end());
  auto rank = static_cast<std::size_t>(std::ceil(fraction * static_cast<double>(values.size())));
  return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
}

TEST(LatencyHistogram, PercentilesStayWithinTwoPercentOfTheRawOnes) {
  std::mt19937 random(7);
  std::lognormal_distribution<double> latency(std::log(400.0), 0.8);
  std::vector<double> raw;
  LatencyHistogram histogram;
  for (int i = 0; i < 20000; ++i) {
    raw.push_back(latency(random));
    histogram.add(raw.back());
  }
  for (double fraction : {0.01, 0.5, 0.95, 0.99, 1.0}) {
    double exact = nearest_rank(raw, fraction);
    EXPECT_NEAR(histogram.percentile(fraction), exact, exact * 0.02) << fraction;
  }
}

TEST(LatencyHistogram, AddingHistogramsEqualsCountingEverythingInOne) {
  LatencyHistogram left, right, together;
  for (int i = 0; i < 500; ++i) {
    double ms = 0.5 + i * 3.7;
    (i % 3 ? left : right).add(ms);
    together.add(ms);
  }
  left.add(right);
  EXPECT_EQ(left.count(), 500u);
  EXPECT_EQ(left.encode(), together.encode());  // canonical: equal histograms, equal bytes
}

TEST(LatencyHistogram, RoundTripsAndRefusesWhatItDidNotWrite) {
  LatencyHistogram histogram;
  for (double ms : {0.0, -3.0, 0.004, 1.0, 1.0, 250.0, 1e12}) histogram.add(ms);
  auto decoded = LatencyHistogram::decode(histogram.encode());
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->encode(), histogram.encode());
  EXPECT_EQ(decoded->count(), 7u);
  EXPECT_TRUE(LatencyHistogram::decode(LatencyHistogram().encode()));
  std::string bytes = histogram.encode();
  EXPECT_FALSE(LatencyHistogram::decode(bytes + "x"));                 // trailing bytes
  EXPECT_FALSE(LatencyHistogram::decode(bytes.substr(0, bytes.size() - 1)));  // cut short
  EXPECT_FALSE(LatencyHistogram::decode(""));
  EXPECT_FALSE(LatencyHistogram::decode(std::string("\x01\x00\x00", 3)));  // a zero count
}

TEST(LatencyHistogram, HugeAndTinyLatenciesLandInTheEndBuckets) {
  EXPECT_EQ(LatencyHistogram::bucket_of(0), 0);
  EXPECT_EQ(LatencyHistogram::bucket_of(std::nan("")), 0);
  EXPECT_EQ(LatencyHistogram::bucket_of(1e15), LatencyHistogram::kBuckets - 1);
  EXPECT_EQ(LatencyHistogram().percentile(0.5), 0);
}

}  // namespace
}  // namespace reinforge::store
