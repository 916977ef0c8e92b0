#include "api/json_views.hpp"
#include "api/require.hpp"
#include "api/routes.hpp"
#include "coverage/dashboard.hpp"
#include "coverage/step_status.hpp"
#include "steps/dataset_coverage.hpp"

namespace reinforge::api {

namespace {

std::string_view band_name(store::ConfidenceBand band) {
  switch (band) {
    case store::ConfidenceBand::high: return "high";
    case store::ConfidenceBand::medium: return "medium";
    case store::ConfidenceBand::low: return "low";
  }
  return "low";
}

// Coverage (PRODUCT.md §5): per topic count, share, target, deficit; the balance score; the
// dashboard's confidence mix, sources and token lengths.
nlohmann::json coverage_json(AppContext& context, int64_t dataset_id) {
  // Every band, 0 when no record is in it: clients read the three without checking.
  const nlohmann::json kNoConfidence = {{"high", 0}, {"medium", 0}, {"low", 0}};
  auto covered = steps::dataset_coverage(context.store, dataset_id);
  std::map<std::string, nlohmann::json> mix;
  std::map<std::string, nlohmann::json> sources;
  for (const auto& count : covered.counts) {
    std::string topic = count.topic.empty() ? "uncategorized" : count.topic;
    if (count.band) {
      auto& entry = mix[topic];
      if (entry.is_null()) entry = kNoConfidence;
      std::string band(band_name(*count.band));
      entry[band] = entry[band].get<int64_t>() + count.count;
    }
    auto& origin = sources[topic];
    if (origin.is_null()) origin = nlohmann::json::object();
    origin[count.origin] = origin.value(count.origin, int64_t{0}) + count.count;
  }
  nlohmann::json topics = nlohmann::json::array();
  for (std::size_t i = 0; i < covered.report.topics.size(); ++i) {
    const auto& topic = covered.report.topics[i];
    topics.push_back(
        {{"id", topic.topic_id},
         {"name", covered.leaves[i]->name},
         {"records", topic.records},
         {"share", topic.share},
         {"target", topic.target},
         {"target_set", covered.leaves[i]->target_share.has_value()},
         {"deficit", std::max<int64_t>(0, topic.deficit)},
         {"confidence", mix.count(topic.topic_id) ? mix[topic.topic_id] : kNoConfidence},
         {"sources",
          sources.count(topic.topic_id) ? sources[topic.topic_id] : nlohmann::json::object()}});
  }
  nlohmann::json histogram = nlohmann::json::array();
  for (const auto& bucket : coverage::token_length_histogram(context.store.token_length_counts(dataset_id))) {
    histogram.push_back({{"from", bucket.from}, {"to", bucket.to}, {"records", bucket.records}});
  }
  const auto& score = covered.report.balance_score;
  return {{"topics", topics},
          {"categorized", covered.report.categorized_records},
          {"uncategorized", covered.report.uncategorized_records},
          {"balance_score", score ? nlohmann::json(*score) : nlohmann::json(nullptr)},
          {"balance_band", score ? nlohmann::json(coverage::to_string(coverage::balance_band(*score)))
                                 : nlohmann::json(nullptr)},
          {"worst_topic", covered.report.worst_topic_id},
          {"token_lengths", histogram}};
}

}  // namespace

void register_coverage_routes(http::Router& router, AppContext& context) {
  router.add("GET", "/api/datasets/:id/coverage", [&context](http::Request& request) {
    auto dataset = require_dataset(context, request.path_id("id"));
    return http::Response::json(200, coverage_json(context, dataset.id).dump());
  });

  // "Skip": the imbalance is acceptable; the step shows skipped until un-skipped.
  router.add("POST", "/api/datasets/:id/coverage/skip", [&context](http::Request& request) {
    auto dataset = require_dataset(context, request.path_id("id"));
    auto body = parse_json_body(request.body);
    bool skipped = body.value("skipped", true);
    context.store.put_step_state(dataset.id, "coverage", nlohmann::json{{"skipped", skipped}}.dump());
    return http::Response::json(200, dataset_json(context, dataset, true).dump());
  });
}

}  // namespace reinforge::api
