#pragma once
// How a topic job gets its vectors and its labels (PRODUCT.md §4): the dataset's embeddings and
// labeling models when set and reachable, otherwise the offline method, and a record of which
// was used and why a provider was not, for the job's result, its message and the topics
// document (the UI shows "lexical — provider failed: …").
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "records/dataset_settings.hpp"
#include "steps/job_models.hpp"
#include "topics/embedder.hpp"
#include "topics/topic_set.hpp"

namespace reinforge::steps {

struct TopicMethod {
  bool provider_embeddings = false;
  std::optional<bool> llm_labels;              // none: the job names nothing (categorization)
  std::optional<std::string> embedding_model;  // the settings' names, when set
  std::optional<std::string> labeling_model;
  // Why a provider was not (fully) used; "" when it was or none was set. Never holds a key
  // (providers/ scrubs its errors).
  std::string embeddings_fallback;
  std::string labels_fallback;

  // {"embeddings": "provider"|"lexical", "labels": "llm"|"lexical"|null, "fallback": "…"|null,
  //  "embedding_model": …, "labeling_model": …}; "lexical" embeddings are the offline ones
  //  (topics/offline_embedder.hpp: lexical vectors joined with word vectors), named so since
  //  before the word vectors joined them.
  nlohmann::json to_json() const;
  // For the job's message: "embeddings from M, names by L" or "offline embeddings (why), …".
  std::string summary() const;
};

// Runs `work` with the dataset's embeddings model; when none is set, no provider serves it, or
// the provider fails (no answer, an HTTP error after retries, wrong dimensions), runs it again
// with the lexical embedder and notes why in `method`. `on_fallback` is told before the rerun.
void run_with_embedder(const JobModels& models, const records::TopicModelSettings& settings,
                       TopicMethod& method, const std::function<void(topics::Embedder&)>& work,
                       const std::function<void(const std::string& why)>& on_fallback);

// Names the topics with the dataset's labeling model when one is set (topics whose answer fails
// keep their keyword label), and notes the outcome in `method`.
void label_topics(const JobModels& models, const records::TopicModelSettings& settings,
                  const std::string& objective, topics::TopicSet& set,
                  const std::map<std::string, std::vector<std::string>>& examples,
                  TopicMethod& method, const topics::WorkControl& control);

// Merges one job's method into the topics document's record of methods (store::DatasetTopics::
// method_json): `key` is "discovery" or "categorization".
std::string with_method(const std::string& method_json, const std::string& key,
                        const TopicMethod& method);

}  // namespace reinforge::steps
