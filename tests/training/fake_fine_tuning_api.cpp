#include "training/fake_fine_tuning_api.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <sstream>

namespace reinforge::testing {

using nlohmann::json;

namespace {

int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// OpenAI's error shape: {"error": {"message", "type", "param", "code"}}.
FakeResponse openai_error(int status, const std::string& message, json param = nullptr,
                          json code = nullptr, const std::string& type = "invalid_request_error") {
  json body = {{"error", {{"message", message}, {"type", type}, {"param", param}, {"code", code}}}};
  return {status, body.dump(), {}, 0, false};
}

FakeResponse ok(const json& body) {
  return {200, body.dump(), {}, 0, false};
}

std::string percent_decode(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += text[i] == '+' ? ' ' : text[i];
    }
  }
  return out;
}

std::map<std::string, std::string> parse_query(const std::string& query) {
  std::map<std::string, std::string> values;
  std::stringstream stream(query);
  std::string pair;
  while (std::getline(stream, pair, '&')) {
    if (pair.empty()) continue;
    auto equals = pair.find('=');
    if (equals == std::string::npos) {
      values[percent_decode(pair)] = "";
    } else {
      values[percent_decode(pair.substr(0, equals))] = percent_decode(pair.substr(equals + 1));
    }
  }
  return values;
}

std::vector<std::string> path_segments(const std::string& path) {
  std::vector<std::string> segments;
  std::stringstream stream(path);
  std::string segment;
  while (std::getline(stream, segment, '/')) {
    if (!segment.empty()) segments.push_back(segment);
  }
  return segments;
}

// The route a request names ("GET /fine_tuning/jobs/{id}") and the id in it, if any.
struct RouteMatch {
  std::string name;
  std::string id;
};

RouteMatch match_route(const std::string& method, const std::vector<std::string>& segments) {
  auto n = segments.size();
  if (n == 1 && segments[0] == "files" && method == "POST") return {"POST /files", ""};
  if (n == 2 && segments[0] == "files" && (method == "GET" || method == "DELETE")) {
    return {method + " /files/{id}", segments[1]};
  }
  if (n >= 2 && segments[0] == "fine_tuning" && segments[1] == "jobs") {
    if (n == 2 && (method == "POST" || method == "GET")) return {method + " /fine_tuning/jobs", ""};
    if (n == 3 && method == "GET") return {"GET /fine_tuning/jobs/{id}", segments[2]};
    if (n == 4 && method == "GET" && (segments[3] == "events" || segments[3] == "checkpoints")) {
      return {"GET /fine_tuning/jobs/{id}/" + segments[3], segments[2]};
    }
    if (n == 4 && method == "POST" &&
        (segments[3] == "cancel" || segments[3] == "pause" || segments[3] == "resume")) {
      return {"POST /fine_tuning/jobs/{id}/" + segments[3], segments[2]};
    }
  }
  return {"", ""};
}

// --- multipart/form-data (RFC 7578), enough for what HTTP clients send ---

struct FormPart {
  std::string name;
  std::string filename;
  std::string content;
};

