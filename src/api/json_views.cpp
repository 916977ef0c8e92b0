#include "api/json_views.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "http/request.hpp"
#include "records/dataset_settings.hpp"
#include "steps/dataset_steps.hpp"
#include "steps/training_job.hpp"
#include "training/external_trainer.hpp"
#include "training/run_progress.hpp"
#include "training/training_options.hpp"
#include "util/clock.hpp"

namespace reinforge::api {

namespace {

nlohmann::json optional_time(const std::optional<int64_t>& seconds) {
  return seconds ? nlohmann::json(util::format_rfc3339(*seconds)) : nlohmann::json(nullptr);
}

int64_t parse_non_negative(const std::string& name, const std::string& text) {
  int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 0) {
    throw http::bad_request(name + " must be a non-negative integer, got '" + text + "'.");
  }
  return value;
}

}  // namespace

nlohmann::json job_json(const store::Job& job) {
  double progress = job.total > 0 ? std::min(1.0, static_cast<double>(job.done) / job.total) : 0.0;
  if (job.state == store::JobState::succeeded) progress = 1.0;
  nlohmann::json result = nullptr;
  if (job.result_json) result = nlohmann::json::parse(*job.result_json, nullptr, false);
  return {
      {"id", job.id},
      {"dataset_id", job.dataset_id ? nlohmann::json(*job.dataset_id) : nlohmann::json(nullptr)},
      {"kind", job.kind},
      {"state", store::to_string(job.state)},
      {"progress", progress},
      {"done", job.done},
      {"total", job.total},
      {"message", job.message},
      {"error", job.error ? nlohmann::json(*job.error) : nlohmann::json(nullptr)},
      {"result", result},
      {"created_at", util::format_rfc3339(job.created_at)},
      {"started_at", optional_time(job.started_at)},
      {"finished_at", optional_time(job.finished_at)},
      // With several instances on one store: the one running the job (or that ran it), and the
      // one it must run on (its files are there).
      {"instance", job.lease_owner ? nlohmann::json(*job.lease_owner) : nlohmann::json(nullptr)},
      {"runs_on", job.runs_on ? nlohmann::json(*job.runs_on) : nlohmann::json(nullptr)}};
}

nlohmann::json record_json(const store::Record& record, bool with_text) {
  nlohmann::json json{
      {"id", record.id},
      {"line", record.line ? nlohmann::json(*record.line) : nlohmann::json(nullptr)},
      {"origin", record.origin},
      {"valid", record.valid},
      {"token_count", record.token_count},
      {"issues", nlohmann::json::parse(record.issues_json, nullptr, false)},
      {"preview", record.preview},
      {"topic_id", record.topic ? nlohmann::json(*record.topic) : nlohmann::json(nullptr)},
      {"topic_manual", record.topic_manual},
      {"confidence",
       record.confidence ? nlohmann::json(*record.confidence) : nlohmann::json(nullptr)},
      {"trace_id", record.trace_id ? nlohmann::json(*record.trace_id) : nlohmann::json(nullptr)},
      {"updated_at", util::format_rfc3339(record.updated_at)}};
  if (with_text) json["text"] = record.text;
  return json;
}

nlohmann::json health_json(const store::RecordCounts& counts,
                           const std::vector<store::IssueCodeCount>& issue_counts) {
  nlohmann::json errors = nlohmann::json::object();
  nlohmann::json warnings = nlohmann::json::object();
  for (const auto& count : issue_counts)
    (count.is_error ? errors : warnings)[count.code] = count.count;
  double percent = counts.total ? std::round(1000.0 * counts.invalid / counts.total) / 10.0 : 0.0;
  return {{"total", counts.total},      {"valid", counts.valid}, {"invalid", counts.invalid},
          {"invalid_percent", percent}, {"errors", errors},      {"warnings", warnings}};
}

