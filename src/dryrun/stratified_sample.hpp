#pragma once
// Which records a dry run samples: `count` of them, spread over topics in proportion to their
// size (largest remainder), at least one per topic when `count` allows, chosen at random within
// each topic. All of them when there are no more than `count`.
#include <cstdint>
#include <string>
#include <vector>

namespace reinforge::dryrun {

// `topics[i]` is record i's topic ("" when uncategorized, a stratum of its own). Returns record
// indexes in ascending order; the same seed gives the same choice.
std::vector<size_t> stratified_sample(const std::vector<std::string>& topics, size_t count, uint64_t seed);

}  // namespace reinforge::dryrun
