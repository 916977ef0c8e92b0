#include "generation/generation_plan.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

#include "coverage/topic_coverage.hpp"

namespace reinforge::generation {

namespace {

constexpr int64_t kUnbounded = std::numeric_limits<int64_t>::max() / 4;

// Splits `room` over `wanted` in proportion, by largest remainder; each share ≤ its wish.
std::vector<int64_t> share_room(const std::vector<int64_t>& wanted, int64_t room) {
  int64_t total = 0;
  for (auto want : wanted) total += want;
  std::vector<int64_t> shares(wanted.size(), 0);
  if (total <= room) return wanted;
  if (room <= 0 || total == 0) return shares;
  std::vector<std::pair<double, std::size_t>> remainders;
  int64_t given = 0;
  for (std::size_t i = 0; i < wanted.size(); ++i) {
    double exact =
        static_cast<double>(wanted[i]) * static_cast<double>(room) / static_cast<double>(total);
    shares[i] = static_cast<int64_t>(std::floor(exact));
    given += shares[i];
    remainders.push_back({exact - static_cast<double>(shares[i]), i});
  }
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t i = 0; given < room && i < remainders.size(); ++i) {
    auto index = remainders[i].second;
    if (shares[index] < wanted[index]) {
      ++shares[index];
      ++given;
    }
  }
  return shares;
}

}  // namespace

std::string to_string(CapReason reason) {
  switch (reason) {
    case CapReason::topic_cap:
      return "topic_cap";
    case CapReason::dataset_cap:
      return "dataset_cap";
    case CapReason::none:
      break;
  }
  return "none";
}

int64_t synthetic_room(int64_t real, int64_t generated, double cap) {
  if (cap >= 1) return kUnbounded;
  if (cap <= 0) return 0;
  // A small epsilon keeps 0.3 × 70 / 0.7 = 30 from flooring to 29.
  double room =
      (cap * static_cast<double>(real + generated) - static_cast<double>(generated)) / (1 - cap);
  return std::max<int64_t>(0, static_cast<int64_t>(std::floor(room + 1e-9)));
}

std::vector<int64_t> fill_to_targets(const std::vector<TopicSupply>& topics) {
  int64_t total = 0;
  for (const auto& topic : topics) total += topic.real + topic.generated;
  std::vector<int64_t> fill(topics.size(), 0);
  if (total == 0) return fill;
  double under_target = 0;
  double others = 0;
  std::vector<bool> under(topics.size(), false);
  for (std::size_t i = 0; i < topics.size(); ++i) {
    int64_t n = topics[i].real + topics[i].generated;
    under[i] = topics[i].target > 0 &&
               static_cast<double>(n) < topics[i].target * static_cast<double>(total) - 1e-9;
    if (under[i]) {
      under_target += topics[i].target;
    } else {
      others += static_cast<double>(n);
    }
  }
  if (under_target >= 1 - 1e-9 || others <= 0) {
    for (std::size_t i = 0; i < topics.size(); ++i) {
      fill[i] =
          std::max<int64_t>(0, coverage::coverage_deficit(topics[i].target, total,
                                                          topics[i].real + topics[i].generated));
    }
    return fill;
  }
  double grown = others / (1 - under_target);
  for (std::size_t i = 0; i < topics.size(); ++i) {
    if (!under[i]) continue;
    double need =
        topics[i].target * grown - static_cast<double>(topics[i].real + topics[i].generated);
    fill[i] = std::max<int64_t>(0, static_cast<int64_t>(std::ceil(need - 1e-9)));
  }
  return fill;
}

GenerationPlan plan_generation(const std::vector<TopicSupply>& topics,
                               const std::vector<std::pair<std::string, int64_t>>& requested,
                               double cap) {
  std::unordered_map<std::string, const TopicSupply*> by_id;
  int64_t real = 0;
  int64_t generated = 0;
  for (const auto& topic : topics) {
    by_id[topic.topic_id] = &topic;
    real += topic.real;
    generated += topic.generated;
  }
  GenerationPlan plan;
  plan.dataset_room = std::min(synthetic_room(real, generated, cap), kUnbounded);
  std::vector<int64_t> after_topic_cap;
  for (const auto& [topic_id, count] : requested) {
    PlannedTopic planned;
    planned.topic_id = topic_id;
    planned.requested = std::max<int64_t>(0, count);
    auto found = by_id.find(topic_id);
    int64_t topic_real = found == by_id.end() ? 0 : found->second->real;
    int64_t topic_generated = found == by_id.end() ? 0 : found->second->generated;
    planned.no_real_examples = topic_real == 0;
    int64_t room =
        planned.no_real_examples ? kUnbounded : synthetic_room(topic_real, topic_generated, cap);
    planned.allowed = std::min(planned.requested, room);
    if (planned.allowed < planned.requested) planned.clipped_by = CapReason::topic_cap;
    plan.requested += planned.requested;
    after_topic_cap.push_back(planned.allowed);
    plan.topics.push_back(std::move(planned));
  }
  auto shares = share_room(after_topic_cap, plan.dataset_room);
  for (std::size_t i = 0; i < plan.topics.size(); ++i) {
    if (shares[i] < plan.topics[i].allowed) {
      plan.topics[i].allowed = shares[i];
      plan.topics[i].clipped_by = CapReason::dataset_cap;
    }
    plan.allowed += plan.topics[i].allowed;
  }
  return plan;
}

}  // namespace reinforge::generation