std::string header_parameter(const std::string& header, const std::string& name) {
  auto at = header.find(name + "=");
  if (at == std::string::npos) return "";
  at += name.size() + 1;
  if (at < header.size() && header[at] == '"') {
    auto end = header.find('"', at + 1);
    return header.substr(at + 1, end == std::string::npos ? std::string::npos : end - at - 1);
  }
  auto end = header.find_first_of("; \r\n", at);
  return header.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

std::optional<std::vector<FormPart>> parse_multipart(const std::string& body,
                                                     const std::string& boundary) {
  std::vector<FormPart> parts;
  const std::string delimiter = "--" + boundary;
  auto at = body.find(delimiter);
  if (at == std::string::npos) return std::nullopt;
  while (true) {
    at += delimiter.size();
    if (body.compare(at, 2, "--") == 0) break;  // the closing delimiter
    if (body.compare(at, 2, "\r\n") != 0) return std::nullopt;
    at += 2;
    auto headers_end = body.find("\r\n\r\n", at);
    if (headers_end == std::string::npos) return std::nullopt;
    std::string headers = body.substr(at, headers_end - at);
    auto content_start = headers_end + 4;
    auto next = body.find("\r\n" + delimiter, content_start);
    if (next == std::string::npos) return std::nullopt;
    FormPart part;
    std::string lower = headers;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    auto disposition = lower.find("content-disposition:");
    if (disposition == std::string::npos) return std::nullopt;
    auto line_end = headers.find("\r\n", disposition);
    std::string line = headers.substr(
        disposition, line_end == std::string::npos ? std::string::npos : line_end - disposition);
    part.name = header_parameter(line, "name");
    part.filename = header_parameter(line, "filename");
    part.content = body.substr(content_start, next - content_start);
    parts.push_back(std::move(part));
    at = next + 2;
  }
  return parts;
}

// --- RFT data and grader rules ---

std::optional<std::string> invalid_rft_line(const json& line, bool reject_system_role) {
  if (!line.is_object()) return "is not a JSON object";
  if (!line.contains("messages")) return "has no \"messages\"";
  const auto& messages = line["messages"];
  if (!messages.is_array() || messages.empty()) return "\"messages\" is not a non-empty array";
  static const std::set<std::string> roles = {"developer", "user", "assistant", "tool"};
  for (size_t i = 0; i < messages.size(); ++i) {
    const auto& message = messages[i];
    if (!message.is_object() || !message.contains("role") || !message["role"].is_string()) {
      return "messages[" + std::to_string(i) + "] has no \"role\"";
    }
    std::string role = message["role"];
    bool allowed = roles.count(role) > 0 || (role == "system" && !reject_system_role);
    if (!allowed) {
      return "messages[" + std::to_string(i) + "] has role \"" + role +
             "\", which reinforcement fine-tuning does not take (developer, user, assistant, "
             "tool)";
    }
  }
  if (messages.back()["role"] == "assistant") {
    return "the last message is an assistant message; reinforcement fine-tuning samples the "
           "answer to the final user or developer message, so the answer belongs in another "
           "field for the grader";
  }
  if (line.contains("tools") && !line["tools"].is_array()) return "\"tools\" is not an array";
  return std::nullopt;
}

struct Fault {
  std::string message;
  std::string param;
  std::string code = "invalid_value";
};

bool is_text(const json& object, const char* key) {
  return object.contains(key) && object[key].is_string();
}

std::optional<Fault> invalid_grader(const json& grader, const std::string& param, bool nested) {
  if (!grader.is_object()) return Fault{"The grader must be an object.", param, "invalid_type"};
  if (!is_text(grader, "type")) {
    return Fault{"Missing required parameter: '" + param + ".type'.", param + ".type",
                 "missing_required_parameter"};
  }
  std::string type = grader["type"];
  auto require_text = [&](const char* key) -> std::optional<Fault> {
    if (is_text(grader, key)) return std::nullopt;
    return Fault{"Missing required parameter: '" + param + "." + key + "' (a string).",
                 param + "." + key, "missing_required_parameter"};
  };
  if (type != "multi" || grader.contains("name")) {
    if (auto fault = require_text("name")) return fault;
  }
  if (type == "string_check") {
    for (auto key : {"input", "reference", "operation"}) {
      if (auto fault = require_text(key)) return fault;
    }
    static const std::set<std::string> operations = {"eq", "ne", "like", "ilike"};
    if (!operations.count(grader["operation"].get<std::string>())) {
      return Fault{"Invalid value for '" + param +
                       ".operation'. Supported values are: 'eq', 'ne', 'like', and 'ilike'.",
                   param + ".operation"};
    }
    return std::nullopt;
  }
  if (type == "text_similarity") {
    for (auto key : {"input", "reference", "evaluation_metric"}) {
      if (auto fault = require_text(key)) return fault;
    }
    // cosine is for evals only; RFT takes the others (RFT guide, graders).
    static const std::set<std::string> metrics = {"fuzzy_match", "bleu",    "gleu",    "meteor",
                                                  "rouge_1",     "rouge_2", "rouge_3", "rouge_4",
                                                  "rouge_5",     "rouge_l"};
    if (!metrics.count(grader["evaluation_metric"].get<std::string>())) {
      return Fault{"Invalid value for '" + param + ".evaluation_metric': '" +
                       grader["evaluation_metric"].get<std::string>() + "'.",
                   param + ".evaluation_metric"};
    }
    return std::nullopt;
  }
  if (type == "python") return require_text("source");
  if (type == "score_model" || (nested && type == "label_model")) {
    if (auto fault = require_text("model")) return fault;
    if (!grader.contains("input") || !grader["input"].is_array() || grader["input"].empty()) {
      return Fault{"'" + param + ".input' must be a non-empty array of messages.", param + ".input",
                   "invalid_type"};
    }
    for (const auto& message : grader["input"]) {
      if (!message.is_object() || !is_text(message, "role") || !message.contains("content")) {
        return Fault{"Each message in '" + param + ".input' needs a role and content.",
                     param + ".input"};
      }
    }
    if (grader.contains("range")) {
      const auto& range = grader["range"];
      if (!range.is_array() || range.size() != 2 || !range[0].is_number() ||
          !range[1].is_number() || range[0].get<double>() >= range[1].get<double>()) {
        return Fault{"'" + param + ".range' must be [min, max] with min < max.", param + ".range"};
      }
    }
    return std::nullopt;
  }
  if (type == "multi" && !nested) {
    if (auto fault = require_text("calculate_output")) return fault;
    if (!grader.contains("graders") || !grader["graders"].is_object() ||
        grader["graders"].empty()) {
      return Fault{"'" + param + ".graders' must be an object mapping names to graders.",
                   param + ".graders", "invalid_type"};
    }
    for (const auto& [name, inner] : grader["graders"].items()) {
      if (auto fault = invalid_grader(inner, param + ".graders." + name, true)) return fault;
    }
    return std::nullopt;
  }
  return Fault{"Invalid value: '" + type + "'. Supported grader types are: 'string_check', " +
                   "'text_similarity', 'python', 'score_model', and 'multi'" +
                   (nested ? " (a multi grader's graders: no nested multi)." : "."),
               param + ".type"};
}

std::optional<Fault> invalid_hyperparameters(const json& hyperparameters, const std::string& param,
                                             bool reject_unknown) {
  if (!hyperparameters.is_object()) {
    return Fault{"'" + param + "' must be an object.", param, "invalid_type"};
  }
  static const std::set<std::string> integers = {"batch_size", "n_epochs", "eval_interval",
                                                 "eval_samples"};
  static const std::set<std::string> numbers = {"learning_rate_multiplier", "compute_multiplier"};
  for (const auto& [key, value] : hyperparameters.items()) {
    std::string where = param + "." + key;
    bool is_auto = value.is_string() && value == "auto";
    if (integers.count(key)) {
      if (is_auto) continue;
      if (!value.is_number_integer() || value.get<int64_t>() < 1) {
        return Fault{"Invalid type for '" + where + "': expected \"auto\" or a positive integer.",
                     where, "invalid_type"};
      }
      if (key == "n_epochs" && value.get<int64_t>() > 50) {
        return Fault{"'" + where + "' must be between 1 and 50.", where};
      }
    } else if (numbers.count(key)) {
      if (is_auto) continue;
      if (!value.is_number() || value.get<double>() <= 0) {
        return Fault{"Invalid type for '" + where + "': expected \"auto\" or a positive number.",
                     where, "invalid_type"};
      }
    } else if (key == "reasoning_effort") {
      static const std::set<std::string> efforts = {"default", "low", "medium", "high"};
      if (!value.is_string() || !efforts.count(value.get<std::string>())) {
        return Fault{"Invalid value for '" + where +
                         "'. Supported values are: 'default', 'low', 'medium', and 'high'.",
                     where};
      }
    } else if (reject_unknown) {
      return Fault{"Unknown parameter: '" + where + "'.", where, "unknown_parameter"};
    }
  }
  return std::nullopt;
}

std::optional<Fault> unknown_key(const json& object, const std::set<std::string>& known,
                                 const std::string& prefix) {
  for (const auto& [key, value] : object.items()) {
    if (!known.count(key)) {
      return Fault{"Unknown parameter: '" + prefix + key + "'.", prefix + key, "unknown_parameter"};
    }
  }
  return std::nullopt;
}

std::string padded(int value, int width) {
  std::string text = std::to_string(value);
  return std::string(width > static_cast<int>(text.size()) ? width - text.size() : 0, '0') + text;
}

double round4(double value) {
  return std::round(value * 10000.0) / 10000.0;
}

std::string fixed2(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  return buffer;
}

std::optional<int> positive_int(const std::map<std::string, std::string>& query,
                                const std::string& key, int fallback, bool& bad) {
  auto found = query.find(key);
  if (found == query.end()) return fallback;
  try {
    size_t used = 0;
    int value = std::stoi(found->second, &used);
    if (used == found->second.size() && value >= 1) return value;
  } catch (const std::exception&) {
  }
  bad = true;
  return std::nullopt;
}

}  // namespace

