// The pure rules of step 6: split, gate, start options, metric points and progress.
#include <gtest/gtest.h>

#include <set>

#include "training/run_progress.hpp"
#include "training/training_gate.hpp"
#include "training/training_options.hpp"
#include "training/training_split.hpp"

using namespace reinforge::training;

namespace {

std::vector<SplitCandidate> candidates(int per_topic, std::vector<std::string> topics,
                                       int64_t first_id = 1) {
  std::vector<SplitCandidate> out;
  int64_t id = first_id;
  for (const auto& topic : topics) {
    for (int i = 0; i < per_topic; ++i) out.push_back({id++, topic});
  }
  return out;
}

}  // namespace

TEST(TrainingSplit, gives_each_topic_the_validation_share) {
  auto split = split_records(candidates(100, {"a", "b", "c"}), SplitOptions{0.1, true, 42});
  EXPECT_EQ(split.train_ids.size(), 270u);
  EXPECT_EQ(split.valid_ids.size(), 30u);
  std::map<int64_t, std::string> topic_of;
  for (const auto& c : candidates(100, {"a", "b", "c"})) topic_of[c.record_id] = c.topic;
  std::map<std::string, int> per_topic;
  for (auto id : split.valid_ids) ++per_topic[topic_of[id]];
  EXPECT_EQ(per_topic["a"], 10);
  EXPECT_EQ(per_topic["b"], 10);
  EXPECT_EQ(per_topic["c"], 10);
}

TEST(TrainingSplit, same_seed_same_split_whatever_the_order_and_another_seed_differs) {
  auto records = candidates(50, {"a", "b"});
  auto first = split_records(records, SplitOptions{0.2, true, 7});
  std::reverse(records.begin(), records.end());
  auto again = split_records(records, SplitOptions{0.2, true, 7});
  EXPECT_EQ(first.valid_ids, again.valid_ids);
  EXPECT_EQ(first.train_ids, again.train_ids);
  auto other = split_records(records, SplitOptions{0.2, true, 8});
  EXPECT_NE(first.valid_ids, other.valid_ids);
}

TEST(TrainingSplit, parts_are_disjoint_and_cover_every_record) {
  auto records = candidates(37, {"x", "y", ""});
  auto split = split_records(records, SplitOptions{0.25, true, 1});
  std::set<int64_t> all(split.train_ids.begin(), split.train_ids.end());
  for (auto id : split.valid_ids) EXPECT_TRUE(all.insert(id).second) << id << " is in both parts";
  EXPECT_EQ(all.size(), records.size());
}

TEST(TrainingSplit, a_topic_of_one_record_stays_in_training_but_validation_is_never_empty) {
  auto split = split_records({{1, "a"}, {2, "b"}, {3, "c"}}, SplitOptions{0.1, true, 42});
  EXPECT_EQ(split.valid_ids.size(), 1u);
  EXPECT_EQ(split.train_ids.size(), 2u);
  auto single = split_records({{1, "a"}}, SplitOptions{0.1, true, 42});
  EXPECT_TRUE(single.valid_ids.empty());
  EXPECT_EQ(single.train_ids.size(), 1u);
}

TEST(TrainingSplit, unstratified_takes_the_share_of_the_whole) {
  auto split = split_records(candidates(10, {"a", "b", "c", "d"}), SplitOptions{0.5, false, 3});
  EXPECT_EQ(split.valid_ids.size(), 20u);
}

TEST(TrainingGate, go_starts_caution_asks_no_go_stale_and_none_refuse_unless_overridden) {
  EXPECT_EQ(training_gate({"GO", false, false, false}).outcome, GateOutcome::allowed);
  auto caution = training_gate({"CAUTION", false, false, false});
  EXPECT_EQ(caution.outcome, GateOutcome::needs_confirmation);
  EXPECT_EQ(caution.code, "gate_caution");
  EXPECT_EQ(training_gate({"CAUTION", false, true, false}).outcome, GateOutcome::allowed);
  for (GateFacts refused :
       {GateFacts{"NO-GO", false, true, false}, GateFacts{"GO", true, true, false},
        GateFacts{std::nullopt, false, true, false}}) {
    auto decision = training_gate(refused);
    EXPECT_EQ(decision.outcome, GateOutcome::refused) << decision.message;
    EXPECT_EQ(decision.code, "gate_refused");
    refused.override_gate = true;
    auto overridden = training_gate(refused);
    EXPECT_EQ(overridden.outcome, GateOutcome::allowed);
    EXPECT_TRUE(overridden.overridden);
  }
  EXPECT_NE(training_gate({"GO", true, false, false}).message.find("stale"), std::string::npos);
}

