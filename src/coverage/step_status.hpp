#pragma once
// Step 3's status (PRODUCT.md §5) as a pure function of facts the service gathers:
// balance > 0.6 good → complete; 0.3–0.6 → attention; < 0.3 poor → attention with
// generation recommended; generating → running; skipped by the user → skipped.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace reinforge::coverage {

// The subset of steps::StepStatus this step can take; the strings are the same.
enum class CoverageStepStatus { waiting, running, complete, attention, skipped };
std::string_view to_string(CoverageStepStatus status);

enum class BalanceBand { good, attention, poor };
std::string_view to_string(BalanceBand band);
// > 0.6 good; 0.3 to 0.6 (both included) attention; < 0.3 poor.
BalanceBand balance_band(double balance_score);

struct CoverageStepFacts {
  bool categorization_complete = false;  // step 2 has assigned every valid record
  std::optional<double> balance_score;   // CoverageReport::balance_score
  bool generating = false;
  double generating_progress = 0;
  bool skipped = false;
};

struct CoverageStepVerdict {
  CoverageStepStatus status = CoverageStepStatus::waiting;
  std::optional<double> progress;
  std::optional<BalanceBand> band;
  bool generation_recommended = false;
  std::string headline;
};

CoverageStepVerdict coverage_step_status(const CoverageStepFacts& facts);

}  // namespace reinforge::coverage
