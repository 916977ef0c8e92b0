#include "dryrun/stratified_sample.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <random>

namespace reinforge::dryrun {

std::vector<size_t> stratified_sample(const std::vector<std::string>& topics, size_t count, uint64_t seed) {
  std::vector<size_t> chosen(topics.size());
  std::iota(chosen.begin(), chosen.end(), 0);
  if (count >= topics.size()) return chosen;

  std::map<std::string, std::vector<size_t>> strata;
  for (size_t i = 0; i < topics.size(); ++i) strata[topics[i]].push_back(i);
  struct Share {
    std::vector<size_t>* members;
    size_t take;
    double remainder;
  };
  std::vector<Share> shares;
  size_t given = 0;
  for (auto& [topic, members] : strata) {
    double exact = static_cast<double>(count) * members.size() / topics.size();
    auto take = static_cast<size_t>(exact);
    shares.push_back({&members, take, exact - take});
    given += take;
  }
  std::vector<size_t> by_remainder(shares.size());
  std::iota(by_remainder.begin(), by_remainder.end(), 0);
  std::stable_sort(by_remainder.begin(), by_remainder.end(),
                   [&](size_t a, size_t b) { return shares[a].remainder > shares[b].remainder; });
  for (size_t i = 0; given < count; i = (i + 1) % shares.size()) {
    auto& share = shares[by_remainder[i]];
    if (share.take < share.members->size()) {
      ++share.take;
      ++given;
    }
  }
  // Every topic is seen when there is room: a small topic takes one from the largest share.
  if (count >= shares.size()) {
    for (auto& share : shares) {
      if (share.take > 0) continue;
      auto largest = std::max_element(shares.begin(), shares.end(), [](const Share& a, const Share& b) { return a.take < b.take; });
      if (largest->take <= 1) break;
      --largest->take;
      share.take = 1;
    }
  }
  std::mt19937_64 random(seed);
  chosen.clear();
  for (auto& share : shares) {
    auto members = *share.members;
    std::shuffle(members.begin(), members.end(), random);
    chosen.insert(chosen.end(), members.begin(), members.begin() + share.take);
  }
  std::sort(chosen.begin(), chosen.end());
  return chosen;
}

}  // namespace reinforge::dryrun
