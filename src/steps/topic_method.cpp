#include "steps/topic_method.hpp"

#include "topics/discovery.hpp"
#include "topics/llm_topic_labels.hpp"
#include "topics/offline_embedder.hpp"
#include "topics/provider_embedder.hpp"

namespace reinforge::steps {

namespace {

nlohmann::json or_null(const std::optional<std::string>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

std::string no_provider(const std::string& kind, const std::string& model) {
  return "no provider serves the " + kind + " model '" + model +
         "' (add it to \"models\" in the config file, or configure a default provider)";
}

}  // namespace

nlohmann::json TopicMethod::to_json() const {
  std::string fallback = embeddings_fallback;
  if (!labels_fallback.empty()) fallback += (fallback.empty() ? "" : "; ") + labels_fallback;
  return {{"embeddings", provider_embeddings ? "provider" : "lexical"},
          {"labels",
           llm_labels ? nlohmann::json(*llm_labels ? "llm" : "lexical") : nlohmann::json(nullptr)},
          {"fallback", fallback.empty() ? nlohmann::json(nullptr) : nlohmann::json(fallback)},
          {"embedding_model", or_null(embedding_model)},
          {"labeling_model", or_null(labeling_model)}};
}

std::string TopicMethod::summary() const {
  auto with_reason = [](std::string text, const std::string& why) {
    return why.empty() ? text : text + " (" + why + ")";
  };
  std::string text = with_reason(provider_embeddings
                                     ? "embeddings from " + embedding_model.value_or("the provider")
                                     : "offline embeddings",
                                 embeddings_fallback);
  if (llm_labels) {
    text += ", " + with_reason(*llm_labels ? "names by " + labeling_model.value_or("the LLM")
                                           : "keyword names",
                               labels_fallback);
  }
  return text;
}

void run_with_embedder(const JobModels& models, const records::TopicModelSettings& settings,
                       TopicMethod& method, const std::function<void(topics::Embedder&)>& work,
                       const std::function<void(const std::string& why)>& on_fallback) {
  method.embedding_model = settings.embedding_model;
  if (settings.embedding_model) {
    auto routes = models.routes(*settings.embedding_model);
    std::string why;
    if (routes.empty()) {
      why = no_provider("embedding", *settings.embedding_model);
    } else {
      // Only the model's own provider: vectors from a fallback model would not be comparable
      // with the ones already made, so a failure falls back to lexical instead.
      topics::ProviderEmbedder embedder(routes.front().provider, routes.front().upstream_model);
      try {
        work(embedder);
        method.provider_embeddings = true;
        return;
      } catch (const topics::EmbeddingProviderError& error) {
        why = "the embedding model '" + *settings.embedding_model + "' failed: " + error.what();
      }
    }
    method.embeddings_fallback = why;
    on_fallback(why);
  }
  topics::OfflineEmbedder embedder;
  work(embedder);
}

void label_topics(const JobModels& models, const records::TopicModelSettings& settings,
                  const std::string& objective, topics::TopicSet& set,
                  const std::map<std::string, std::vector<std::string>>& examples,
                  TopicMethod& method, const topics::WorkControl& control) {
  method.labeling_model = settings.labeling_model;
  method.llm_labels = false;
  if (!settings.labeling_model) return;
  std::vector<topics::ChatModel> chain;
  for (auto& route : models.routes(*settings.labeling_model))
    chain.push_back({route.provider, route.upstream_model});
  if (chain.empty()) {
    method.labels_fallback = no_provider("labeling", *settings.labeling_model);
    return;
  }
  topics::LlmLabelOptions options;
  options.objective = objective;
  auto outcome = topics::label_topics_with_llm(set, examples, chain, options, control);
  method.llm_labels = outcome.labelled > 0;
  if (outcome.kept_lexical > 0) {
    method.labels_fallback = outcome.labelled == 0
                                 ? "the labeling model '" + *settings.labeling_model +
                                       "' failed: " + outcome.first_failure
                                 : std::to_string(outcome.kept_lexical) + " of " +
                                       std::to_string(outcome.labelled + outcome.kept_lexical) +
                                       " topics kept keyword names: " + outcome.first_failure;
  }
}

std::string with_method(const std::string& method_json, const std::string& key,
                        const TopicMethod& method) {
  auto document = nlohmann::json::parse(method_json.empty() ? "{}" : method_json, nullptr, false);
  if (!document.is_object()) document = nlohmann::json::object();
  document[key] = method.to_json();
  return document.dump();
}

}  // namespace reinforge::steps