TEST(TrainingOptions, fills_each_backends_defaults_and_names_the_bad_field) {
  auto openai =
      read_training_options({{"backend", "openai"}, {"base_model", "o4-mini-2025-04-16"}});
  EXPECT_EQ(openai.hyperparameters["n_epochs"], "auto");
  EXPECT_EQ(openai.split.valid_share, 0.1);
  EXPECT_TRUE(openai.split.stratify);
  EXPECT_EQ(openai.provider["api_key_env"], "OPENAI_API_KEY");
  auto external = read_training_options({{"backend", "external"},
                                         {"base_model", "Qwen/Qwen2.5-1.5B"},
                                         {"hyperparameters", {{"n_epochs", 3}}}});
  EXPECT_EQ(external.hyperparameters["n_epochs"], 3);
  EXPECT_EQ(external.hyperparameters["group_size"], 8);

  struct Case {
    nlohmann::json body;
    std::string field;
  };
  std::vector<Case> cases = {
      {{{"backend", "local"}, {"base_model", "m"}}, "backend"},
      {{{"backend", "openai"}}, "base_model"},
      {{{"backend", "openai"}, {"base_model", "m"}, {"valid_share", 0.6}}, "valid_share"},
      {{{"backend", "openai"}, {"base_model", "m"}, {"valid_share", 0}}, "valid_share"},
      {{{"backend", "openai"}, {"base_model", "m"}, {"hyperparameters", {{"n_epochs", -1}}}},
       "hyperparameters.n_epochs"},
      {{{"backend", "external"}, {"base_model", "m"}, {"hyperparameters", {{"n_epochs", "auto"}}}},
       "hyperparameters.n_epochs"},
      {{{"backend", "openai"},
        {"base_model", "m"},
        {"hyperparameters", {{"reasoning_effort", "max"}}}},
       "reasoning_effort"},
      {{{"backend", "openai"}, {"base_model", "m"}, {"provider", {{"api_key", "sk-x"}}}},
       "provider.api_key"},
      {{{"backend", "openai"}, {"base_model", "m"}, {"command", "python3 train.py"}}, "command"},
      {{{"backend", "external"}, {"base_model", "m"}, {"seed", -2}}, "seed"},
  };
  for (const auto& test : cases) {
    try {
      read_training_options(test.body);
      ADD_FAILURE() << test.body.dump() << " was accepted";
    } catch (const TrainingOptionsError& error) {
      EXPECT_NE(std::string(error.what()).find(test.field), std::string::npos) << error.what();
    }
  }
}

TEST(MetricPoints, read_openai_rft_events_trl_logs_and_our_own_names) {
  auto openai =
      read_metric_point({{"step", 10},
                         {"total_steps", 20},
                         {"scores", {{"train_reward_mean", 0.42}, {"valid_reward_mean", 0.675}}},
                         {"train_mean_reward", 0.42},
                         {"full_valid_mean_reward", 0.675}});
  ASSERT_TRUE(openai);
  EXPECT_DOUBLE_EQ(*openai->train_reward_mean, 0.42);
  EXPECT_DOUBLE_EQ(*openai->valid_reward_mean, 0.675);
  EXPECT_DOUBLE_EQ(*openai->total_steps, 20);
  EXPECT_DOUBLE_EQ(openai->values["scores.train_reward_mean"].get<double>(), 0.42);
  auto trl =
      read_metric_point({{"global_step", 5}, {"reward", 0.3}, {"loss", 0.01}, {"epoch", 0.5}});
  ASSERT_TRUE(trl);
  EXPECT_DOUBLE_EQ(*trl->step, 5);
  EXPECT_DOUBLE_EQ(*trl->train_reward_mean, 0.3);
  EXPECT_DOUBLE_EQ(*trl->loss, 0.01);
  EXPECT_FALSE(read_metric_point({{"note", "no numbers"}}));
  EXPECT_FALSE(read_metric_point(nlohmann::json::array()));
}

TEST(RunProgress, percent_eta_and_reward_change_since_the_first_point) {
  RunProgress run;
  apply_metric_point(
      run, *read_metric_point({{"step", 10}, {"total_steps", 100}, {"train_reward_mean", 0.3}}),
      1'000'100, 1'000'000);
  EXPECT_DOUBLE_EQ(run.progress["percent"].get<double>(), 0.1);
  EXPECT_EQ(run.progress["eta_seconds"].get<int64_t>(), 900);
  apply_metric_point(
      run,
      *read_metric_point({{"step", 50}, {"train_reward_mean", 0.5}, {"valid_reward_mean", 0.45}}),
      1'000'200, 1'000'000);
  EXPECT_DOUBLE_EQ(run.progress["percent"].get<double>(), 0.5);
  EXPECT_EQ(run.progress["eta_seconds"].get<int64_t>(), 200);
  auto view = rewards_view(run.rewards);
  EXPECT_DOUBLE_EQ(view["train"]["first"].get<double>(), 0.3);
  EXPECT_DOUBLE_EQ(view["train"]["change"].get<double>(), 0.2);
  EXPECT_DOUBLE_EQ(view["valid"]["change"].get<double>(), 0.0);
  EXPECT_TRUE(rewards_view(nlohmann::json::object())["train"]["last"].is_null());
}

TEST(RunProgress, epochs_give_the_percent_when_steps_are_not_known) {
  RunProgress run;
  apply_metric_point(run, *read_metric_point({{"epoch", 1}, {"epochs", 4}}), 100, std::nullopt);
  EXPECT_DOUBLE_EQ(run.progress["percent"].get<double>(), 0.25);
  EXPECT_FALSE(run.progress.contains("eta_seconds"));
}
