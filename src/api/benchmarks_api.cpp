// Step 7's benchmarks (docs/deployment.md): start one, list them, read one's report and its
// samples side by side. Cancel is the job's (/api/jobs/:id/cancel).
#include "api/json_views.hpp"
#include "api/routes.hpp"
#include "steps/benchmark_job.hpp"
#include "util/clock.hpp"

namespace reinforge::api {

namespace {

store::DeploymentStore& store_of(AppContext& context) {
  if (!context.deployments)
    throw http::HttpError(503, "unavailable", "Benchmarks are not available here.");
  return *context.deployments;
}

std::optional<int64_t> id_query(const http::Request& request, const char* name) {
  auto value = request.query_param(name);
  if (!value || value->empty()) return std::nullopt;
  try {
    size_t used = 0;
    int64_t id = std::stoll(*value, &used);
    if (used == value->size() && id > 0) return id;
  } catch (const std::exception&) {
  }
  throw http::bad_request(std::string(name) + " must be an id.");
}

nlohmann::json benchmark_json(AppContext& context, const store::Benchmark& benchmark) {
  nlohmann::json body{
      {"id", benchmark.id},
      {"dataset_id", benchmark.dataset_id},
      {"run_id", benchmark.run_id ? nlohmann::json(*benchmark.run_id) : nlohmann::json(nullptr)},
      {"base_model", benchmark.base_model},
      {"tuned_model", benchmark.tuned_model},
      {"provider",
       benchmark.provider.empty() ? nlohmann::json(nullptr) : nlohmann::json(benchmark.provider)},
      {"options", nlohmann::json::parse(benchmark.options_json, nullptr, false)},
      {"job_id", benchmark.job_id},
      {"job", nullptr},
      {"created_at", util::format_rfc3339(benchmark.created_at)},
      {"report", benchmark.report_json.empty()
                     ? nlohmann::json(nullptr)
                     : nlohmann::json::parse(benchmark.report_json, nullptr, false)}};
  if (auto job = context.store.find_job(benchmark.job_id)) body["job"] = job_json(*job);
  return body;
}

store::Benchmark require_benchmark(AppContext& context, int64_t id) {
  auto benchmark = store_of(context).find_benchmark(id);
  if (!benchmark) throw http::not_found("Benchmark " + std::to_string(id) + " does not exist.");
  return *benchmark;
}

}  // namespace

void register_benchmark_routes(http::Router& router, AppContext& context) {
  router.add("POST", "/api/benchmarks", [&context](http::Request& request) {
    steps::BenchmarkServices services{context.models, store_of(context), context.training.runs};
    try {
      auto benchmark =
          steps::start_benchmark(context.store, services, context.jobs,
                                 steps::read_benchmark_request(parse_json_body(request.body)));
      return http::Response::json(202, benchmark_json(context, benchmark).dump());
    } catch (const steps::BenchmarkRefused& refused) {
      throw http::HttpError(refused.status, refused.code, refused.what());
    }
  });

  router.add("GET", "/api/benchmarks", [&context](http::Request& request) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& benchmark : store_of(context).list_benchmarks(id_query(request, "dataset_id"),
                                                                   id_query(request, "run_id"))) {
      items.push_back(benchmark_json(context, benchmark));
    }
    return http::Response::json(200, nlohmann::json{{"items", items}}.dump());
  });

  router.add("GET", "/api/benchmarks/:id", [&context](http::Request& request) {
    return http::Response::json(
        200, benchmark_json(context, require_benchmark(context, request.path_id("id"))).dump());
  });

  router.add("GET", "/api/benchmarks/:id/samples", [&context](http::Request& request) {
    auto benchmark = require_benchmark(context, request.path_id("id"));
    auto [offset, limit] = paging(request.query);
    auto outcome = request.query_param("outcome").value_or("");
    if (!outcome.empty() && outcome != "win" && outcome != "tie" && outcome != "loss" &&
        outcome != "unpaired")
      throw http::bad_request("outcome must be win, tie, loss or unpaired.");
    auto topic = request.query_param("topic");
    auto text = store_of(context).benchmark_samples(benchmark.id).value_or("");
    auto samples = nlohmann::json::parse(text.empty() ? "[]" : text, nullptr, false);
    nlohmann::json items = nlohmann::json::array();
    int64_t total = 0;
    if (samples.is_array()) {
      for (auto& sample : samples) {
        if (!outcome.empty() && sample.value("outcome", "") != outcome) continue;
        if (topic && sample.value("topic", "") != *topic) continue;
        if (total >= offset && total < offset + limit) items.push_back(std::move(sample));
        ++total;
      }
    }
    return http::Response::json(
        200,
        nlohmann::json{{"total", total}, {"offset", offset}, {"limit", limit}, {"items", items}}
            .dump());
  });
}

}  // namespace reinforge::api
