#include "grading/script_grader.hpp"

#include <algorithm>
#include <thread>

namespace reinforge::grading {

std::string script_input_json(const GradeInput& input) {
  // Built by hand around the two parts so the (possibly large) item is serialized once, not
  // copied into a wrapper object first.
  std::string text = R"({"sample":)";
  text += sample_to_json(input.sample).dump();
  text += R"(,"item":)";
  text += input.item.dump();
  text += R"(,"objective":)";
  text += nlohmann::json(input.objective).dump();
  text += '}';
  return text;
}

ScriptGrader::ScriptGrader(ScriptGraderConfig config) : config_(std::move(config)) {
  if (config_.max_isolates == 0) config_.max_isolates = std::max(1u, std::thread::hardware_concurrency());
  idle_.push_back(std::make_unique<JsSandbox>(config_.source, config_.file_name, config_.limits));
  created_ = 1;
}

ScriptGrader::~ScriptGrader() = default;

std::string ScriptGrader::load_error() const {
  auto sandbox = acquire();
  std::string error = sandbox->load_error();
  release(std::move(sandbox));
  return error;
}

std::unique_ptr<JsSandbox> ScriptGrader::acquire() const {
  std::unique_lock lock(mutex_);
  if (idle_.empty() && created_ < config_.max_isolates) {
    ++created_;
    lock.unlock();
    return std::make_unique<JsSandbox>(config_.source, config_.file_name, config_.limits);
  }
  returned_.wait(lock, [this] { return !idle_.empty(); });
  auto sandbox = std::move(idle_.back());
  idle_.pop_back();
  return sandbox;
}

void ScriptGrader::release(std::unique_ptr<JsSandbox> sandbox) const {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(sandbox));
  }
  returned_.notify_one();
}

GradeResult ScriptGrader::grade(const GradeInput& input, const GradeControl&) const {
  auto text = script_input_json(input);
  auto sandbox = acquire();
  auto outcome = sandbox->call(text);
  release(std::move(sandbox));
  GradeResult result;
  result.score = outcome.score;
  result.reason = std::move(outcome.reason);
  result.error = std::move(outcome.error);
  result.logs = std::move(outcome.logs);
  return result;
}

}  // namespace reinforge::grading
