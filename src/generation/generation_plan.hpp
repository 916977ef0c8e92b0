#pragma once
// How many records a generation run asks for per topic (PRODUCT.md §5): enough to bring every
// topic to its target share, then clipped by the cap on synthetic data so a dataset is never
// mostly made up. Pure: counts in, counts and reasons out.
#include <cstdint>
#include <string>
#include <vector>

namespace reinforge::generation {

inline constexpr double kDefaultSyntheticCap = 0.3;

struct TopicSupply {
  std::string topic_id;
  int64_t real = 0;       // valid records of this topic that were not generated
  int64_t generated = 0;  // valid records of this topic that were generated
  double target = 0;      // resolved target share (coverage/target_shares.hpp)
};

// Records to add to each topic so that every topic reaches its target share of the grown
// dataset: with U the topics below target and O the others, the final size is
// N' = Σ_O n / (1 − Σ_U target) and topic i needs target_i × N' − n_i (rounded up). Topics at or
// above target get 0. Where the targets of U leave no room (Σ_U target ≥ 1), each topic gets
// its coverage deficit instead. One entry per input topic, in order.
std::vector<int64_t> fill_to_targets(const std::vector<TopicSupply>& topics);

enum class CapReason { none, topic_cap, dataset_cap };
std::string to_string(CapReason reason);

struct PlannedTopic {
  std::string topic_id;
  int64_t requested = 0;
  int64_t allowed = 0;  // what the run will try to add; ≤ requested
  CapReason clipped_by = CapReason::none;
  bool no_real_examples = false;  // generated from the topic's name and description only
};

struct GenerationPlan {
  std::vector<PlannedTopic> topics;
  int64_t requested = 0;
  int64_t allowed = 0;
  // The most generated records the dataset can take in all: (cap × total − generated) / (1 − cap).
  int64_t dataset_room = 0;
};

// Clips requested counts so that, once added, generated records are at most `cap` of each
// topic's records and of the dataset's. A topic with no real records cannot keep any per-topic
// share below 1, so only the dataset cap bounds it (and the plan says it has no real examples).
// When the dataset cap binds, the room is shared in proportion to what was asked (largest
// remainder), so no topic is starved. `topics` holds every topic of the dataset (the dataset
// totals are their sums); `requested` names the ones to generate for.
GenerationPlan plan_generation(const std::vector<TopicSupply>& topics,
                               const std::vector<std::pair<std::string, int64_t>>& requested,
                               double cap);

// Generated records a group can take while keeping their share ≤ cap: (cap × (real + generated)
// − generated) / (1 − cap), floored, never negative.
int64_t synthetic_room(int64_t real, int64_t generated, double cap);

}  // namespace reinforge::generation