// --- jobs ---

struct FakeFineTuningApi::Job {
  std::string id;
  std::string token;  // the id's unique part, reused in model and checkpoint names
  json request;
  FineTuningScenario timeline;  // the scenario in force at creation
  int eval_interval = 2;
  int64_t created_unix = 0;
  Clock::time_point created;
  std::optional<Clock::time_point> cancelled_at;
  std::optional<Clock::time_point> paused_at;
  Clock::duration paused_total{0};
  // Events Reinforge caused (cancel, pause, resume): elapsed ms and message.
  std::vector<std::pair<int64_t, std::string>> manual_events;

  int64_t elapsed_ms(Clock::time_point now) const {
    auto end = now;
    if (cancelled_at) end = *cancelled_at;
    if (paused_at && *paused_at < end) end = *paused_at;
    auto elapsed = end - created - paused_total;
    return std::max<int64_t>(
        0, std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count());
  }
  int64_t running_from_ms() const { return timeline.validating_ms + timeline.queued_ms; }
  int64_t step_done_ms(int step) const {
    return running_from_ms() + static_cast<int64_t>(step) * timeline.step_ms;
  }
  bool fails() const { return timeline.outcome == FakeJobOutcome::failed; }
  int64_t failure_ms() const {
    return timeline.fail_after_steps <= 0 ? timeline.validating_ms
                                          : step_done_ms(timeline.fail_after_steps);
  }
  int64_t success_ms() const { return step_done_ms(timeline.total_steps); }
  int last_step() const {
    return fails() ? std::min(std::max(timeline.fail_after_steps, 0), timeline.total_steps)
                   : timeline.total_steps;
  }

  // The backend's own status and the steps done at `elapsed` ms (cancel and pause aside).
  std::pair<std::string, int> phase(int64_t elapsed) const {
    if (fails() && elapsed >= failure_ms()) return {"failed", last_step()};
    if (!fails() && elapsed >= success_ms()) return {"succeeded", timeline.total_steps};
    if (elapsed < timeline.validating_ms) return {"validating_files", 0};
    if (elapsed < running_from_ms()) return {"queued", 0};
    int steps = static_cast<int>((elapsed - running_from_ms()) / std::max(1, timeline.step_ms));
    return {"running", std::min(steps, last_step())};
  }
  std::string status(Clock::time_point now) const {
    auto [status, steps] = phase(elapsed_ms(now));
    if (status == "succeeded" || status == "failed") return status;
    if (cancelled_at) return "cancelled";
    if (paused_at) return "paused";
    return status;
  }
  bool terminal(Clock::time_point now) const {
    auto current = status(now);
    return current == "succeeded" || current == "failed" || current == "cancelled";
  }

  double train_reward(int step) const {
    double share = static_cast<double>(step) / std::max(1, timeline.total_steps);
    // A small deterministic wobble so the curve looks measured, still rising overall.
    double wobble = (step % 3 == 1 ? 0.01 : step % 3 == 2 ? -0.005 : 0.0);
    return round4(timeline.train_reward_start +
                  (timeline.train_reward_end - timeline.train_reward_start) * share + wobble);
  }
  double valid_reward(int step) const {
    double share = static_cast<double>(step) / std::max(1, timeline.total_steps);
    return round4(timeline.valid_reward_start +
                  (timeline.valid_reward_end - timeline.valid_reward_start) * share);
  }
  bool eval_step(int step) const {
    return step % std::max(1, eval_interval) == 0 || step == timeline.total_steps;
  }
  std::string model_name() const {
    std::string suffix = request.value("suffix", json(nullptr)).is_string()
                             ? request["suffix"].get<std::string>()
                             : "";
    return "ft:" + request["model"].get<std::string>() + ":" + timeline.model_owner + ":" + suffix +
           ":" + token;
  }
  int64_t unix_at(int64_t elapsed) const { return created_unix + elapsed / 1000; }
};

