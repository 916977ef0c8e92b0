#include "dryrun/dry_run_verdict.hpp"

#include <gtest/gtest.h>

using namespace reinforge::dryrun;

namespace {

DryRunStatistics stats_with(double mean, double share, double std_dev) {
  DryRunStatistics stats;
  stats.scored = 100;
  stats.mean = mean;
  stats.share_above_zero = share;
  stats.std_dev = std_dev;
  return stats;
}

constexpr auto GO = DryRunVerdict::go;
constexpr auto CAUTION = DryRunVerdict::caution;
constexpr auto NO_GO = DryRunVerdict::no_go;

}  // namespace

TEST(DryRunVerdict, each_metric_at_and_around_its_boundaries) {
  struct Case {
    double value;
    DryRunVerdict expected;
  };
  // mean: > 0.2 GO, 0.1–0.2 CAUTION (ends included), < 0.1 NO-GO
  for (auto [value, expected] : std::vector<Case>{{0.0, NO_GO}, {0.0999, NO_GO}, {0.1, CAUTION}, {0.15, CAUTION},
                                                  {0.2, CAUTION}, {0.1 + 0.2 - 0.1, CAUTION}, {0.2001, GO}, {1.0, GO}}) {
    EXPECT_EQ(dry_run_verdict(stats_with(value, 1, 1)).mean, expected) << "mean " << value;
  }
  // share > 0: > 70% GO, 50–70% CAUTION, < 50% NO-GO
  for (auto [value, expected] : std::vector<Case>{{0.0, NO_GO}, {0.499, NO_GO}, {0.5, CAUTION}, {50.0 / 100, CAUTION},
                                                  {0.7, CAUTION}, {70.0 / 100, CAUTION}, {0.701, GO}, {1.0, GO}}) {
    EXPECT_EQ(dry_run_verdict(stats_with(1, value, 1)).share_above_zero, expected) << "share " << value;
  }
  // std: > 0.10 GO, 0.05–0.10 CAUTION, < 0.05 NO-GO
  for (auto [value, expected] : std::vector<Case>{{0.0, NO_GO}, {0.0499, NO_GO}, {0.05, CAUTION}, {0.1, CAUTION},
                                                  {0.10000000001, CAUTION}, {0.1001, GO}, {0.5, GO}}) {
    EXPECT_EQ(dry_run_verdict(stats_with(1, 1, value)).std_dev, expected) << "std " << value;
  }
}

TEST(DryRunVerdict, the_overall_verdict_is_the_worst_of_the_three) {
  struct Case {
    double mean, share, std_dev;
    DryRunVerdict expected;
  };
  for (auto [mean, share, std_dev, expected] : std::vector<Case>{
           {0.5, 0.9, 0.3, GO},
           {0.2, 0.9, 0.3, CAUTION},
           {0.5, 0.7, 0.3, CAUTION},
           {0.5, 0.9, 0.1, CAUTION},
           {0.05, 0.9, 0.3, NO_GO},
           {0.5, 0.4, 0.3, NO_GO},
           {0.5, 0.9, 0.01, NO_GO},
           {0.15, 0.6, 0.04, NO_GO},
           {0.15, 0.6, 0.07, CAUTION},
       }) {
    EXPECT_EQ(dry_run_verdict(stats_with(mean, share, std_dev)).overall, expected) << mean << " " << share << " " << std_dev;
  }
}

TEST(DryRunVerdict, no_scored_sample_is_no_go) {
  DryRunStatistics empty;
  EXPECT_EQ(dry_run_verdict(empty).overall, NO_GO);
  EXPECT_EQ(to_string(NO_GO), "NO-GO");
  EXPECT_EQ(to_string(CAUTION), "CAUTION");
  EXPECT_EQ(to_string(GO), "GO");
}
