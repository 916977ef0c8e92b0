#include "coverage/step_status.hpp"

#include <cstdio>

namespace reinforge::coverage {

std::string_view to_string(CoverageStepStatus status) {
  switch (status) {
    case CoverageStepStatus::waiting: return "waiting";
    case CoverageStepStatus::running: return "running";
    case CoverageStepStatus::complete: return "complete";
    case CoverageStepStatus::attention: return "attention";
    case CoverageStepStatus::skipped: return "skipped";
  }
  return "waiting";
}

std::string_view to_string(BalanceBand band) {
  switch (band) {
    case BalanceBand::good: return "good";
    case BalanceBand::attention: return "attention";
    case BalanceBand::poor: return "poor";
  }
  return "poor";
}

BalanceBand balance_band(double balance_score) {
  if (balance_score > 0.6) return BalanceBand::good;
  if (balance_score >= 0.3) return BalanceBand::attention;
  return BalanceBand::poor;
}

CoverageStepVerdict coverage_step_status(const CoverageStepFacts& facts) {
  // Generation is the step's own work: it shows even if the user skipped before.
  if (facts.generating) {
    return {CoverageStepStatus::running, facts.generating_progress, std::nullopt, false, "Generating records"};
  }
  if (facts.skipped) return {CoverageStepStatus::skipped, std::nullopt, std::nullopt, false, "Skipped"};
  if (!facts.categorization_complete || !facts.balance_score) {
    return {CoverageStepStatus::waiting, std::nullopt, std::nullopt, false, "Waiting for categorization"};
  }
  char score[32];
  std::snprintf(score, sizeof score, "%.2f", *facts.balance_score);
  auto band = balance_band(*facts.balance_score);
  switch (band) {
    case BalanceBand::good:
      return {CoverageStepStatus::complete, std::nullopt, band, false, std::string("Balance ") + score + ", good"};
    case BalanceBand::attention:
      return {CoverageStepStatus::attention, std::nullopt, band, false, std::string("Balance ") + score};
    case BalanceBand::poor:
      return {CoverageStepStatus::attention, std::nullopt, band, true,
              std::string("Balance ") + score + ", poor: generation recommended"};
  }
  return {};
}

}  // namespace reinforge::coverage
