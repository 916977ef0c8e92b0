#include "training/training_gate.hpp"

namespace reinforge::training {

namespace {

GateDecision refuse_unless_overridden(const GateFacts& facts, std::string message) {
  if (facts.override_gate) {
    return {GateOutcome::allowed, "", message + " Starting anyway: the gate was overridden.", true};
  }
  return {GateOutcome::refused, "gate_refused",
          message + " Re-run the dry run (step 5), or override the gate to start anyway.", false};
}

}  // namespace

GateDecision training_gate(const GateFacts& facts) {
  if (!facts.verdict) {
    return refuse_unless_overridden(facts, "No dry run has finished for this dataset.");
  }
  if (facts.stale) {
    return refuse_unless_overridden(
        facts, "The last dry run (" + *facts.verdict +
                   ") is stale: the records or the grader changed after it ran.");
  }
  if (*facts.verdict == "GO") return {GateOutcome::allowed, "", "The dry run is GO.", false};
  if (*facts.verdict == "CAUTION") {
    if (facts.confirm_caution || facts.override_gate) {
      return {GateOutcome::allowed, "", "The dry run is CAUTION; starting as confirmed.", false};
    }
    return {GateOutcome::needs_confirmation, "gate_caution",
            "The dry run is CAUTION: rewards may be too low or too uniform to learn from. Confirm "
            "to start anyway.",
            false};
  }
  return refuse_unless_overridden(
      facts,
      "The dry run is NO-GO: the base model scores too low or too uniformly for RFT to learn.");
}

}  // namespace reinforge::training
