#include "training/trainer_report.hpp"

#include "training/run_progress.hpp"

namespace reinforge::training {

namespace {

nlohmann::json checked_result(const nlohmann::json& result) {
  if (!result.is_object())
    throw TrainerReportError("result must be an object: {\"status\", \"fine_tuned_model\", ...}");
  auto status = result.value("status", "");
  if (status != "succeeded" && status != "failed")
    throw TrainerReportError("result.status must be \"succeeded\" or \"failed\"");
  for (const char* field : {"fine_tuned_model", "model_url", "error"}) {
    if (result.contains(field) && !result[field].is_null() && !result[field].is_string())
      throw TrainerReportError(std::string("result.") + field + " must be a string");
  }
  if (status == "succeeded" &&
      (!result.contains("fine_tuned_model") || !result["fine_tuned_model"].is_string() ||
       result["fine_tuned_model"].get<std::string>().empty())) {
    throw TrainerReportError("a succeeded result needs fine_tuned_model: the model's name or path");
  }
  if (result.contains("model_url") && result["model_url"].is_string()) {
    auto url = result["model_url"].get<std::string>();
    if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)
      throw TrainerReportError(
          "result.model_url must be an http(s) URL such as http://gpu-box:8000/v1");
  }
  return result;
}

}  // namespace

TrainerReport read_trainer_report(const nlohmann::json& body) {
  if (!body.is_object()) throw TrainerReportError("the body must be a JSON object");
  TrainerReport report;
  if (body.contains("result")) {
    report.result = checked_result(body["result"]);
    return report;
  }
  if (body.contains("metrics")) {
    if (!body["metrics"].is_array())
      throw TrainerReportError("metrics must be an array of metric objects");
    for (std::size_t i = 0; i < body["metrics"].size(); ++i) {
      if (!read_metric_point(body["metrics"][i]))
        throw TrainerReportError("metrics[" + std::to_string(i) + "] has no numeric field");
      report.metrics.push_back(body["metrics"][i]);
    }
    return report;
  }
  if (body.contains("message")) {
    if (!body["message"].is_string()) throw TrainerReportError("message must be a string");
    auto level = body.value("level", "info");
    if (level != "info" && level != "warning" && level != "error")
      throw TrainerReportError("level must be \"info\", \"warning\" or \"error\"");
    report.events.push_back({0, 0, 0, level, body["message"].get<std::string>()});
    return report;
  }
  if (!read_metric_point(body))
    throw TrainerReportError(
        "the body has no numeric field: send {\"step\": 10, \"train_reward_mean\": 0.4, ...}, "
        "{\"metrics\": [...]}, {\"message\": \"...\"} or {\"result\": {...}}");
  report.metrics.push_back(body);
  return report;
}

}  // namespace reinforge::training
