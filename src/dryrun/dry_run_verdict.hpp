#pragma once
// GO / CAUTION / NO-GO from PRODUCT.md §7's table; the verdict is the worst of the three.
// Boundaries belong to CAUTION: a mean of exactly 0.2 or 0.1, a share of exactly 70% or 50%, a
// standard deviation of exactly 0.10 or 0.05 are all CAUTION. Values within 1e-9 of a boundary
// count as on it, so that 0.1 + 0.2 - 0.1 is not GO by a rounding error.
#include <string_view>

#include "dryrun/dry_run_statistics.hpp"

namespace reinforge::dryrun {

enum class DryRunVerdict { go, caution, no_go };

std::string_view to_string(DryRunVerdict verdict);  // "GO", "CAUTION", "NO-GO"

// GO above `caution_high`, NO-GO below `caution_low`, CAUTION between them, ends included.
DryRunVerdict band_verdict(double value, double caution_low, double caution_high);

struct VerdictThresholds {
  double mean_low = 0.1, mean_high = 0.2;
  double share_low = 0.5, share_high = 0.7;
  double std_low = 0.05, std_high = 0.10;
};

struct VerdictBreakdown {
  DryRunVerdict mean;
  DryRunVerdict share_above_zero;
  DryRunVerdict std_dev;
  DryRunVerdict overall;
};

// A run with no scored sample is NO-GO on every line.
VerdictBreakdown dry_run_verdict(const DryRunStatistics& stats, const VerdictThresholds& thresholds = {});

}  // namespace reinforge::dryrun
