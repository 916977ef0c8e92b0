#include "steps/generation_planning.hpp"

#include <cmath>
#include <map>
#include <stdexcept>

#include "records/dataset_settings.hpp"

namespace reinforge::steps {

namespace {

using json = nlohmann::json;

// Instructions and the answer schema, in tokens: measured on the prompt generation_request
// builds (about 2,300 characters).
constexpr double kInstructionTokens = 650;

std::size_t size_option(const json& body, const char* key, std::size_t fallback, std::size_t most) {
  if (!body.contains(key)) return fallback;
  const auto& value = body[key];
  if (!value.is_number_integer() || value.get<int64_t>() < 1 ||
      value.get<int64_t>() > static_cast<int64_t>(most)) {
    throw std::invalid_argument(std::string(key) + " must be an integer from 1 to " +
                                std::to_string(most));
  }
  return value.get<std::size_t>();
}

double share_option(const json& body, const char* key, double fallback, double low, double high) {
  if (!body.contains(key)) return fallback;
  const auto& value = body[key];
  if (!value.is_number() || value.get<double>() < low || value.get<double>() > high) {
    char text[128];
    std::snprintf(text, sizeof text, "%s must be a number from %g to %g", key, low, high);
    throw std::invalid_argument(text);
  }
  return value.get<double>();
}

}  // namespace

GenerationRequest read_generation_request(const json& body) {
  if (!body.is_object()) throw std::invalid_argument("the body must be a JSON object");
  GenerationRequest request;
  if (body.contains("topics") && !body["topics"].is_null()) {
    if (!body["topics"].is_array())
      throw std::invalid_argument("topics must be a list of {\"topic\", \"count\"}");
    for (const auto& entry : body["topics"]) {
      if (!entry.is_object() || !entry.contains("topic") || !entry["topic"].is_string() ||
          !entry.contains("count") || !entry["count"].is_number_integer() ||
          entry["count"].get<int64_t>() < 0 || entry["count"].get<int64_t>() > 100000) {
        throw std::invalid_argument(
            "topics: each entry needs a \"topic\" id and a \"count\" from 0 to 100000");
      }
      if (entry["count"].get<int64_t>() > 0) {
        request.topics.emplace_back(entry["topic"].get<std::string>(),
                                    entry["count"].get<int64_t>());
      }
    }
    if (request.topics.empty()) throw std::invalid_argument("topics: ask for at least one record");
  }
  if (body.contains("model") && !body["model"].is_null()) {
    if (!body["model"].is_string()) throw std::invalid_argument("model must be a model name");
    request.model = body["model"].get<std::string>();
  }
  request.records_per_call = size_option(body, "records_per_call", request.records_per_call, 50);
  request.seeds_per_call = size_option(body, "seeds_per_call", request.seeds_per_call, 20);
  request.concurrency = size_option(body, "concurrency", request.concurrency, 64);
  request.max_synthetic_share =
      share_option(body, "max_synthetic_share", request.max_synthetic_share, 0, 1);
  request.duplicate_threshold =
      share_option(body, "duplicate_threshold", request.duplicate_threshold, 0.5, 1);
  request.min_confidence = share_option(body, "min_confidence", request.min_confidence, 0, 1);
  request.temperature = share_option(body, "temperature", request.temperature, 0, 2);
  if (body.contains("review")) {
    if (!body["review"].is_boolean()) throw std::invalid_argument("review must be true or false");
    request.review = body["review"].get<bool>();
  }
  if (body.contains("price") && !body["price"].is_null()) {
    const auto& price = body["price"];
    auto per_million = [&](const char* key) {
      if (!price.is_object() || !price.contains(key) || !price[key].is_number() ||
          price[key].get<double>() < 0) {
        throw std::invalid_argument(std::string("price.") + key +
                                    " must be a number ≥ 0 (US dollars per million tokens)");
      }
      return price[key].get<double>();
    };
    request.price =
        dryrun::TokenPrice{per_million("input_per_million"), per_million("output_per_million")};
  }
  return request;
}

json generation_request_json(const GenerationRequest& request) {
  json topics = json::array();
  for (const auto& [topic, count] : request.topics)
    topics.push_back({{"topic", topic}, {"count", count}});
  json body = {{"model", request.model},
               {"records_per_call", request.records_per_call},
               {"seeds_per_call", request.seeds_per_call},
               {"concurrency", request.concurrency},
               {"max_synthetic_share", request.max_synthetic_share},
               {"duplicate_threshold", request.duplicate_threshold},
               {"min_confidence", request.min_confidence},
               {"temperature", request.temperature},
               {"review", request.review}};
  if (!topics.empty()) body["topics"] = topics;  // none: every topic's fill
  if (request.price) {
    body["price"] = {{"input_per_million", request.price->input_per_million},
                     {"output_per_million", request.price->output_per_million}};
  }
  return body;
}

std::string generation_model(const GenerationRequest& request, const store::Dataset& dataset,
                             const JobModels& models) {
  std::string model = request.model;
  if (model.empty())
    model = records::settings_from_json(dataset.settings_json).generation_model.value_or("");
  if (model.empty()) {
    throw std::invalid_argument(
        "model: name the model that writes the records, or set the dataset's generation_model");
  }
  if (!models.serves(model)) {
    throw std::invalid_argument(
        "model: no provider serves the model '" + model +
        "'; add it to \"models\" in the server's config file or set a default provider");
  }
  return model;
}

namespace {

// The most records one review run can hold: a run is planned within the cap, far below this.
constexpr int64_t kMaxReviewRecords = 1'000'000;

// Generated records of review runs waiting for a person, per topic: the cap counts them as if
// accepted, or a second run could be planned into the room the first one's records will take.
std::map<std::string, int64_t> pending_by_topic(store::Store& store, int64_t dataset_id) {
  std::map<std::string, int64_t> pending;
  for (const auto& run : store.list_generation_runs(dataset_id)) {
    if (!run.review) continue;
    for (const auto& record :
         store.list_generated_records(run.id, "pending", 0, kMaxReviewRecords, nullptr))
      ++pending[record.topic];
  }
  return pending;
}

// The valid records of each topic and of the whole dataset, real and generated: what the cap on
// synthetic data is reckoned on, by the plan and by an accept alike.
struct RealAndGenerated {
  int64_t real = 0;
  int64_t generated = 0;
  void add(const store::TopicRecordCount& count) {
    (count.origin == "generated" ? generated : real) += count.count;
  }
};
struct SyntheticShare {
  std::map<std::string, RealAndGenerated> topics;
  RealAndGenerated dataset;
};
SyntheticShare synthetic_share(const DatasetCoverage& coverage) {
  SyntheticShare share;
  for (const auto& count : coverage.counts) {
    share.topics[count.topic].add(count);
    share.dataset.add(count);
  }
  return share;
}

}  // namespace

std::vector<bool> fit_under_synthetic_cap(store::Store& store, int64_t dataset_id, double cap,
                                          const std::vector<std::string>& topics) {
  auto share = synthetic_share(dataset_coverage(store, dataset_id));
  auto& dataset = share.dataset;
  std::vector<bool> fits;
  for (const auto& topic : topics) {
    auto& counts = share.topics[topic];
    bool room =
        generation::synthetic_room(dataset.real, dataset.generated, cap) > 0 &&
        (counts.real == 0 || generation::synthetic_room(counts.real, counts.generated, cap) > 0);
    fits.push_back(room);
    if (room) {
      ++counts.generated;
      ++dataset.generated;
    }
  }
  return fits;
}

GenerationPlanView plan_generation_request(store::Store& store, int64_t dataset_id,
                                           const GenerationRequest& request) {
  auto coverage = dataset_coverage(store, dataset_id);
  if (!coverage.has_topics)
    throw std::invalid_argument("define topics first (step 2): generation fills topics");
  std::vector<generation::TopicSupply> supplies;
  std::map<std::string, std::size_t> index_of;
  std::map<std::string, std::pair<int64_t, int64_t>> tokens;  // topic → (records, tokens)
  for (const auto& count : coverage.counts) {
    auto& [records, sum] = tokens[count.topic];
    records += count.count;
    sum += count.tokens;
  }
  auto pending = pending_by_topic(store, dataset_id);
  auto share = synthetic_share(coverage);
  std::vector<int64_t> waiting;  // per supply
  for (std::size_t i = 0; i < coverage.leaves.size(); ++i) {
    generation::TopicSupply supply;
    supply.topic_id = coverage.leaves[i]->id;
    supply.target = coverage.report.topics[i].target;
    supply.real = share.topics[supply.topic_id].real;
    supply.generated = share.topics[supply.topic_id].generated;
    waiting.push_back(pending[supply.topic_id]);
    supply.generated += waiting.back();
    index_of[supply.topic_id] = supplies.size();
    supplies.push_back(supply);
  }
  auto fill = generation::fill_to_targets(supplies);
  auto requested = request.topics;
  if (requested.empty()) {
    for (std::size_t i = 0; i < supplies.size(); ++i) {
      if (fill[i] > 0) requested.emplace_back(supplies[i].topic_id, fill[i]);
    }
  }
  for (const auto& [topic, count] : requested) {
    if (!index_of.count(topic))
      throw std::invalid_argument("topics: no leaf topic with id " + topic);
  }

  GenerationPlanView view;
  view.plan = generation::plan_generation(supplies, requested, request.max_synthetic_share);
  double prompt_tokens = 0;
  double completion_tokens = 0;
  int64_t calls = 0;
  for (const auto& planned : view.plan.topics) {
    auto i = index_of[planned.topic_id];
    const auto* leaf = coverage.leaves[i];
    TopicPlanFacts facts;
    facts.name = leaf->name;
    facts.pending = waiting[i];
    facts.records = supplies[i].real + supplies[i].generated - facts.pending;
    facts.generated = supplies[i].generated - facts.pending;
    facts.target = supplies[i].target;
    facts.fill = fill[i];
    auto [records, sum] = tokens[planned.topic_id];
    facts.mean_tokens =
        records > 0 ? static_cast<double>(sum) / static_cast<double>(records) : 60.0;
    int64_t topic_calls = (planned.allowed + static_cast<int64_t>(request.records_per_call) - 1) /
                          static_cast<int64_t>(request.records_per_call);
    calls += topic_calls;
    double seeds = static_cast<double>(
        std::min<int64_t>(facts.records, static_cast<int64_t>(request.seeds_per_call)));
    prompt_tokens +=
        static_cast<double>(topic_calls) * (kInstructionTokens + seeds * facts.mean_tokens);
    completion_tokens += static_cast<double>(planned.allowed) * facts.mean_tokens;
    if (planned.clipped_by == generation::CapReason::topic_cap) {
      view.notes.push_back(
          leaf->name + ": asked " + std::to_string(planned.requested) + ", clipped to " +
          std::to_string(planned.allowed) + " so generated records stay within " +
          std::to_string(static_cast<int>(std::lround(request.max_synthetic_share * 100))) +
          "% of the topic");
    } else if (planned.clipped_by == generation::CapReason::dataset_cap) {
      view.notes.push_back(
          leaf->name + ": asked " + std::to_string(planned.requested) + ", clipped to " +
          std::to_string(planned.allowed) + " so generated records stay within " +
          std::to_string(static_cast<int>(std::lround(request.max_synthetic_share * 100))) +
          "% of the dataset");
    }
    if (facts.pending > 0 && planned.requested > 0) {
      view.notes.push_back(leaf->name + ": " + std::to_string(facts.pending) +
                           " generated records wait for review; the cap counts them as accepted");
    }
    if (planned.no_real_examples && planned.allowed > 0) {
      view.notes.push_back(
          leaf->name +
          ": no real records to learn from; generated from its name and description, so "
          "all of its records would be synthetic");
    }
    view.facts.push_back(std::move(facts));
  }
  view.estimate = {
      {"calls", calls},
      {"prompt_tokens", static_cast<int64_t>(std::lround(prompt_tokens))},
      {"completion_tokens", static_cast<int64_t>(std::lround(completion_tokens))},
      {"cost_usd", nullptr},
      {"note",
       "assumes every record passes the gates; each rejected one costs a share of another call"}};
  if (request.price) {
    view.estimate["cost_usd"] = (prompt_tokens * request.price->input_per_million +
                                 completion_tokens * request.price->output_per_million) /
                                1e6;
  }
  return view;
}

json plan_json(const GenerationPlanView& view) {
  json topics = json::array();
  for (std::size_t i = 0; i < view.plan.topics.size(); ++i) {
    const auto& planned = view.plan.topics[i];
    const auto& facts = view.facts[i];
    topics.push_back({{"topic", planned.topic_id},
                      {"name", facts.name},
                      {"records", facts.records},
                      {"generated", facts.generated},
                      {"pending", facts.pending},
                      {"target_share", facts.target},
                      {"fill", facts.fill},
                      {"requested", planned.requested},
                      {"allowed", planned.allowed},
                      {"clipped_by", planned.clipped_by == generation::CapReason::none
                                         ? json(nullptr)
                                         : json(generation::to_string(planned.clipped_by))},
                      {"no_real_examples", planned.no_real_examples}});
  }
  return {{"topics", topics},
          {"requested", view.plan.requested},
          {"allowed", view.plan.allowed},
          {"dataset_room", view.plan.dataset_room},
          {"notes", view.notes},
          {"estimate", view.estimate}};
}

}  // namespace reinforge::steps