nlohmann::json dataset_json(AppContext& context, const store::Dataset& dataset, bool detailed) {
  auto counts = context.store.count_records(dataset.id);
  auto covered = steps::dataset_coverage(context.store, dataset.id);
  // Only an empty dataset's step 1 says where records come from.
  bool from_traces = counts.total == 0 && context.traces &&
                     context.traces->find_dataset_trace_source(dataset.id).has_value();
  auto steps = steps::dataset_steps(context.store, dataset, counts, covered, &context.training.runs,
                                    context.deployments, from_traces);
  nlohmann::json steps_json = nlohmann::json::array();
  for (const auto& step : steps) {
    nlohmann::json entry{{"step", steps::to_string(step.step)},
                         {"status", steps::to_string(step.status)},
                         {"headline", step.headline}};
    if (step.progress) entry["progress"] = *step.progress;
    steps_json.push_back(entry);
  }
  nlohmann::json active_job = nullptr;
  for (const auto& job : context.store.list_jobs(dataset.id, 10)) {
    // A training run lasts hours on its own split and is shown by step 6: it must not hold the
    // data steps (imports, topics, dry runs) the way a dataset's active job does.
    if (job.kind == steps::kTrainingJob) continue;
    if (job.state == store::JobState::queued || job.state == store::JobState::running) {
      active_job = job_json(job);
      break;
    }
  }
  nlohmann::json json{
      {"id", dataset.id},
      {"name", dataset.name},
      {"objective", dataset.objective},
      {"created_at", util::format_rfc3339(dataset.created_at)},
      {"updated_at", util::format_rfc3339(dataset.updated_at)},
      {"revision", dataset.revision},
      {"record_count", counts.total},
      {"valid_count", counts.valid},
      {"invalid_count", counts.invalid},
      {"topic_count",
       covered.has_topics ? nlohmann::json(covered.leaves.size()) : nlohmann::json(nullptr)},
      {"balance_score", covered.report.balance_score ? nlohmann::json(*covered.report.balance_score)
                                                     : nlohmann::json(nullptr)},
      {"steps", steps_json},
      {"status", steps::dataset_status(steps)},
      {"active_job", active_job}};
  if (detailed) {
    json["health"] = health_json(counts, context.store.count_issue_codes(dataset.id));
    json["settings"] = nlohmann::json::parse(
        records::settings_to_json(records::settings_from_json(dataset.settings_json)));
    // A dataset made from traces keeps the filter "pull new traces" runs again.
    auto source =
        context.traces ? context.traces->find_dataset_trace_source(dataset.id) : std::nullopt;
    auto filter = source ? nlohmann::json::parse(source->filter_json, nullptr, false)
                         : nlohmann::json(nullptr);
    json["trace_filter"] = filter.is_object() ? filter : nlohmann::json(nullptr);
    json["traces_pulled_at"] =
        source ? optional_time(source->last_pulled_at) : nlohmann::json(nullptr);
  }
  return json;
}

nlohmann::json topics_json(AppContext& context, int64_t dataset_id) {
  // Counted with or without topics: before the first, every valid record is uncategorized.
  nlohmann::json records = {{"uncategorized", 0}};  // there even when every record has a topic
  for (const auto& count : context.store.count_records_by_topic(dataset_id)) {
    std::string key = count.topic.empty() ? "uncategorized" : count.topic;
    records[key] = records.value(key, int64_t{0}) + count.count;
  }
  auto stored = context.store.get_topics(dataset_id);
  if (!stored) {
    return {{"source", nullptr},
            {"topics", nlohmann::json::array()},
            {"records", records},
            {"method", nlohmann::json::object()}};
  }
  auto document = nlohmann::json::parse(stored->topic_set_json);
  document["source"] = stored->source;
  document["updated_at"] = util::format_rfc3339(stored->updated_at);
  document["records"] = records;
  // How the topics were found and the records assigned (steps/topic_method.hpp).
  document["method"] = nlohmann::json::parse(stored->method_json, nullptr, false);
  if (!document["method"].is_object()) document["method"] = nlohmann::json::object();
  return document;
}

std::string record_line_from_body(std::string body) {
  if (body.find('\n') != std::string::npos) {
    auto parsed = nlohmann::json::parse(body, nullptr, false);
    if (!parsed.is_discarded()) body = parsed.dump();
  }
  if (body.find('\n') != std::string::npos) {
    throw http::bad_request(
        "A record is one line of JSONL; this text has line breaks and is not valid JSON, so it "
        "cannot be stored as one line. Fix the JSON or remove the line breaks.");
  }
  return body;
}

