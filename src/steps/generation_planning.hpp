#pragma once
// What a generation run is asked to do (PRODUCT.md §5, docs/generation.md): the request read
// from the API or the CLI, checked; the plan per topic (the records each lacks, clipped by the
// synthetic cap); and the estimate of calls, tokens and cost shown before anything is spent.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "dryrun/dry_run_statistics.hpp"
#include "generation/generation_plan.hpp"
#include "steps/dataset_coverage.hpp"
#include "steps/job_models.hpp"
#include "store/store.hpp"

namespace reinforge::steps {

struct GenerationRequest {
  std::vector<std::pair<std::string, int64_t>> topics;  // empty: every topic's fill
  std::string model;                                    // "" → the dataset's generation_model
  std::size_t records_per_call = 5;
  std::size_t seeds_per_call = 3;
  std::size_t concurrency = 4;
  double max_synthetic_share = generation::kDefaultSyntheticCap;
  double duplicate_threshold = 0.85;  // docs/generation.md: chosen on CLINC150
  double min_confidence = 0.7;
  double temperature = 1.0;
  bool review = false;  // accepted records wait for a person before they join the dataset
  std::optional<dryrun::TokenPrice> price;
};

// Reads {"topics": [{"topic", "count"}], "model", "records_per_call", "seeds_per_call",
// "concurrency", "max_synthetic_share", "duplicate_threshold", "min_confidence", "temperature",
// "review", "price": {"input_per_million", "output_per_million"}}; throws std::invalid_argument
// naming the field.
GenerationRequest read_generation_request(const nlohmann::json& body);
nlohmann::json generation_request_json(const GenerationRequest& request);

// The model the run calls: the request's, else the dataset's generation_model; throws
// std::invalid_argument when there is none or no provider serves it.
std::string generation_model(const GenerationRequest& request, const store::Dataset& dataset,
                             const JobModels& models);

struct TopicPlanFacts {
  std::string name;
  int64_t records = 0;  // valid records of the topic now
  int64_t generated = 0;
  int64_t pending = 0;  // generated records of review runs waiting for a person
  double target = 0;
  int64_t fill = 0;  // records that bring it to its target
  double mean_tokens = 0;
};

struct GenerationPlanView {
  generation::GenerationPlan plan;
  std::vector<TopicPlanFacts> facts;  // one per plan topic, same order
  std::vector<std::string> notes;     // said to the person: clipping, topics without examples
  nlohmann::json estimate;            // calls, tokens, cost
};

// Reads the dataset's coverage and plans the request. Throws std::invalid_argument for an
// unknown topic or a dataset without topics.
GenerationPlanView plan_generation_request(store::Store& store, int64_t dataset_id,
                                           const GenerationRequest& request);
nlohmann::json plan_json(const GenerationPlanView& view);

// Which records of a review can join the dataset under the cap on synthetic data: given each
// record's topic, in the order they would join, whether it fits with the dataset's valid records
// now (a topic and the dataset each keep generated records ≤ cap; a topic without real records
// only the dataset's). Accepting must not undo what the plan clipped.
std::vector<bool> fit_under_synthetic_cap(store::Store& store, int64_t dataset_id, double cap,
                                          const std::vector<std::string>& topics);

}  // namespace reinforge::steps
