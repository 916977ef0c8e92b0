#include "api/json_views.hpp"
#include "api/require.hpp"
#include "api/routes.hpp"
#include "api/sampling_request.hpp"
#include "grading/grader_config.hpp"
#include "grading/openai_grader_export.hpp"
#include "grading/test_sample.hpp"
#include "providers/openai_compatible_provider.hpp"
#include "steps/dry_run_job.hpp"
#include "steps/dry_run_samples.hpp"
#include "util/clock.hpp"

namespace reinforge::api {

namespace {

// The last test of an unsaved draft, kept so that saving that draft makes it the step's test.
constexpr const char* kDraftTestState = "grader_draft_test";

nlohmann::json grader_json(const store::GraderRow& grader) {
  return {{"version", grader.version},
          {"config", nlohmann::json::parse(grader.config_json)},
          {"created_at", util::format_rfc3339(grader.created_at)},
          {"last_test", grader.last_test_json ? nlohmann::json::parse(*grader.last_test_json)
                                              : nlohmann::json(nullptr)}};
}

store::GraderRow require_grader(AppContext& context, int64_t dataset_id) {
  auto grader = context.store.current_grader(dataset_id);
  if (!grader) throw http::conflict("This dataset has no grader yet; save one first.");
  return *grader;
}

// The grader a config describes, or a 400 whose message names the field at fault
// ("The grader is not valid: grader.graders[1].weight: must be a positive number").
std::unique_ptr<grading::Grader> build_grader_or_400(const nlohmann::json& config) {
  try {
    return grading::make_grader(config);
  } catch (const grading::GraderConfigError& error) {
    throw http::bad_request(std::string("The grader is not valid: ") + error.what());
  } catch (const nlohmann::json::exception& error) {
    // A field of the wrong type ("case_sensitive": "yes") read by the config's parser.
    throw http::bad_request(std::string("The grader is not valid: a field has the wrong type (") +
                            error.what() + ").");
  }
}

nlohmann::json stored_dry_run(AppContext& context, int64_t dataset_id) {
  auto saved = context.store.get_step_state(dataset_id, steps::kDryRunStepState);
  if (!saved) throw http::not_found("No dry run has finished for this dataset yet.");
  return nlohmann::json::parse(*saved);
}

}  // namespace

void register_grader_routes(http::Router& router, AppContext& context) {
  router.add("GET", "/api/datasets/:id/grader", [&context](http::Request& request) {
    auto dataset = require_dataset(context, request.path_id("id"));
    auto grader = context.store.current_grader(dataset.id);
    return http::Response::json(
        200, (grader ? grader_json(*grader) : nlohmann::json{{"version", nullptr}}).dump());
  });

  // Saves the grader (PRODUCT.md §6); a config that cannot build a grader is refused with the
  // field at fault. Saving the same config again keeps its version.
  router.add("PUT", "/api/datasets/:id/grader", [&context](http::Request& request) {
    auto dataset = require_dataset(context, request.path_id("id"));
    auto config = parse_json_body(request.body);
    build_grader_or_400(config);
    auto version = grading::grader_version(config);
    auto current = context.store.current_grader(dataset.id);
    if (current && current->version == version)
      return http::Response::json(200, grader_json(*current).dump());
    auto saved = context.store.save_grader(dataset.id, version, config.dump());
    // The editor tests a draft before saving it: that test is this version's test.
    if (auto draft_test = context.store.get_step_state(dataset.id, kDraftTestState)) {
      auto test = nlohmann::json::parse(*draft_test);
      if (test.value("version", "") == version) {
        test["saved"] = true;
        context.store.save_grader_test(saved.id, test.dump());
        saved = *context.store.current_grader(dataset.id);
      }
    }
    return http::Response::json(200, grader_json(saved).dump());
  });

  // "Test sample": grades the reference answers of 5 random valid records with the saved grader,
  // or with {"config": ...} a draft from the editor, unsaved, so a person can iterate on it; with
  // {"mode": "base_model", "model", "provider"} fresh samples of the base model instead. A
  // draft's results become the step's last test when the draft is, or is later saved as, the
  // saved grader.
  router.add("POST", "/api/datasets/:id/grader/test", [&context](http::Request& request) {
    auto dataset = require_dataset(context, request.path_id("id"));
    auto body = request.body.empty() ? nlohmann::json::object() : parse_json_body(request.body);
    auto saved = context.store.current_grader(dataset.id);
    nlohmann::json config;
    if (body.contains("config")) {
      config = body["config"];
    } else if (saved) {
      config = nlohmann::json::parse(saved->config_json);
    } else {
      throw http::conflict("This dataset has no grader yet; save one first.");
    }
    auto grader = build_grader_or_400(config);
    auto version = grading::grader_version(config);
    auto source = sampling_request_or_400(body);
    auto picked = context.store.random_valid_records(dataset.id, 5);
    if (picked.empty())
      throw http::conflict("The dataset has no valid records to test the grader on.");
    std::vector<nlohmann::json> records;
    for (const auto& record : picked) records.push_back(nlohmann::json::parse(record.text));
    grading::TestSampleOptions options;
    options.count = records.size();
    options.objective = dataset.objective;
    std::unique_ptr<providers::OpenAiCompatibleProvider> provider;
    if (source.base_model) {
      provider = std::make_unique<providers::OpenAiCompatibleProvider>(
          grading::provider_config_from_json(source.provider));
      options.provider = provider.get();
      options.model = source.model;
      options.sampling = source.sampling;
    }
    auto entries = grading::run_test_sample(records, *grader, options);
    nlohmann::json results = nlohmann::json::array();
    int errors = 0;
    for (const auto& entry : entries) {
      const auto& result = entry.result;
      bool failed = !result.ok() || !entry.sampling_error.empty();
      errors += failed;
      results.push_back(
          {{"record_id", picked[entry.record_index].id},
           {"preview", picked[entry.record_index].preview},
           {"output_text", entry.sample.output_text},
           {"score", result.score ? nlohmann::json(*result.score) : nlohmann::json(nullptr)},
           {"reason", result.reason},
           {"error", entry.sampling_error.empty() ? result.error : entry.sampling_error},
           {"logs", result.logs},
           {"latency_ms", entry.latency_ms}});
    }
    bool is_saved = saved && saved->version == version;
    nlohmann::json test{
        {"ran_at", util::format_rfc3339(util::now_unix_seconds())},
        {"version", version},
        {"saved", is_saved},
        {"mode", source.base_model ? "base_model" : "reference"},
        {"model", source.base_model ? nlohmann::json(source.model) : nlohmann::json(nullptr)},
        {"errors", errors},
        {"results", results}};
    if (is_saved) {
      context.store.save_grader_test(saved->id, test.dump());
    } else {
      context.store.put_step_state(dataset.id, kDraftTestState, test.dump());
    }
    return http::Response::json(200, test.dump());
  });

  // Step 5: {"mode": "reference" | "base_model", "samples", "k", "concurrency", "model",
  // "provider": {"base_url", "api_key_env"}, "sampling"} → 202 job.
  router.add("POST", "/api/datasets/:id/dry-run", [&context](http::Request& request) {
    auto dataset = require_dataset(context, request.path_id("id"));
    require_grader(context, dataset.id);
    auto options = parse_json_body(request.body);
    sampling_request_or_400(options);
    check_dry_run_options_or_400(options);
    return http::Response::json(
        202, job_json(steps::submit_dry_run(context.jobs, dataset.id, options)).dump());
  });

  router.add("GET", "/api/datasets/:id/dry-run", [&context](http::Request& request) {
    auto dataset = require_dataset(context, request.path_id("id"));
    auto run = stored_dry_run(context, dataset.id);
    run["report"] = steps::dry_run_summary(std::move(run["report"]));
    return http::Response::json(200, run.dump());
  });

  // The per-sample table: ?offset&limit&sort=index|score|-score|-latency&errors=true.
  router.add("GET", "/api/datasets/:id/dry-run/samples", [&context](http::Request& request) {
    auto dataset = require_dataset(context, request.path_id("id"));
    steps::SamplePageRequest page;
    std::tie(page.offset, page.limit) = paging(request.query);
    auto order = steps::parse_sample_order(request.query_param("sort").value_or(""));
    if (!order) throw http::bad_request("sort must be index, score, -score or -latency.");
    page.order = *order;
    page.errors_only = request.query_param("errors").value_or("") == "true";
    auto run = stored_dry_run(context, dataset.id);
    return http::Response::json(200, steps::page_dry_run_samples(run["report"], page).dump());
  });

  // One sample with the prompt that was sent.
  router.add("GET", "/api/datasets/:id/dry-run/samples/:index", [&context](http::Request& request) {
    auto dataset = require_dataset(context, request.path_id("id"));
    auto index = request.path_index("index");
    auto run = stored_dry_run(context, dataset.id);
    const auto& samples = run["report"]["samples"];
    if (index < 0 || static_cast<std::size_t>(index) >= samples.size()) {
      throw http::not_found("The last dry run has no sample " + std::to_string(index) + ".");
    }
    return http::Response::json(200, samples[static_cast<std::size_t>(index)].dump());
  });

  router.add("GET", "/api/datasets/:id/grader/openai", [&context](http::Request& request) {
    auto dataset = require_dataset(context, request.path_id("id"));
    auto grader_row = require_grader(context, dataset.id);
    auto exported = grading::export_openai_grader(nlohmann::json::parse(grader_row.config_json),
                                                  dataset.objective);
    if (!exported.ok) throw http::HttpError(422, "no_equivalent", exported.error);
    return http::Response::json(
        200, nlohmann::json{{"grader", exported.grader}, {"notes", exported.notes}}.dump());
  });
}

}  // namespace reinforge::api
