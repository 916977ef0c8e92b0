#include "coverage/target_shares.hpp"

#include <algorithm>

namespace reinforge::coverage {

std::vector<double> resolve_target_shares(const std::vector<std::optional<double>>& targets) {
  std::vector<double> shares(targets.size(), 0.0);
  double set_sum = 0;
  std::size_t unset = 0;
  for (const auto& target : targets) {
    if (target) set_sum += std::max(0.0, *target);
    else ++unset;
  }
  double each_unset = unset == 0 ? 0.0 : std::max(0.0, 1.0 - set_sum) / static_cast<double>(unset);
  double total = 0;
  for (std::size_t i = 0; i < targets.size(); ++i) {
    shares[i] = targets[i] ? std::max(0.0, *targets[i]) : each_unset;
    total += shares[i];
  }
  if (total > 0) {
    for (auto& share : shares) share /= total;
  }
  return shares;
}

}  // namespace reinforge::coverage
