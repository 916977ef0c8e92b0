#include <map>

#include "api/json_views.hpp"
#include "api/require.hpp"
#include "api/routes.hpp"
#include "health/issue.hpp"
#include "records/dataset_settings.hpp"
#include "records/record_builder.hpp"
#include "util/page_cursor.hpp"

namespace reinforge::api {

namespace {

store::RecordFilter record_filter(const http::Request& request) {
  store::RecordFilter filter;
  std::tie(filter.offset, filter.limit) = paging(request.query);
  if (auto validity = request.query_param("validity"); validity && !validity->empty()) {
    if (*validity != "valid" && *validity != "invalid") {
      throw http::bad_request("validity must be 'valid' or 'invalid'.");
    }
    filter.valid = *validity == "valid";
  }
  if (auto issue = request.query_param("issue"); issue && !issue->empty()) {
    if (!health::issue_code_from_string(*issue)) {
      throw http::bad_request("Unknown issue code '" + *issue + "'.");
    }
    filter.issue_code = *issue;
  }
  if (auto origin = request.query_param("origin"); origin && !origin->empty()) {
    if (*origin != "trace" && *origin != "import" && *origin != "generated" && *origin != "edited") {
      throw http::bad_request("origin must be one of trace, import, generated, edited.");
    }
    filter.origin = *origin;
  }
  if (auto text = request.query_param("q"); text && !text->empty()) filter.text_query = *text;
  if (auto topic = request.query_param("topic")) {
    filter.topic = *topic == "uncategorized" ? std::string() : *topic;
  }
  if (auto band = request.query_param("confidence"); band && !band->empty()) {
    if (*band == "high") {
      filter.confidence = store::ConfidenceBand::high;
    } else if (*band == "medium") {
      filter.confidence = store::ConfidenceBand::medium;
    } else if (*band == "low") {
      filter.confidence = store::ConfidenceBand::low;
    } else {
      throw http::bad_request("confidence must be high, medium or low.");
    }
  }
  return filter;
}

// Every filter field of the request and the dataset: a cursor is refused on any other list,
// where it would silently skip or repeat records.
uint64_t record_list_fingerprint(int64_t dataset_id, const store::RecordFilter& filter) {
  std::map<std::string, std::string> fields{{"dataset", std::to_string(dataset_id)}};
  if (filter.valid) fields["validity"] = *filter.valid ? "valid" : "invalid";
  if (filter.issue_code) fields["issue"] = *filter.issue_code;
  if (filter.origin) fields["origin"] = *filter.origin;
  if (filter.text_query) fields["q"] = *filter.text_query;
  if (filter.topic) fields["topic"] = *filter.topic;
  if (filter.confidence) {
    fields["confidence"] = std::to_string(static_cast<int>(*filter.confidence));
  }
  return util::query_fingerprint(fields);
}

}  // namespace

void register_record_routes(http::Router& router, AppContext& context) {
  router.add("GET", "/api/datasets/:id/records", [&context](http::Request& request) {
    auto dataset = require_dataset(context, request.path_id("id"));
    auto filter = record_filter(request);
    uint64_t fingerprint = record_list_fingerprint(dataset.id, filter);
    if (auto cursor = page_cursor(request.query, fingerprint, 1)) filter.after_id = cursor->after[0];
    auto page = context.store.list_records(dataset.id, filter);
    nlohmann::json items = nlohmann::json::array();
    for (const auto& record : page.items) items.push_back(record_json(record, false));
    nlohmann::json next_cursor = nullptr;
    if (page.more) next_cursor = util::encode_page_cursor({fingerprint, {page.items.back().id}});
    return http::Response::json(200, nlohmann::json{{"total", page.total},
                                                    {"total_exact", page.total_exact},
                                                    {"search_catching_up", page.search_catching_up},
                                                    {"next_cursor", next_cursor},
                                                    {"items", items}}
                                         .dump());
  });

  router.add("GET", "/api/datasets/:id/records/:rid", [&context](http::Request& request) {
    auto dataset = require_dataset(context, request.path_id("id"));
    auto record = context.store.get_record(dataset.id, request.path_id("rid"));
    if (!record) throw http::not_found("Record " + request.path_params["rid"] + " is not in this dataset.");
    return http::Response::json(200, record_json(*record, true).dump());
  });

  router.add("PUT", "/api/datasets/:id/records/:rid", [&context](http::Request& request) {
    auto dataset = require_dataset(context, request.path_id("id"));
    int64_t record_id = request.path_id("rid");
    auto existing = context.store.get_record(dataset.id, record_id);
    if (!existing) throw http::not_found("Record " + std::to_string(record_id) + " is not in this dataset.");
    auto line = record_line_from_body(std::move(request.body));
    auto validator = records::dataset_validator(dataset);
    // A generated record stays generated when a person edits it: it is still synthetic, and
    // the cap on the synthetic share counts it.
    auto origin = existing->origin == "generated" ? "generated" : "edited";
    auto rebuilt = records::build_record(validator, std::move(line), existing->line, origin);
    context.store.replace_record(dataset.id, record_id, rebuilt);
    return http::Response::json(200, record_json(*context.store.get_record(dataset.id, record_id), true).dump());
  });

  router.add("POST", "/api/datasets/:id/validate", [&context](http::Request& request) {
    auto dataset = require_dataset(context, request.path_id("id"));
    auto validator = records::dataset_validator(dataset);
    auto verdict = validator.validate(request.body);
    return http::Response::json(
        200, nlohmann::json{{"valid", verdict.valid},
                            {"issues", nlohmann::json::parse(health::issues_to_json(verdict.issues))},
                            {"token_count", verdict.token_count}}
                 .dump());
  });

  router.add("DELETE", "/api/datasets/:id/records/:rid", [&context](http::Request& request) {
    auto dataset = require_dataset(context, request.path_id("id"));
    int64_t record_id = request.path_id("rid");
    if (context.store.delete_records(dataset.id, std::span(&record_id, 1)) == 0) {
      throw http::not_found("Record " + std::to_string(record_id) + " is not in this dataset.");
    }
    return http::Response::no_content();
  });

  router.add("POST", "/api/datasets/:id/records/delete", [&context](http::Request& request) {
    auto dataset = require_dataset(context, request.path_id("id"));
    auto body = parse_json_body(request.body);
    if (!body.contains("ids") || !body["ids"].is_array()) {
      throw http::bad_request("'ids' must be an array of record ids.");
    }
    std::vector<int64_t> ids;
    for (const auto& id : body["ids"]) {
      if (!id.is_number_integer()) throw http::bad_request("'ids' must hold integers only.");
      ids.push_back(id.get<int64_t>());
    }
    int64_t deleted = context.store.delete_records(dataset.id, ids);
    return http::Response::json(200, nlohmann::json{{"deleted", deleted}}.dump());
  });
}

}  // namespace reinforge::api
