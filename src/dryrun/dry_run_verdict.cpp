#include "dryrun/dry_run_verdict.hpp"

#include <algorithm>

namespace reinforge::dryrun {

namespace {
constexpr double kBoundaryTolerance = 1e-9;
}

std::string_view to_string(DryRunVerdict verdict) {
  switch (verdict) {
    case DryRunVerdict::go: return "GO";
    case DryRunVerdict::caution: return "CAUTION";
    case DryRunVerdict::no_go: return "NO-GO";
  }
  return "NO-GO";
}

DryRunVerdict band_verdict(double value, double caution_low, double caution_high) {
  if (value > caution_high + kBoundaryTolerance) return DryRunVerdict::go;
  if (value < caution_low - kBoundaryTolerance) return DryRunVerdict::no_go;
  return DryRunVerdict::caution;
}

VerdictBreakdown dry_run_verdict(const DryRunStatistics& stats, const VerdictThresholds& thresholds) {
  if (stats.scored == 0) return {DryRunVerdict::no_go, DryRunVerdict::no_go, DryRunVerdict::no_go, DryRunVerdict::no_go};
  VerdictBreakdown breakdown{};
  breakdown.mean = band_verdict(stats.mean, thresholds.mean_low, thresholds.mean_high);
  breakdown.share_above_zero = band_verdict(stats.share_above_zero, thresholds.share_low, thresholds.share_high);
  breakdown.std_dev = band_verdict(stats.std_dev, thresholds.std_low, thresholds.std_high);
  // The enum is ordered from best to worst.
  breakdown.overall = std::max({breakdown.mean, breakdown.share_above_zero, breakdown.std_dev});
  return breakdown;
}

}  // namespace reinforge::dryrun
