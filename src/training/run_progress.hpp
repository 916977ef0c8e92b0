#pragma once
// What a run's metric points say about its progress (PRODUCT.md §8: percent, epoch i/n, train
// and validation reward with the change since start, ETA). Pure: the backends, the metrics
// endpoint and the tests all fold points in the same way.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>

namespace reinforge::training {

// One reported step with the names every trainer is read in. OpenAI's RFT events say
// `scores.train_reward_mean` (and the older `train_mean_reward`, `full_valid_mean_reward`);
// TRL and OpenRLHF log `reward`, `eval_reward`; ours are `train_reward_mean`, `valid_reward_mean`.
struct MetricPoint {
  std::optional<double> step;
  std::optional<double> total_steps;
  std::optional<double> epoch;
  std::optional<double> epochs;
  std::optional<double> train_reward_mean;
  std::optional<double> valid_reward_mean;
  std::optional<double> loss;
  nlohmann::json values = nlohmann::json::object();  // every numeric field, nested ones flattened
};

// nullopt when the object carries no number at all (then it is not a metric point).
std::optional<MetricPoint> read_metric_point(const nlohmann::json& object);

// The API's MetricPoint fields (docs/training.md) for a stored point.
nlohmann::json metric_point_json(const MetricPoint& point);

struct RunProgress {
  nlohmann::json progress =
      nlohmann::json::object();  // percent, epoch, epochs, step, total_steps, eta_seconds
  nlohmann::json rewards = nlohmann::json::object();  // {"train": {"first", "last"}, "valid": ...}
};

// Folds `point`, reported at `now_s`, into the run's progress. ETA is the time so far scaled by
// the share left, from `started_at_s`, once the share done is known.
void apply_metric_point(RunProgress& run, const MetricPoint& point, int64_t now_s,
                        std::optional<int64_t> started_at_s);

// {"train": {"first", "last", "change"}, "valid": ...} for the API; null where nothing was said.
nlohmann::json rewards_view(const nlohmann::json& rewards);

}  // namespace reinforge::training