FakeFineTuningApi::FakeFineTuningApi(FineTuningScenario scenario) : scenario_(std::move(scenario)) {
  server_ = std::make_unique<FakeUpstream>(
      [this](const FakeRequest& request) { return handle(request); });
}

FakeFineTuningApi::~FakeFineTuningApi() {
  server_.reset();
}

std::string FakeFineTuningApi::base_url() const {
  return server_->base_url();
}

std::string FakeFineTuningApi::api_key() const {
  std::lock_guard lock(mutex_);
  return scenario_.api_key;
}

void FakeFineTuningApi::set_scenario(FineTuningScenario scenario) {
  std::lock_guard lock(mutex_);
  scenario_ = std::move(scenario);
}

std::vector<FakeFile> FakeFineTuningApi::files() const {
  std::lock_guard lock(mutex_);
  return files_;
}

std::optional<FakeFile> FakeFineTuningApi::file(const std::string& id) const {
  std::lock_guard lock(mutex_);
  for (const auto& file : files_) {
    if (file.id == id) return file;
  }
  return std::nullopt;
}

std::vector<json> FakeFineTuningApi::job_requests() const {
  std::lock_guard lock(mutex_);
  return job_requests_;
}

std::vector<std::string> FakeFineTuningApi::job_ids() const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> ids;
  for (const auto& job : jobs_) ids.push_back(job->id);
  return ids;
}

json FakeFineTuningApi::job(const std::string& id) const {
  std::lock_guard lock(mutex_);
  for (const auto& job : jobs_) {
    if (job->id == id) return job_object(*job, Clock::now());
  }
  return nullptr;
}

bool FakeFineTuningApi::cancelled(const std::string& id) const {
  std::lock_guard lock(mutex_);
  for (const auto& job : jobs_) {
    if (job->id == id) return job->cancelled_at.has_value();
  }
  return false;
}

int FakeFineTuningApi::calls(const std::string& route) const {
  std::lock_guard lock(mutex_);
  auto found = calls_.find(route);
  return found == calls_.end() ? 0 : found->second;
}

int FakeFineTuningApi::total_requests() const {
  std::lock_guard lock(mutex_);
  return total_requests_;
}

FakeFineTuningApi::Job* FakeFineTuningApi::find_job(const std::string& id) {
  for (auto& job : jobs_) {
    if (job->id == id) return job.get();
  }
  return nullptr;
}

// --- serving ---

FakeResponse FakeFineTuningApi::handle(const FakeRequest& request) {
  std::lock_guard lock(mutex_);
  ++total_requests_;
  auto question = request.path.find('?');
  std::string path = request.path.substr(0, question);
  auto query = question == std::string::npos ? std::map<std::string, std::string>{}
                                             : parse_query(request.path.substr(question + 1));
  if (path.rfind("/v1/", 0) == 0) path = path.substr(3);
  auto match = match_route(request.method, path_segments(path));
  if (!match.name.empty()) ++calls_[match.name];

  auto authorization = request.headers.find("authorization");
  if (authorization == request.headers.end()) {
    return openai_error(401,
                        "You didn't provide an API key. You need to provide your API key in an "
                        "Authorization header using Bearer auth (i.e. Authorization: Bearer "
                        "YOUR_KEY).");
  }
  if (authorization->second != "Bearer " + scenario_.api_key) {
    return openai_error(401, "Incorrect API key provided.", nullptr, "invalid_api_key");
  }
  if (auto fault = injected_fault(match.name)) return *fault;
  if (match.name.empty()) {
    return openai_error(404, "Invalid URL (" + request.method + " " + request.path + ")");
  }

  if (match.name == "POST /files") return upload_file(request);
  if (match.name == "POST /fine_tuning/jobs") return create_job(request);
  if (match.name == "GET /fine_tuning/jobs") return list_jobs(query);
  if (match.name == "GET /files/{id}" || match.name == "DELETE /files/{id}") {
    for (const auto& file : files_) {
      if (file.id == match.id && !file.deleted) {
        return request.method == "GET" ? ok(file_object(file)) : delete_file(match.id);
      }
    }
    return openai_error(404, "No such File object: " + match.id, "id");
  }
  Job* job = find_job(match.id);
  if (!job) {
    return openai_error(404, "Fine-tuning job " + match.id + " not found.", "fine_tuning_job_id",
                        "fine_tuning_job_not_found");
  }
  if (match.name == "GET /fine_tuning/jobs/{id}") return ok(job_object(*job, Clock::now()));
  if (match.name == "GET /fine_tuning/jobs/{id}/events") return list_events(*job, query);
  if (match.name == "GET /fine_tuning/jobs/{id}/checkpoints") return list_checkpoints(*job, query);
  if (match.name == "POST /fine_tuning/jobs/{id}/cancel") return cancel_job(*job);
  if (match.name == "POST /fine_tuning/jobs/{id}/pause") return pause_job(*job);
  return resume_job(*job);
}

