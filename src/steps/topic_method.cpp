#include "steps/topic_method.hpp"

#include "topics/discovery.hpp"
#include "topics/lexical_embedder.hpp"
#include "topics/llm_topic_labels.hpp"
#include "topics/provider_embedder.hpp"

namespace reinforge::steps {

namespace {

nlohmann::json or_null(const std::optional<std::string>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

std::string no_provider(const std::string& model) {
  return "no provider serves the model '" + model +
         "' (add it to \"models\" in the config file, or configure a default provider)";
}

}  // namespace

nlohmann::json TopicMethod::to_json() const {
  std::string fallback;
  for (const auto& why : fallbacks) fallback += (fallback.empty() ? "" : "; ") + why;
  return {{"embeddings", provider_embeddings ? "provider" : "lexical"},
          {"labels", llm_labels ? nlohmann::json(*llm_labels ? "llm" : "lexical") : nlohmann::json(nullptr)},
          {"fallback", fallback.empty() ? nlohmann::json(nullptr) : nlohmann::json(fallback)},
          {"embedding_model", or_null(embedding_model)},
          {"labeling_model", or_null(labeling_model)}};
}

std::string TopicMethod::summary() const {
  std::string text = provider_embeddings ? "embeddings from " + embedding_model.value_or("the provider")
                                         : "lexical embeddings";
  if (llm_labels) text += *llm_labels ? ", names by " + labeling_model.value_or("the LLM") : ", keyword names";
  auto json = to_json();
  if (!json["fallback"].is_null()) text += " (" + json["fallback"].get<std::string>() + ")";
  return text;
}

void run_with_embedder(const JobModels& models, const records::TopicModelSettings& settings, TopicMethod& method,
                       const std::function<void(topics::Embedder&)>& work,
                       const std::function<void(const std::string& why)>& on_fallback) {
  method.embedding_model = settings.embedding_model;
  if (settings.embedding_model) {
    auto routes = models.routes(*settings.embedding_model);
    std::string why;
    if (routes.empty()) {
      why = no_provider(*settings.embedding_model);
    } else {
      // Only the model's own provider: vectors from a fallback model would not be comparable
      // with the ones already made, so a failure falls back to lexical instead.
      topics::ProviderEmbedder embedder(routes.front().provider, routes.front().upstream_model);
      try {
        work(embedder);
        method.provider_embeddings = true;
        return;
      } catch (const topics::EmbeddingProviderError& error) {
        why = error.what();
      }
    }
    method.fallbacks.push_back("lexical embeddings: " + why);
    on_fallback(why);
  }
  topics::LexicalEmbedder embedder(topics::default_lexical_options());
  work(embedder);
}

void label_topics(const JobModels& models, const records::TopicModelSettings& settings, const std::string& objective,
                  topics::TopicSet& set, const std::map<std::string, std::vector<std::string>>& examples,
                  TopicMethod& method, const topics::WorkControl& control) {
  method.labeling_model = settings.labeling_model;
  method.llm_labels = false;
  if (!settings.labeling_model) return;
  std::vector<topics::ChatModel> chain;
  for (auto& route : models.routes(*settings.labeling_model)) chain.push_back({route.provider, route.upstream_model});
  if (chain.empty()) {
    method.fallbacks.push_back("keyword names: " + no_provider(*settings.labeling_model));
    return;
  }
  topics::LlmLabelOptions options;
  options.objective = objective;
  auto outcome = topics::label_topics_with_llm(set, examples, chain, options, control);
  method.llm_labels = outcome.labelled > 0;
  if (outcome.kept_lexical > 0) {
    std::size_t total = outcome.labelled + outcome.kept_lexical;
    method.fallbacks.push_back(
        (outcome.labelled == 0 ? std::string("keyword names")
                               : std::to_string(outcome.kept_lexical) + " of " + std::to_string(total) +
                                     " topics kept keyword names") +
        ": " + outcome.first_failure);
  }
}

std::string with_method(const std::string& method_json, const std::string& key, const TopicMethod& method) {
  auto document = nlohmann::json::parse(method_json.empty() ? "{}" : method_json, nullptr, false);
  if (!document.is_object()) document = nlohmann::json::object();
  document[key] = method.to_json();
  return document.dump();
}

}  // namespace reinforge::steps
