// Step 3's generation (docs/generation.md): plan and estimate, start a run, follow it, review
// what it produced (accept, edit, delete a record or the whole run). Cancel is the job's
// (/api/jobs/:id/cancel).
#include "api/json_views.hpp"
#include "api/require.hpp"
#include "api/routes.hpp"
#include "records/dataset_settings.hpp"
#include "records/record_builder.hpp"
#include "steps/generation_job.hpp"
#include "steps/generation_planning.hpp"
#include "util/clock.hpp"

namespace reinforge::api {

namespace {

using json = nlohmann::json;

json parsed_or_null(const std::string& text) {
  auto parsed = json::parse(text, nullptr, false);
  return parsed.is_discarded() ? json(nullptr) : parsed;
}

json run_json(AppContext& context, store::GenerationRun run) {
  run = steps::with_job_state(context.store, std::move(run));
  json counts = {{"accepted", 0}, {"pending", 0}, {"rejected", 0}, {"deleted", 0}};
  for (const auto& [status, count] : context.store.count_generated_records(run.id))
    counts[status] = count;
  auto job = context.store.find_job(run.job_id);
  return {{"id", run.id},
          {"dataset_id", run.dataset_id},
          {"job_id", run.job_id},
          {"job", job ? job_json(*job) : json(nullptr)},
          {"model", run.model},
          {"state", run.state},
          {"review", run.review},
          {"options", parsed_or_null(run.options_json)},
          {"plan", parsed_or_null(run.plan_json)},
          {"summary", parsed_or_null(run.summary_json)},
          {"counts", counts},
          {"error", run.error ? json(*run.error) : json(nullptr)},
          {"created_at", util::format_rfc3339(run.created_at)},
          {"finished_at",
           run.finished_at ? json(util::format_rfc3339(*run.finished_at)) : json(nullptr)}};
}

json generated_record_json(const store::GeneratedRecord& record) {
  return {{"id", record.id},
          {"run_id", record.run_id},
          {"topic", record.topic},
          {"status", record.status},
          {"gate", record.gate.empty() ? json(nullptr) : json(record.gate)},
          {"reason", record.reason},
          {"record", parsed_or_null(record.text)},
          {"text", record.text},
          {"seed_ids", parsed_or_null(record.seed_ids_json)},
          {"confidence", record.confidence ? json(*record.confidence) : json(nullptr)},
          {"similarity", record.similarity ? json(*record.similarity) : json(nullptr)},
          {"record_id", record.record_id ? json(*record.record_id) : json(nullptr)},
          {"created_at", util::format_rfc3339(record.created_at)}};
}

store::GenerationRun require_run(AppContext& context, int64_t run_id) {
  auto run = context.store.find_generation_run(run_id);
  if (!run) throw http::not_found("No generation run " + std::to_string(run_id) + ".");
  return *run;
}

steps::GenerationRequest request_of(const http::Request& request) {
  try {
    return steps::read_generation_request(request.body.empty() ? json::object()
                                                               : parse_json_body(request.body));
  } catch (const std::invalid_argument& error) {
    throw http::bad_request(error.what());
  }
}

}  // namespace

void register_generation_routes(http::Router& router, AppContext& context) {
  // The plan for a request (or, with no topics, every topic's fill) and its estimate; `model`
  // is the one a run would call, or null with `model_error` saying why there is none.
  router.add("POST", "/api/datasets/:id/generation/plan", [&context](http::Request& request) {
    auto dataset = require_dataset(context, request.path_id("id"));
    auto generation = request_of(request);
    json body;
    try {
      body =
          steps::plan_json(steps::plan_generation_request(context.store, dataset.id, generation));
    } catch (const std::invalid_argument& error) {
      throw http::bad_request(error.what());
    }
    try {
      body["model"] = steps::generation_model(generation, dataset, context.models);
      body["model_error"] = nullptr;
    } catch (const std::invalid_argument& error) {
      body["model"] = nullptr;
      body["model_error"] = error.what();
    }
    return http::Response::json(200, body.dump());
  });

  router.add("POST", "/api/datasets/:id/generation", [&context](http::Request& request) {
    auto dataset = require_dataset(context, request.path_id("id"));
    auto generation = request_of(request);
    try {
      auto run = steps::start_generation(context.store, context.models, context.jobs, dataset.id,
                                         generation);
      return http::Response::json(202, run_json(context, run).dump());
    } catch (const std::invalid_argument& error) {
      throw http::bad_request(error.what());
    }
  });

  router.add("GET", "/api/datasets/:id/generation/runs", [&context](http::Request& request) {
    auto dataset = require_dataset(context, request.path_id("id"));
    json items = json::array();
    for (auto& run : context.store.list_generation_runs(dataset.id))
      items.push_back(run_json(context, run));
    return http::Response::json(200, json{{"items", items}}.dump());
  });

  router.add("GET", "/api/generation/runs/:run", [&context](http::Request& request) {
    return http::Response::json(
        200, run_json(context, require_run(context, request.path_id("run"))).dump());
  });

  router.add("DELETE", "/api/generation/runs/:run", [&context](http::Request& request) {
    auto run = steps::with_job_state(context.store, require_run(context, request.path_id("run")));
    if (run.state == "running") {
      throw http::HttpError(409, "conflict", "The run is still running; cancel its job first.");
    }
    auto removed = context.store.delete_generation_run(run.id);
    return http::Response::json(
        200, json{{"deleted", true}, {"records_removed", removed.value_or(0)}}.dump());
  });

  router.add("GET", "/api/generation/runs/:run/records", [&context](http::Request& request) {
    auto run = require_run(context, request.path_id("run"));
    std::optional<std::string> status;
    if (auto value = request.query_param("status"); value && !value->empty()) {
      if (*value != "accepted" && *value != "pending" && *value != "rejected" &&
          *value != "deleted") {
        throw http::bad_request("status must be accepted, pending, rejected or deleted.");
      }
      status = *value;
    }
    auto [offset, limit] = paging(request.query);
    int64_t total = 0;
    json items = json::array();
    for (const auto& record :
         context.store.list_generated_records(run.id, status, offset, limit, &total)) {
      items.push_back(generated_record_json(record));
    }
    return http::Response::json(200, json{{"total", total}, {"items", items}}.dump());
  });

  // {"ids": [...]} accepts those records — pending ones, or rejected ones a person overrules —
  // and no body accepts every pending one. Invalid records are not accepted and are listed, and
  // so are those the cap on synthetic data has no room for (the run's max_synthetic_share, with
  // the dataset as it is now): they stay as they were.
  router.add("POST", "/api/generation/runs/:run/accept", [&context](http::Request& request) {
    auto run = require_run(context, request.path_id("run"));
    auto dataset = require_dataset(context, run.dataset_id);
    auto body = request.body.empty() ? json::object() : parse_json_body(request.body);
    std::vector<store::GeneratedRecord> pending;
    if (body.contains("ids")) {
      if (!body["ids"].is_array()) throw http::bad_request("ids must be a list of record ids.");
      for (const auto& id : body["ids"]) {
        if (!id.is_number_integer()) throw http::bad_request("ids must be a list of record ids.");
        auto record = context.store.find_generated_record(run.id, id.get<int64_t>());
        if (record && (record->status == "pending" || record->status == "rejected"))
          pending.push_back(*record);
      }
    } else {
      pending = context.store.list_generated_records(run.id, "pending", 0, 1'000'000, nullptr);
    }
    auto validator = records::dataset_validator(dataset);
    std::vector<store::GeneratedRecordToAdd> additions;
    json invalid = json::array();
    for (const auto& record : pending) {
      auto built = records::build_record(validator, record.text, std::nullopt, "generated");
      if (!built.valid) {
        invalid.push_back(record.id);
        continue;
      }
      built.generation_run_id = run.id;
      additions.push_back(
          {record.id, std::move(built), record.topic, record.confidence.value_or(0)});
    }
    std::vector<std::string> topics;
    for (const auto& addition : additions) topics.push_back(addition.topic);
    auto options = json::parse(run.options_json, nullptr, false);
    const double cap = options.is_object()
                           ? steps::read_generation_request(options).max_synthetic_share
                           : generation::kDefaultSyntheticCap;
    auto fits = steps::fit_under_synthetic_cap(context.store, dataset.id, cap, topics);
    std::vector<store::GeneratedRecordToAdd> within_cap;
    json over_cap = json::array();
    for (std::size_t i = 0; i < additions.size(); ++i) {
      if (fits[i]) {
        within_cap.push_back(std::move(additions[i]));
      } else {
        over_cap.push_back(additions[i].generated_id);
      }
    }
    auto accepted = context.store.accept_generated_records(run.id, within_cap);
    return http::Response::json(
        200, json{{"accepted", accepted}, {"invalid", invalid}, {"over_cap", over_cap}}.dump());
  });

  router.add("PUT", "/api/generation/runs/:run/records/:rid", [&context](http::Request& request) {
    auto run = require_run(context, request.path_id("run"));
    auto dataset = require_dataset(context, run.dataset_id);
    auto existing = context.store.find_generated_record(run.id, request.path_id("rid"));
    if (!existing || existing->status == "deleted")
      throw http::not_found("No such generated record in this run.");
    auto validator = records::dataset_validator(dataset);
    auto built =
        records::build_record(validator, record_line_from_body(std::move(request.body)), std::nullopt, "generated");
    built.generation_run_id = run.id;
    context.store.edit_generated_record(run.id, existing->id, built);
    auto edited = context.store.find_generated_record(run.id, existing->id);
    auto body = generated_record_json(*edited);
    body["valid"] = built.valid;
    body["issues"] = parsed_or_null(built.issues_json);
    return http::Response::json(200, body.dump());
  });

  router.add("DELETE", "/api/generation/runs/:run/records/:rid",
             [&context](http::Request& request) {
               auto run = require_run(context, request.path_id("run"));
               if (!context.store.delete_generated_record(run.id, request.path_id("rid"))) {
                 throw http::not_found("No such generated record in this run.");
               }
               return http::Response::json(200, json{{"deleted", true}}.dump());
             });
}

}  // namespace reinforge::api
