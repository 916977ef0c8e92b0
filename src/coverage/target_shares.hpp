#pragma once
// The share of the data each topic should have (PRODUCT.md §5): set by the user or, by
// default, an equal part of what the set targets leave.
#include <optional>
#include <vector>

namespace reinforge::coverage {

// One entry per topic (nullopt: no target set). Rules, in order:
// - topics without a target share equally what the set ones leave (1 − their sum, never < 0);
//   with nothing set every topic gets 1/n;
// - when the result does not sum to 1 (set targets summing to 1.5, say) every target is
//   scaled so it does: targets read as relative weights, so the balance score can reach 1;
// - a target of 0 stays 0 (the topic is not wanted and does not count in the balance score).
// Negative targets are treated as 0. An empty input gives an empty output.
std::vector<double> resolve_target_shares(const std::vector<std::optional<double>>& targets);

}  // namespace reinforge::coverage