std::optional<FakeResponse> FakeFineTuningApi::injected_fault(const std::string& route_name) {
  auto with_retry_after = [](FakeResponse response, int retry_after_ms) {
    if (retry_after_ms >= 0) {
      response.headers["Retry-After"] = std::to_string((retry_after_ms + 999) / 1000);
      response.headers["retry-after-ms"] = std::to_string(retry_after_ms);
    }
    return response;
  };
  if (total_requests_ <= scenario_.rate_limited_requests) {
    return with_retry_after(
        openai_error(429, "Rate limit reached for requests. Please try again shortly.", nullptr,
                     "rate_limit_exceeded", "requests"),
        scenario_.retry_after_ms);
  }
  if (total_requests_ == scenario_.server_error_on_request) {
    return openai_error(500, "The server had an error while processing your request.", nullptr,
                        nullptr, "server_error");
  }
  for (const auto& fault : scenario_.faults) {
    int count = fault.route.empty() ? total_requests_
                                    : (calls_.count(fault.route) ? calls_[fault.route] : 0);
    if ((!fault.route.empty() && fault.route != route_name) || count != fault.nth) continue;
    FakeResponse response =
        fault.status == 429
            ? openai_error(429, "Rate limit reached for requests.", nullptr, "rate_limit_exceeded",
                           "requests")
            : openai_error(fault.status, "The server had an error while processing your request.",
                           nullptr, nullptr, "server_error");
    response.hang = fault.hang;
    return with_retry_after(response, fault.retry_after_ms);
  }
  return std::nullopt;
}

json FakeFineTuningApi::file_object(const FakeFile& file) const {
  return {{"id", file.id},
          {"object", "file"},
          {"bytes", file.content.size()},
          {"created_at", unix_now()},
          {"filename", file.filename},
          {"purpose", file.purpose},
          {"status", "processed"},
          {"status_details", nullptr},
          {"expires_at", nullptr}};
}

