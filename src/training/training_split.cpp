#include "training/training_split.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace reinforge::training {

namespace {

// splitmix64's finalizer: a well-mixed order that depends only on the seed and the id.
uint64_t mix(uint64_t seed, int64_t record_id) {
  uint64_t z = seed + 0x9e3779b97f4a7c15ULL * (static_cast<uint64_t>(record_id) + 1);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

}  // namespace

TrainingSplit split_records(const std::vector<SplitCandidate>& candidates,
                            const SplitOptions& options) {
  std::map<std::string, std::vector<std::pair<uint64_t, int64_t>>> strata;
  for (const auto& candidate : candidates) {
    strata[options.stratify ? candidate.topic : std::string()].push_back(
        {mix(options.seed, candidate.record_id), candidate.record_id});
  }
  TrainingSplit split;
  for (auto& [topic, members] : strata) {
    std::sort(members.begin(), members.end());
    size_t valid = members.size() < 2
                       ? 0
                       : static_cast<size_t>(std::llround(options.valid_share *
                                                          static_cast<double>(members.size())));
    valid = std::min(valid, members.size() - (members.empty() ? 0 : 1));
    for (size_t i = 0; i < members.size(); ++i) {
      (i < valid ? split.valid_ids : split.train_ids).push_back(members[i].second);
    }
  }
  if (split.valid_ids.empty() && split.train_ids.size() >= 2) {
    // Every stratum was too small to give one: take the record that hashes first overall.
    auto first = std::min_element(
        split.train_ids.begin(), split.train_ids.end(),
        [&](int64_t a, int64_t b) { return mix(options.seed, a) < mix(options.seed, b); });
    split.valid_ids.push_back(*first);
    split.train_ids.erase(first);
  }
  std::sort(split.train_ids.begin(), split.train_ids.end());
  std::sort(split.valid_ids.begin(), split.valid_ids.end());
  return split;
}

}  // namespace reinforge::training
