// The plan of a generation run: how many records bring each topic to its target, the cap on
// synthetic data, and the seeds each call gets.
#include "generation/generation_plan.hpp"

#include <gtest/gtest.h>

#include <set>

#include "generation/seed_rotation.hpp"

namespace reinforge::generation {
namespace {

TEST(FillToTargets, brings_every_topic_to_its_share_of_the_grown_dataset) {
  // 40 / 40 / 8 with equal targets: the grown dataset is 120, so the small topic needs 32.
  std::vector<TopicSupply> topics = {
      {"a", 40, 0, 1.0 / 3}, {"b", 40, 0, 1.0 / 3}, {"c", 8, 0, 1.0 / 3}};
  auto fill = fill_to_targets(topics);
  EXPECT_EQ(fill, (std::vector<int64_t>{0, 0, 32}));
  // Adding them meets the target exactly: 40 of 120.
  EXPECT_NEAR((8.0 + 32) / (88 + 32), 1.0 / 3, 1e-9);
}

TEST(FillToTargets, fills_several_topics_at_once_and_ignores_untargeted_ones) {
  std::vector<TopicSupply> topics = {
      {"a", 60, 0, 0.5}, {"b", 10, 5, 0.25}, {"c", 0, 0, 0.25}, {"d", 25, 0, 0}};
  auto fill = fill_to_targets(topics);
  // Others: a (60) and d (25, no target) = 85; grown = 85 / 0.5 = 170; b needs 42.5 − 15, c 42.5.
  EXPECT_EQ(fill, (std::vector<int64_t>{0, 28, 43, 0}));
}

TEST(FillToTargets, an_empty_dataset_needs_nothing_it_can_compute) {
  EXPECT_EQ(fill_to_targets({{"a", 0, 0, 0.5}, {"b", 0, 0, 0.5}}), (std::vector<int64_t>{0, 0}));
}

TEST(SyntheticRoom, keeps_the_generated_share_at_or_below_the_cap) {
  EXPECT_EQ(synthetic_room(70, 0, 0.3), 30);  // 30 of 100
  EXPECT_EQ(synthetic_room(8, 0, 0.3), 3);    // 3 of 11 = 27%; 4 would be 33%
  EXPECT_EQ(synthetic_room(70, 30, 0.3), 0);
  EXPECT_EQ(synthetic_room(70, 40, 0.3), 0);  // already over: never negative
  EXPECT_EQ(synthetic_room(10, 0, 0), 0);
}

TEST(PlanGeneration, clips_a_topic_to_its_cap_and_says_so) {
  std::vector<TopicSupply> topics = {
      {"a", 40, 0, 1.0 / 3}, {"b", 40, 0, 1.0 / 3}, {"c", 8, 0, 1.0 / 3}};
  auto plan = plan_generation(topics, {{"c", 32}}, 0.3);
  ASSERT_EQ(plan.topics.size(), 1u);
  EXPECT_EQ(plan.topics[0].requested, 32);
  EXPECT_EQ(plan.topics[0].allowed, 3);
  EXPECT_EQ(plan.topics[0].clipped_by, CapReason::topic_cap);
  EXPECT_EQ(plan.allowed, 3);
}

TEST(PlanGeneration, shares_the_dataset_room_in_proportion_when_the_dataset_cap_binds) {
  // 100 real records, cap 0.2: the dataset can take 25 generated records. Topic a may take 12
  // of its own; c has no real records, so only the dataset cap bounds it.
  std::vector<TopicSupply> topics = {{"a", 50, 0, 0.4}, {"b", 50, 0, 0.4}, {"c", 0, 0, 0.2}};
  auto plan = plan_generation(topics, {{"a", 10}, {"c", 40}}, 0.2);
  EXPECT_EQ(plan.dataset_room, 25);
  EXPECT_EQ(plan.allowed, 25);
  EXPECT_EQ(plan.topics[0].allowed, 5);
  EXPECT_EQ(plan.topics[1].allowed, 20);
  EXPECT_EQ(plan.topics[1].clipped_by, CapReason::dataset_cap);
}

TEST(PlanGeneration, a_topic_without_real_records_is_bounded_by_the_dataset_cap_only) {
  std::vector<TopicSupply> topics = {{"a", 90, 0, 0.5}, {"b", 0, 0, 0.5}};
  auto plan = plan_generation(topics, {{"b", 20}}, 0.3);
  EXPECT_TRUE(plan.topics[0].no_real_examples);
  EXPECT_EQ(plan.topics[0].allowed, 20);
  auto big = plan_generation(topics, {{"b", 90}}, 0.3);
  EXPECT_EQ(big.topics[0].allowed, 38);  // 38 of 128 = 29.7%
  EXPECT_EQ(big.topics[0].clipped_by, CapReason::dataset_cap);
}

TEST(SeedRotation, never_gives_the_same_set_twice_in_a_row_and_uses_the_whole_pool) {
  SeedRotation rotation(10, 3, 42);
  std::vector<std::size_t> previous;
  std::set<std::size_t> used;
  for (int call = 0; call < 50; ++call) {
    auto seeds = rotation.next();
    ASSERT_FALSE(seeds.empty());
    EXPECT_LE(seeds.size(), 3u);
    EXPECT_NE(seeds, previous) << "call " << call;
    used.insert(seeds.begin(), seeds.end());
    previous = seeds;
  }
  EXPECT_EQ(used.size(), 10u);
}

TEST(SeedRotation, a_pool_no_larger_than_a_call_still_varies) {
  SeedRotation rotation(3, 3, 1);
  auto first = rotation.next();
  for (int call = 0; call < 20; ++call) {
    auto next = rotation.next();
    EXPECT_NE(next, first);
    EXPECT_LE(next.size(), 2u);
    first = next;
  }
  EXPECT_TRUE(SeedRotation(0, 3, 1).next().empty());
  SeedRotation single(1, 3, 1);
  EXPECT_EQ(single.next(), (std::vector<std::size_t>{0}));
  EXPECT_EQ(single.next(), (std::vector<std::size_t>{0}));
}

}  // namespace
}  // namespace reinforge::generation
