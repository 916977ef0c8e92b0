#include "training/run_progress.hpp"

#include <algorithm>
#include <cmath>

namespace reinforge::training {

namespace {

void flatten_numbers(const nlohmann::json& object, const std::string& prefix, nlohmann::json& out) {
  for (const auto& [key, value] : object.items()) {
    std::string name = prefix.empty() ? key : prefix + "." + key;
    if (value.is_number() && std::isfinite(value.get<double>())) {
      out[name] = value.get<double>();
    } else if (value.is_object() && prefix.empty()) {
      flatten_numbers(value, name, out);  // one level: OpenAI's `scores.train_reward_mean`
    }
  }
}

std::optional<double> first_of(const nlohmann::json& values,
                               std::initializer_list<const char*> names) {
  for (const char* name : names) {
    auto found = values.find(name);
    if (found != values.end()) return found->get<double>();
  }
  return std::nullopt;
}

nlohmann::json optional_json(const std::optional<double>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

void fold_reward(nlohmann::json& rewards, const char* part, const std::optional<double>& value) {
  if (!value) return;
  auto& entry = rewards[part];
  if (!entry.is_object() || !entry.contains("first")) entry = {{"first", *value}};
  entry["last"] = *value;
}

}  // namespace

std::optional<MetricPoint> read_metric_point(const nlohmann::json& object) {
  if (!object.is_object()) return std::nullopt;
  MetricPoint point;
  flatten_numbers(object, "", point.values);
  if (point.values.empty()) return std::nullopt;
  const auto& v = point.values;
  point.step = first_of(v, {"step", "global_step"});
  point.total_steps = first_of(v, {"total_steps", "max_steps"});
  point.epoch = first_of(v, {"epoch"});
  point.epochs = first_of(v, {"epochs", "n_epochs", "num_train_epochs"});
  point.train_reward_mean = first_of(v, {"train_reward_mean", "scores.train_reward_mean",
                                         "train_mean_reward", "reward", "rewards/mean"});
  point.valid_reward_mean = first_of(v, {"valid_reward_mean", "scores.valid_reward_mean",
                                         "full_valid_mean_reward", "eval_reward", "eval/reward"});
  point.loss = first_of(v, {"loss", "train_loss"});
  return point;
}

nlohmann::json metric_point_json(const MetricPoint& point) {
  return {{"step", optional_json(point.step)},
          {"epoch", optional_json(point.epoch)},
          {"train_reward_mean", optional_json(point.train_reward_mean)},
          {"valid_reward_mean", optional_json(point.valid_reward_mean)},
          {"loss", optional_json(point.loss)},
          {"values", point.values}};
}

void apply_metric_point(RunProgress& run, const MetricPoint& point, int64_t now_s,
                        std::optional<int64_t> started_at_s) {
  auto& progress = run.progress;
  if (point.step) progress["step"] = *point.step;
  if (point.total_steps) progress["total_steps"] = *point.total_steps;
  if (point.epoch) progress["epoch"] = *point.epoch;
  if (point.epochs) progress["epochs"] = *point.epochs;
  std::optional<double> share;
  if (progress.contains("step") && progress.contains("total_steps") &&
      progress["total_steps"].get<double>() > 0) {
    share = progress["step"].get<double>() / progress["total_steps"].get<double>();
  } else if (progress.contains("epoch") && progress.contains("epochs") &&
             progress["epochs"].get<double>() > 0) {
    share = progress["epoch"].get<double>() / progress["epochs"].get<double>();
  }
  if (share) {
    double percent = std::clamp(*share, 0.0, 1.0);
    progress["percent"] = percent;
    if (started_at_s && percent > 0) {
      double elapsed = static_cast<double>(std::max<int64_t>(0, now_s - *started_at_s));
      progress["eta_seconds"] = std::llround(elapsed * (1 - percent) / percent);
    }
  }
  fold_reward(run.rewards, "train", point.train_reward_mean);
  fold_reward(run.rewards, "valid", point.valid_reward_mean);
}

nlohmann::json rewards_view(const nlohmann::json& rewards) {
  nlohmann::json view;
  for (const char* part : {"train", "valid"}) {
    if (!rewards.is_object() || !rewards.contains(part)) {
      view[part] = {{"first", nullptr}, {"last", nullptr}, {"change", nullptr}};
      continue;
    }
    double first = rewards[part]["first"].get<double>();
    double last = rewards[part]["last"].get<double>();
    view[part] = {{"first", first}, {"last", last}, {"change", last - first}};
  }
  return view;
}

}  // namespace reinforge::training
