// Gateway traces (list, detail, stats) and datasets made from them; shapes in docs/api.md.
#include <memory>
#include <set>

#include "api/json_views.hpp"
#include "api/require.hpp"
#include "api/routes.hpp"
#include "gateway/trace_datasets.hpp"
#include "gateway/trace_filter_fields.hpp"
#include "gateway/trace_json.hpp"
#include "gateway/trace_pull_job.hpp"
#include "steps/topic_jobs.hpp"
#include "store/trace_store.hpp"
#include "util/clock.hpp"

namespace reinforge::api {

namespace {

store::TraceFilter filter_from(const std::map<std::string, std::string>& fields) {
  try {
    return gateway::trace_filter_from_fields(fields);
  } catch (const std::invalid_argument& error) {
    throw http::bad_request(error.what());
  }
}

// The "filter" object of a request body as the same string fields the query string uses.
std::map<std::string, std::string> filter_fields(const nlohmann::json& body) {
  std::map<std::string, std::string> fields;
  if (!body.contains("filter") || body["filter"].is_null()) return fields;
  if (!body["filter"].is_object()) throw http::bad_request("'filter' must be an object.");
  for (const auto& [key, value] : body["filter"].items()) {
    if (value.is_string()) {
      fields[key] = value.get<std::string>();
    } else if (value.is_number_integer()) {
      fields[key] = std::to_string(value.get<int64_t>());
    } else if (!value.is_null()) {
      throw http::bad_request("filter." + key + " must be a string or a number.");
    }
  }
  return fields;
}

// How many traces a filter matches: decides between answering now and queueing a job.
int64_t matching_count(store::TraceStore& traces, store::TraceFilter filter) {
  filter.limit = 1;
  return traces.list_traces(filter, false).total;
}

nlohmann::json counts_json(const gateway::TraceImportCounts& counts) {
  return {{"added", counts.added}, {"invalid", counts.invalid}, {"skipped", counts.skipped}};
}

std::map<std::string, std::string> saved_filter_fields(const store::DatasetTraceSource& source) {
  std::map<std::string, std::string> fields;
  auto saved = nlohmann::json::parse(source.filter_json, nullptr, false);
  if (saved.is_object()) {
    for (const auto& [key, value] : saved.items()) {
      if (value.is_string()) fields[key] = value.get<std::string>();
    }
  }
  return fields;
}

}  // namespace

void register_trace_routes(http::Router& router, AppContext& context) {
  std::shared_ptr<store::TraceStore> traces = context.traces;

  router.add("GET", "/api/traces/stats", [traces](http::Request& request) {
    auto filter = filter_from(request.query);
    nlohmann::json days = nlohmann::json::array();
    for (const auto& row : traces->trace_stats(filter)) {
      days.push_back({{"day", row.day},
                      {"model", row.model},
                      {"calls", row.calls},
                      {"errors", row.errors},
                      {"prompt_tokens", row.prompt_tokens},
                      {"completion_tokens", row.completion_tokens},
                      {"latency_ms",
                       {{"p50", row.latency_p50_ms},
                        {"p95", row.latency_p95_ms},
                        {"p99", row.latency_p99_ms}}}});
    }
    return http::Response::json(200, nlohmann::json{{"items", days}}.dump());
  });

  router.add("GET", "/api/traces", [traces](http::Request& request) {
    auto filter = filter_from(request.query);
    std::tie(filter.offset, filter.limit) = paging(request.query);
    auto fingerprint = util::query_fingerprint(gateway::trace_filter_to_fields(filter));
    if (auto cursor = page_cursor(request.query, fingerprint, 2))
      filter.after = store::TracePosition{cursor->after[0], cursor->after[1]};
    auto page = traces->list_traces(filter, true);
    nlohmann::json items = nlohmann::json::array();
    for (const auto& trace : page.traces) items.push_back(gateway::trace_summary_json(trace));
    nlohmann::json next_cursor = nullptr;
    if (page.next) {
      next_cursor = util::encode_page_cursor({fingerprint, {page.next->created_at_ms, page.next->seq}});
    }
    return http::Response::json(200, nlohmann::json{{"items", items},
                                                    {"total", page.total},
                                                    {"total_exact", page.total_exact},
                                                    {"next_cursor", next_cursor},
                                                    {"offset", filter.offset},
                                                    {"limit", filter.limit}}
                                         .dump());
  });

  router.add("GET", "/api/traces/:id", [traces](http::Request& request) {
    auto trace = traces->find_trace(request.path_params["id"]);
    if (!trace) throw http::not_found("Trace " + request.path_params["id"] + " does not exist.");
    return http::Response::json(200, gateway::trace_detail_json(*trace).dump());
  });

  router.add("POST", "/api/datasets/from-traces", [&context, traces](http::Request& request) {
    auto body = parse_json_body(request.body);
    if (!body.contains("name") || !body["name"].is_string() ||
        body["name"].get<std::string>().empty() || body["name"].get<std::string>().size() > 200) {
      throw http::bad_request("'name' is required: a dataset name of 1 to 200 characters.");
    }
    std::string objective = body.contains("objective") && body["objective"].is_string()
                                ? body["objective"].get<std::string>()
                                : "";
    // "Create & start" (PRODUCT.md §11): the topics step follows the records on the server, as
    // after an upload with start=true.
    if (body.contains("start") && !body["start"].is_boolean())
      throw http::bad_request("'start' must be true or false.");
    std::optional<jobs::FollowUpJob> then;
    if (body.value("start", false)) then = steps::automatic_topics_step();
    auto fields = filter_fields(body);
    auto filter = filter_from(fields);
    std::vector<std::string> selected;
    if (body.contains("trace_ids") && !body["trace_ids"].is_null()) {
      if (!body["trace_ids"].is_array())
        throw http::bad_request("'trace_ids' must be an array of trace ids.");
      for (const auto& id : body["trace_ids"]) {
        if (!id.is_string()) throw http::bad_request("'trace_ids' must be an array of trace ids.");
        selected.push_back(id.get<std::string>());
      }
    }
    // A picked trace that is not there (pruned since the page showed it, a typo) is said before a
    // dataset is made, not counted as nothing added.
    // Read once, before the dataset exists: dataset 0 holds no record, so every picked trace that
    // is there comes back, and the new dataset takes exactly these below.
    auto picked = selected.empty() ? std::vector<store::Trace>()
                                   : traces->selected_traces_not_in_dataset(selected, 0);
    std::set<std::string> found;
    for (const auto& trace : picked) found.insert(trace.id);
    std::vector<std::string> unknown;
    for (const auto& id : selected)
      if (!found.count(id)) unknown.push_back(id);
    if (!unknown.empty()) {
      std::string named;
      for (std::size_t i = 0; i < unknown.size() && i < 3; ++i)
        named += (i ? ", " : "") + unknown[i];
      if (unknown.size() > 3) named += ", …";
      throw http::HttpError(400, "unknown_trace",
                            std::to_string(unknown.size()) + " of the " +
                                std::to_string(selected.size()) + " picked traces do not exist (" +
                                named +
                                "); retention may have pruned them. Pick the traces again.");
    }
    // Picked traces with no time bound: later pulls take what arrives from now on, not every
    // trace the filter matches.
    if (!selected.empty() && !fields.count("from"))
      fields["from"] = std::to_string(util::now_unix_millis());
    store::Dataset dataset;
    try {
      dataset = context.store.create_dataset(body["name"].get<std::string>(), objective);
    } catch (const store::ConflictError& error) {
      throw http::conflict(error.what());
    }
    // The filter is saved either way, so "pull new traces" can run it again later.
    traces->save_dataset_trace_source(
        {dataset.id, nlohmann::json(fields).dump(), util::now_unix_seconds()});
    if (selected.empty() && matching_count(*traces, filter) > gateway::kSynchronousTracePullLimit) {
      auto job = gateway::submit_trace_pull(context.jobs, dataset.id, then);
      auto json = dataset_json(context, dataset, true);
      json["from_traces"] = nullptr;
      json["job"] = job_json(job);
      return http::Response::json(201, json.dump());
    }
    gateway::TraceImportCounts counts;
    if (!selected.empty()) {
      counts = gateway::add_traces_to_dataset(context.store, dataset.id, picked);
    } else {
      counts = gateway::pull_new_traces(context.store, *traces, dataset.id);
    }
    if (then && counts.added > 0)
      context.jobs.submit(then->kind, dataset.id, then->params_json, then->message);
    auto refreshed = context.store.find_dataset(dataset.id).value_or(dataset);
    auto json = dataset_json(context, refreshed, true);
    json["from_traces"] = counts_json(counts);
    json["job"] = nullptr;
    return http::Response::json(201, json.dump());
  });

  router.add("POST", "/api/datasets/:id/pull-traces", [&context, traces](http::Request& request) {
    auto dataset = require_dataset(context, request.path_id("id"));
    try {
      auto source = traces->find_dataset_trace_source(dataset.id);
      std::optional<store::TraceFilter> filter;
      if (source) {
        filter = filter_from(saved_filter_fields(*source));
        if (traces->count_traces_to_pull(*filter, source->pulled_through_seq,
                                         gateway::kSynchronousTracePullLimit + 1) >
            gateway::kSynchronousTracePullLimit) {
          return http::Response::json(
              202, job_json(gateway::submit_trace_pull(context.jobs, dataset.id)).dump());
        }
      }
      auto counts = gateway::pull_new_traces(context.store, *traces, dataset.id);
      auto json = counts_json(counts);
      json["already_in_dataset"] =
          filter ? traces->count_records_from_traces(*filter, dataset.id) - counts.added : 0;
      return http::Response::json(200, json.dump());
    } catch (const std::invalid_argument& error) {
      throw http::HttpError(409, "no_trace_filter", error.what());
    }
  });
}

}  // namespace reinforge::api