nlohmann::json parse_json_body(const std::string& body) {
  auto json = nlohmann::json::parse(body.empty() ? "{}" : body, nullptr, false);
  if (json.is_discarded()) throw http::bad_request("The request body is not valid JSON.");
  if (!json.is_object()) throw http::bad_request("The request body must be a JSON object.");
  return json;
}

nlohmann::json training_run_json(const store::TrainingRun& run, const std::string& server_url) {
  auto options = nlohmann::json::parse(run.options_json, nullptr, false);
  auto progress = nlohmann::json::parse(run.progress_json, nullptr, false);
  auto optional_text = [](const std::optional<std::string>& text) {
    return text ? nlohmann::json(*text) : nlohmann::json(nullptr);
  };
  auto progress_field = [&](const char* name) {
    return progress.is_object() && progress.contains(name) ? progress[name]
                                                           : nlohmann::json(nullptr);
  };
  bool external = run.backend == training::kExternalBackend;
  auto command = options.value("command", "");
  return {
      {"id", run.id},
      {"dataset_id", run.dataset_id},
      {"job_id", run.job_id ? nlohmann::json(*run.job_id) : nlohmann::json(nullptr)},
      {"backend", run.backend},
      {"base_model", run.base_model},
      {"state", run.state},
      {"remote_status",
       run.remote_status.empty() ? nlohmann::json(nullptr) : nlohmann::json(run.remote_status)},
      {"dataset_revision", run.dataset_revision},
      {"grader_version", run.grader_version},
      {"gate", options.value("gate", nlohmann::json(nullptr))},
      {"split",
       {{"train", run.train_count},
        {"valid", run.valid_count},
        {"valid_share", options.value("valid_share", 0.1)},
        {"stratified", options.value("stratify", true)},
        {"seed", options.value("seed", 42)}}},
      {"hyperparameters", options.value("hyperparameters", nlohmann::json::object())},
      {"progress",
       {{"percent", progress_field("percent")},
        {"epoch", progress_field("epoch")},
        {"epochs", progress_field("epochs")},
        {"step", progress_field("step")},
        {"total_steps", progress_field("total_steps")},
        {"eta_seconds", progress_field("eta_seconds")}}},
      {"rewards", training::rewards_view(nlohmann::json::parse(run.rewards_json, nullptr, false))},
      {"fine_tuned_model", optional_text(run.fine_tuned_model)},
      {"model_url", optional_text(run.model_url)},
      {"remote_job_id", run.backend == training::kOpenAiBackend
                            ? nlohmann::json::parse(run.backend_state_json, nullptr, false)
                                  .value("job_id", nlohmann::json(nullptr))
                            : nlohmann::json(nullptr)},
      {"command", external && !command.empty() ? nlohmann::json(command) : nlohmann::json(nullptr)},
      {"endpoints",
       external ? training::trainer_endpoints(server_url, run.id) : nlohmann::json(nullptr)},
      {"error", optional_text(run.error)},
      {"created_at", util::format_rfc3339(run.created_at)},
      {"started_at", optional_time(run.started_at)},
      {"finished_at", optional_time(run.finished_at)}};
}

std::pair<int64_t, int64_t> paging(const std::map<std::string, std::string>& query) {
  int64_t offset = 0;
  int64_t limit = 50;
  if (auto it = query.find("offset"); it != query.end())
    offset = parse_non_negative("offset", it->second);
  if (auto it = query.find("limit"); it != query.end()) {
    limit = parse_non_negative("limit", it->second);
    // A page of none would still be answered with one: say so instead.
    if (limit == 0) throw http::bad_request("limit must be at least 1 (at most 1000 are given).");
  }
  return {offset, std::min<int64_t>(limit, 1000)};
}

std::optional<util::PageCursor> page_cursor(const std::map<std::string, std::string>& query,
                                            uint64_t fingerprint, std::size_t key_parts) {
  auto it = query.find("cursor");
  if (it == query.end() || it->second.empty()) return std::nullopt;
  auto cursor = util::decode_page_cursor(it->second);
  if (!cursor || cursor->after.size() != key_parts) {
    throw http::HttpError(400, "invalid_cursor", "'cursor' is not a cursor this list gave out.");
  }
  if (cursor->query_fingerprint != fingerprint) {
    throw http::HttpError(400, "invalid_cursor",
                          "'cursor' belongs to another filter: start again from the first page.");
  }
  return cursor;
}

}  // namespace reinforge::api
