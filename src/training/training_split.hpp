#pragma once
// The train/validation split of a training run (PRODUCT.md §8): valid records only, a share
// to validation (default 10%), stratified by topic so each topic gives the same share, and
// seeded so the same dataset always gives the same split.
#include <cstdint>
#include <string>
#include <vector>

namespace reinforge::training {

struct SplitCandidate {
  int64_t record_id = 0;
  std::string topic;  // "" when uncategorized: a stratum of its own
};

struct SplitOptions {
  double valid_share = 0.1;  // in (0, 0.5]
  bool stratify = true;
  uint64_t seed = 42;
};

struct TrainingSplit {
  std::vector<int64_t> train_ids;  // ascending
  std::vector<int64_t> valid_ids;  // ascending
};

// Within each stratum (a topic, or everything when not stratified) records are ordered by a hash
// of (seed, record id) and the first round(share × n) go to validation, so adding records to a
// dataset moves none of the others. A stratum of one record stays in training; when the whole
// split would leave validation empty and there are at least two records, one goes there.
TrainingSplit split_records(const std::vector<SplitCandidate>& candidates,
                            const SplitOptions& options);

}  // namespace reinforge::training
