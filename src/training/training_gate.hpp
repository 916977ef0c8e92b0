#pragma once
// Whether a training run may start (PRODUCT.md §8): it needs a dry run of the current grader on
// the current dataset revision that is GO; CAUTION asks for a confirmation; NO-GO, a stale dry
// run or none at all refuse unless the person overrides. Pure, so every case is tested.
#include <optional>
#include <string>

namespace reinforge::training {

struct GateFacts {
  std::optional<std::string>
      verdict;         // the last dry run's "GO" | "CAUTION" | "NO-GO"; none: no run
  bool stale = false;  // records or grader changed since that dry run
  bool confirm_caution = false;
  bool override_gate = false;
};

enum class GateOutcome { allowed, needs_confirmation, refused };

struct GateDecision {
  GateOutcome outcome = GateOutcome::refused;
  std::string code;     // "", "gate_caution" or "gate_refused": the API's error code
  std::string message;  // for the person: why, and what to do
  bool overridden = false;
};

GateDecision training_gate(const GateFacts& facts);

}  // namespace reinforge::training