FakeResponse FakeFineTuningApi::upload_file(const FakeRequest& request) {
  auto content_type =
      request.headers.count("content-type") ? request.headers.at("content-type") : std::string();
  if (content_type.rfind("multipart/form-data", 0) != 0) {
    return openai_error(
        400, "The files endpoint takes multipart/form-data (got '" + content_type + "').");
  }
  auto parts = parse_multipart(request.body, header_parameter(content_type, "boundary"));
  if (!parts) return openai_error(400, "Could not parse the multipart/form-data body.");
  const FormPart* purpose = nullptr;
  const FormPart* upload = nullptr;
  for (const auto& part : *parts) {
    if (part.name == "purpose") purpose = &part;
    if (part.name == "file") upload = &part;
  }
  if (!purpose) {
    return openai_error(400, "Missing required parameter: 'purpose'.", "purpose",
                        "missing_required_parameter");
  }
  if (!upload) {
    return openai_error(400, "Missing required parameter: 'file'.", "file",
                        "missing_required_parameter");
  }
  if (purpose->content != "fine-tune") {
    return openai_error(400,
                        "Invalid value for 'purpose': '" + purpose->content +
                            "'. This fake serves fine-tuning only ('fine-tune').",
                        "purpose", "invalid_value");
  }
  if (upload->filename.size() < 6 ||
      upload->filename.compare(upload->filename.size() - 6, 6, ".jsonl") != 0) {
    return openai_error(400, "Invalid file format for Fine-Tuning API. Must be .jsonl", "file",
                        "invalid_file_format");
  }
  FakeFile file;
  file.id = "file-rf" + padded(static_cast<int>(files_.size()) + 1, 6);
  file.filename = upload->filename;
  file.purpose = purpose->content;
  file.content = upload->content;
  std::stringstream stream(upload->content);
  std::string line;
  int number = 0;
  while (std::getline(stream, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    auto parsed = json::parse(line, nullptr, false);
    if (parsed.is_discarded()) {
      return openai_error(
          400, "Invalid file format. Line " + std::to_string(number) + " is not valid JSON.",
          "file", "invalid_file_format");
    }
    if (auto fault = invalid_rft_line(parsed, scenario_.reject_system_role)) {
      return openai_error(
          400, "Invalid file format. Line " + std::to_string(number) + ": " + *fault + ".", "file",
          "invalid_file_format");
    }
    file.lines.push_back(std::move(parsed));
  }
  if (file.lines.empty()) {
    return openai_error(400, "Invalid file format. The file has no examples.", "file",
                        "invalid_file_format");
  }
  files_.push_back(file);
  return ok(file_object(file));
}

FakeResponse FakeFineTuningApi::delete_file(const std::string& id) {
  for (auto& file : files_) {
    if (file.id == id) file.deleted = true;
  }
  return ok({{"id", id}, {"object", "file"}, {"deleted", true}});
}

std::optional<FakeResponse> FakeFineTuningApi::invalid_job_body(const json& body) const {
  auto fail = [](const Fault& fault) {
    return openai_error(400, fault.message, fault.param, fault.code);
  };
  if (!body.is_object()) return openai_error(400, "The body must be a JSON object.");
  if (auto fault = unknown_key(body,
                               {"model", "training_file", "validation_file", "suffix", "seed",
                                "metadata", "integrations", "hyperparameters", "method"},
                               "")) {
    return fail(*fault);
  }
  for (auto key : {"model", "training_file"}) {
    if (!is_text(body, key)) {
      return fail({std::string("Missing required parameter: '") + key + "'.", key,
                   "missing_required_parameter"});
    }
  }
  std::string model = body["model"];
  const auto& models = scenario_.fine_tunable_models;
  if (!models.empty() && std::find(models.begin(), models.end(), model) == models.end()) {
    return fail({"Model " + model + " is not available for fine-tuning or does not exist.", "model",
                 "model_not_available"});
  }
  if (!body.contains("validation_file") || body["validation_file"].is_null()) {
    return fail({"Reinforcement fine-tuning requires a validation_file.", "validation_file",
                 "missing_required_parameter"});
  }
  if (!body["validation_file"].is_string()) {
    return fail({"Invalid type for 'validation_file': expected a string.", "validation_file",
                 "invalid_type"});
  }
  for (auto key : {"training_file", "validation_file"}) {
    std::string id = body[key];
    auto found = std::find_if(files_.begin(), files_.end(),
                              [&](const FakeFile& file) { return file.id == id && !file.deleted; });
    if (found == files_.end()) {
      return fail({std::string("invalid ") + key + ": " + id + " (no such file)", key});
    }
    if (found->purpose != "fine-tune") {
      return fail({std::string("invalid ") + key + ": " + id +
                       " was not uploaded with purpose "
                       "'fine-tune'",
                   key});
    }
  }
  if (body.contains("suffix") && !body["suffix"].is_null() &&
      (!body["suffix"].is_string() || body["suffix"].get<std::string>().size() > 64)) {
    return fail({"'suffix' must be a string of at most 64 characters.", "suffix"});
  }
  if (body.contains("seed") && !body["seed"].is_null() && !body["seed"].is_number_integer()) {
    return fail({"Invalid type for 'seed': expected an integer.", "seed", "invalid_type"});
  }
  if (body.contains("metadata") && !body["metadata"].is_null()) {
    const auto& metadata = body["metadata"];
    if (!metadata.is_object() || metadata.size() > 16) {
      return fail({"'metadata' must be an object of at most 16 string pairs.", "metadata"});
    }
    for (const auto& [key, value] : metadata.items()) {
      if (!value.is_string() || key.size() > 64 || value.get<std::string>().size() > 512) {
        return fail({"'metadata." + key +
                         "' must be a string (keys up to 64 characters, values "
                         "up to 512).",
                     "metadata." + key});
      }
    }
  }
  if (!body.contains("method") || !body["method"].is_object()) {
    return fail(
        {"Missing required parameter: 'method' (reinforcement fine-tuning needs "
         "{\"type\": \"reinforcement\", \"reinforcement\": {\"grader\": ...}}).",
         "method", "missing_required_parameter"});
  }
  const auto& method = body["method"];
  if (auto fault = unknown_key(method, {"type", "reinforcement", "supervised", "dpo"}, "method.")) {
    return fail(*fault);
  }
  if (!is_text(method, "type")) {
    return fail({"Missing required parameter: 'method.type'.", "method.type",
                 "missing_required_parameter"});
  }
  if (method["type"] != "reinforcement") {
    return fail({"Invalid value: '" + method["type"].get<std::string>() +
                     "'. This fake serves reinforcement fine-tuning only ('reinforcement').",
                 "method.type"});
  }
  if (!method.contains("reinforcement") || !method["reinforcement"].is_object()) {
    return fail({"Missing required parameter: 'method.reinforcement'.", "method.reinforcement",
                 "missing_required_parameter"});
  }
  const auto& reinforcement = method["reinforcement"];
  if (auto fault = unknown_key(reinforcement, {"grader", "hyperparameters", "response_format"},
                               "method.reinforcement.")) {
    return fail(*fault);
  }
  if (!reinforcement.contains("grader")) {
    return fail({"Missing required parameter: 'method.reinforcement.grader'.",
                 "method.reinforcement.grader", "missing_required_parameter"});
  }
  if (auto fault = invalid_grader(reinforcement["grader"], "method.reinforcement.grader", false)) {
    return fail(*fault);
  }
  if (reinforcement.contains("hyperparameters")) {
    if (auto fault = invalid_hyperparameters(reinforcement["hyperparameters"],
                                             "method.reinforcement.hyperparameters",
                                             scenario_.reject_unknown_hyperparameters)) {
      return fail(*fault);
    }
  }
  if (body.contains("hyperparameters")) {
    if (auto fault = invalid_hyperparameters(body["hyperparameters"], "hyperparameters",
                                             scenario_.reject_unknown_hyperparameters)) {
      return fail(*fault);
    }
  }
  return std::nullopt;
}

FakeResponse FakeFineTuningApi::create_job(const FakeRequest& request) {
  auto body = json::parse(request.body, nullptr, false);
  if (body.is_discarded()) {
    return openai_error(400, "We could not parse the JSON body of your request.");
  }
  if (auto refusal = invalid_job_body(body)) return *refusal;
  job_requests_.push_back(body);
  auto job = std::make_unique<Job>();
  int number = static_cast<int>(jobs_.size()) + 1;
  job->token = "RfJob" + padded(number, 4);
  job->id = "ftjob-" + job->token;
  job->request = body;
  job->timeline = scenario_;
  job->eval_interval = scenario_.eval_interval;
  const auto& hyperparameters =
      body["method"]["reinforcement"].value("hyperparameters", json::object());
  if (hyperparameters.contains("eval_interval") &&
      hyperparameters["eval_interval"].is_number_integer()) {
    job->eval_interval = hyperparameters["eval_interval"].get<int>();
  }
  job->created_unix = unix_now();
  job->created = Clock::now();
  jobs_.push_back(std::move(job));
  return ok(job_object(*jobs_.back(), Clock::now()));
}

json FakeFineTuningApi::job_object(const Job& job, Clock::time_point now) const {
  auto elapsed = job.elapsed_ms(now);
  auto status = job.status(now);
  const auto& body = job.request;
  json hyperparameters = body["method"]["reinforcement"].value("hyperparameters", json::object());
  json echoed_hyperparameters = {{"n_epochs", hyperparameters.value("n_epochs", json("auto"))},
                                 {"batch_size", hyperparameters.value("batch_size", json("auto"))},
                                 {"learning_rate_multiplier",
                                  hyperparameters.value("learning_rate_multiplier", json("auto"))}};
  json object = {
      {"object", "fine_tuning.job"},
      {"id", job.id},
      {"created_at", job.created_unix},
      {"model", body["model"]},
      {"organization_id", job.timeline.organization_id},
      {"training_file", body["training_file"]},
      {"validation_file", body["validation_file"]},
      {"hyperparameters", echoed_hyperparameters},
      {"method", body["method"]},
      {"seed", body.contains("seed") && !body["seed"].is_null() ? body["seed"] : json(42)},
      {"suffix", body.value("suffix", json(nullptr))},
      {"user_provided_suffix", body.value("suffix", json(nullptr))},
      {"metadata", body.value("metadata", json(nullptr))},
      {"integrations", body.value("integrations", json::array())},
      {"status", status},
      {"error", nullptr},
      {"fine_tuned_model", nullptr},
      {"finished_at", nullptr},
      {"estimated_finish", nullptr},
      {"trained_tokens", nullptr},
      {"result_files", json::array()}};
  if (status == "running" || status == "queued") {
    object["estimated_finish"] = job.unix_at(job.fails() ? job.failure_ms() : job.success_ms()) + 1;
  }
  if (status == "succeeded") {
    object["fine_tuned_model"] = job.model_name();
    object["finished_at"] = job.unix_at(job.success_ms());
    object["trained_tokens"] = 1000 * job.timeline.total_steps;
    object["result_files"] = json::array({"file-result-" + job.token});
  } else if (status == "failed") {
    object["error"] = job.timeline.failure_error;
    object["finished_at"] = job.unix_at(job.failure_ms());
  } else if (status == "cancelled") {
    object["finished_at"] = job.unix_at(elapsed);
  }
  return object;
}

std::vector<json> FakeFineTuningApi::events_newest_first(const Job& job,
                                                         Clock::time_point now) const {
  struct Event {
    int64_t elapsed;
    std::string key;
    std::string level;
    std::string message;
    json data;
    bool metrics = false;
  };
  std::vector<Event> events;
  auto elapsed = job.elapsed_ms(now);
  std::string training_file = job.request["training_file"];
  std::string validation_file = job.request["validation_file"];
  events.push_back({0, "created", "info", "Created fine-tuning job: " + job.id, nullptr});
  events.push_back(
      {0, "validating", "info",
       "Validating training file: " + training_file + " and validation file: " + validation_file,
       nullptr});
  auto [status, steps] = job.phase(elapsed);
  bool failed_validating = job.fails() && job.timeline.fail_after_steps <= 0;
  if (elapsed >= job.timeline.validating_ms && !failed_validating) {
    events.push_back({job.timeline.validating_ms, "validated", "info",
                      "Files validated, moving job to queued state", nullptr});
  }
  if (elapsed >= job.running_from_ms() && !failed_validating) {
    events.push_back(
        {job.running_from_ms(), "started", "info", "Fine-tuning job started", nullptr});
  }
  int total = job.timeline.total_steps;
  for (int step = 1; step <= steps; ++step) {
    double train = job.train_reward(step);
    // The RFT guide's metrics event: rewards under data.scores, with the older flat names
    // (train_mean_reward, full_valid_mean_reward) alongside.
    json scores = {{"train_reward_mean", train}};
    json data = {{"step", step}, {"total_steps", total}, {"train_mean_reward", train}};
    std::string message = "Step " + std::to_string(step) + "/" + std::to_string(total) +
                          " , train mean reward=" + fixed2(train);
    bool eval = job.eval_step(step);
    if (eval) {
      double valid = job.valid_reward(step);
      scores["valid_reward_mean"] = valid;
      data["full_valid_mean_reward"] = valid;
      data["full_valid_mean_parse_error"] = 0.0;
      message += ", full validation mean reward=" + fixed2(valid) +
                 ", full validation mean parse error=0.00";
    }
    json grader_scores = scores;
    grader_scores["name"] =
        job.request["method"]["reinforcement"]["grader"].value("name", "grader");
    grader_scores["type"] = job.request["method"]["reinforcement"]["grader"]["type"];
    scores["graders"] = json::array({grader_scores});
    data["scores"] = scores;
    data["reasoning_tokens_mean"] = 1200.0 + 10.0 * step;
    data["completion_tokens_mean"] = 1300.0 + 10.0 * step;
    data["mean_unresponsive_rewards"] = 0.0;
    events.push_back(
        {job.step_done_ms(step), "step-" + padded(step, 5), "info", message, data, true});
    if (eval) {
      events.push_back({job.step_done_ms(step), "ckpt-" + padded(step, 5), "info",
                        "Checkpoint created at step " + std::to_string(step), nullptr});
    }
  }
  if (status == "succeeded") {
    events.push_back({job.success_ms(), "model", "info",
                      "New fine-tuned model created: " + job.model_name(), nullptr});
    events.push_back(
        {job.success_ms(), "done", "info", "The job has successfully completed", nullptr});
  } else if (status == "failed") {
    events.push_back({job.failure_ms(), "failed", "error",
                      job.timeline.failure_error.value("message", std::string("The job failed")),
                      nullptr});
  }
  for (size_t i = 0; i < job.manual_events.size(); ++i) {
    events.push_back({job.manual_events[i].first, "m" + std::to_string(i), "info",
                      job.manual_events[i].second, nullptr});
  }
  std::stable_sort(events.begin(), events.end(),
                   [](const Event& a, const Event& b) { return a.elapsed < b.elapsed; });
  std::vector<json> newest_first;
  for (auto it = events.rbegin(); it != events.rend(); ++it) {
    json event = {{"object", "fine_tuning.job.event"},
                  {"id", "ftevent-" + job.token + "-" + it->key},
                  {"created_at", job.unix_at(it->elapsed)},
                  {"level", it->level},
                  {"message", it->message},
                  {"data", it->data},
                  {"type", it->metrics ? "metrics" : "message"}};
    newest_first.push_back(std::move(event));
  }
  return newest_first;
}

std::vector<json> FakeFineTuningApi::checkpoints_newest_first(const Job& job,
                                                              Clock::time_point now) const {
  auto [status, steps] = job.phase(job.elapsed_ms(now));
  std::vector<json> checkpoints;
  for (int step = steps; step >= 1; --step) {
    if (!job.eval_step(step)) continue;
    double train = job.train_reward(step);
    double valid = job.valid_reward(step);
    checkpoints.push_back(
        {{"object", "fine_tuning.job.checkpoint"},
         {"id", "ftckpt_" + job.token + "s" + padded(step, 5)},
         {"created_at", job.unix_at(job.step_done_ms(step))},
         {"fine_tuned_model_checkpoint", job.model_name() + ":ckpt-step-" + std::to_string(step)},
         {"fine_tuning_job_id", job.id},
         {"step_number", step},
         {"metrics",
          {{"step", step},
           {"train_reward_mean", train},
           {"valid_reward_mean", valid},
           {"train_mean_reward", train},
           {"full_valid_mean_reward", valid}}}});
  }
  return checkpoints;
}

namespace {

// Cursor paging over a newest-first list: `after` is the last id of the previous page.
FakeResponse page(const std::vector<json>& newest_first,
                  const std::map<std::string, std::string>& query, int default_limit,
                  bool with_first_last) {
  bool bad = false;
  auto limit = positive_int(query, "limit", default_limit, bad);
  if (bad) {
    return openai_error(400, "Invalid value for 'limit': expected a positive integer.", "limit",
                        "invalid_value");
  }
  size_t start = 0;
  if (auto after = query.find("after"); after != query.end() && !after->second.empty()) {
    auto found = std::find_if(newest_first.begin(), newest_first.end(),
                              [&](const json& item) { return item["id"] == after->second; });
    start = found == newest_first.end() ? newest_first.size()
                                        : static_cast<size_t>(found - newest_first.begin()) + 1;
  }
  json data = json::array();
  for (size_t i = start; i < newest_first.size() && data.size() < static_cast<size_t>(*limit);
       ++i) {
    data.push_back(newest_first[i]);
  }
  bool has_more = start + data.size() < newest_first.size();
  json body = {{"object", "list"}, {"data", data}, {"has_more", has_more}};
  if (with_first_last) {
    body["first_id"] = data.empty() ? json(nullptr) : data.front()["id"];
    body["last_id"] = data.empty() ? json(nullptr) : data.back()["id"];
  }
  return ok(body);
}

}  // namespace

FakeResponse FakeFineTuningApi::list_jobs(const std::map<std::string, std::string>& query) {
  std::vector<json> newest_first;
  auto now = Clock::now();
  for (auto it = jobs_.rbegin(); it != jobs_.rend(); ++it) {
    newest_first.push_back(job_object(**it, now));
  }
  return page(newest_first, query, 20, false);
}

FakeResponse FakeFineTuningApi::list_events(Job& job,
                                            const std::map<std::string, std::string>& query) {
  return page(events_newest_first(job, Clock::now()), query, 20, false);
}

FakeResponse FakeFineTuningApi::list_checkpoints(Job& job,
                                                 const std::map<std::string, std::string>& query) {
  return page(checkpoints_newest_first(job, Clock::now()), query, 10, true);
}

FakeResponse FakeFineTuningApi::cancel_job(Job& job) {
  auto now = Clock::now();
  if (job.cancelled_at) return ok(job_object(job, now));
  if (job.terminal(now)) {
    return openai_error(
        400, "Job " + job.id + " has already " + job.status(now) + " and cannot be cancelled.",
        nullptr, "invalid_state");
  }
  job.cancelled_at = now;
  job.manual_events.push_back({job.elapsed_ms(now), "Fine-tuning job cancelled"});
  return ok(job_object(job, now));
}

FakeResponse FakeFineTuningApi::pause_job(Job& job) {
  auto now = Clock::now();
  if (job.status(now) != "running") {
    return openai_error(
        400, "Only a running job can be paused (job " + job.id + " is " + job.status(now) + ").",
        nullptr, "invalid_state");
  }
  job.paused_at = now;
  job.manual_events.push_back({job.elapsed_ms(now), "Fine-tuning job paused"});
  return ok(job_object(job, now));
}

FakeResponse FakeFineTuningApi::resume_job(Job& job) {
  auto now = Clock::now();
  if (!job.paused_at || job.cancelled_at) {
    return openai_error(
        400, "Only a paused job can be resumed (job " + job.id + " is " + job.status(now) + ").",
        nullptr, "invalid_state");
  }
  job.manual_events.push_back({job.elapsed_ms(now), "Fine-tuning job resumed"});
  job.paused_total += now - *job.paused_at;
  job.paused_at.reset();
  return ok(job_object(job, now));
}

std::string fine_tune_upload_body(const std::string& boundary, const std::string& purpose,
                                  const std::string& filename, const std::string& content) {
  return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\n" +
         purpose + "\r\n--" + boundary +
         "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename +
         "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + content + "\r\n--" + boundary +
         "--\r\n";
}

}  // namespace reinforge::testing
