#pragma once
// Topic names and one-line descriptions written by a chat model (PRODUCT.md §4): per topic the
// model sees its distinctive terms and about ten example requests and answers, through
// response_format json_schema, {"name", "description"}. A topic whose answer fails or cannot
// be read keeps its keyword label; the outcome says how many and why.
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "providers/llm_provider.hpp"
#include "topics/progress.hpp"
#include "topics/topic_set.hpp"

namespace reinforge::topics {

// A chat model to ask: the provider and the model name it is sent. Several are tried in order
// (a configured model's fallbacks).
struct ChatModel {
  std::shared_ptr<const providers::LlmProvider> provider;
  std::string model;
};

struct LlmLabelOptions {
  std::size_t examples_per_topic = 10;
  std::size_t max_name_chars = 60;
  std::size_t max_description_chars = 200;
  unsigned concurrent_requests = 4;
  std::string objective;  // the dataset's objective, as context for the model
};

struct LlmLabelOutcome {
  std::size_t labelled = 0;      // topics named by the model
  std::size_t kept_lexical = 0;  // topics that kept their keyword label
  std::string first_failure;     // why the first of those did; "" when none
};

// The name and description the model answered, or why there is none.
struct TopicLabelAnswer {
  bool ok = false;
  std::string name;
  std::string description;
  std::string error;
};

// Reads a chat message's content as {"name", "description"}: JSON (a ```json fence is
// tolerated), a non-empty name, the description on one line, both cut to the limits.
TopicLabelAnswer parse_topic_label(const nlohmann::json& message, const LlmLabelOptions& options);

// The chat completion body sent for one topic (model set by the caller).
nlohmann::json topic_label_request(const Topic& topic, std::span<const std::string> examples,
                                   const Topic* parent, const LlmLabelOptions& options);

// Names every topic of `set` (sub-topics too). `examples` maps a topic id to requests of that
// topic, most typical first; topics without an entry use their own `examples`. After a failure
// to reach the model (as opposed to an unreadable answer) the remaining topics are not asked.
LlmLabelOutcome label_topics_with_llm(
    TopicSet& set, const std::map<std::string, std::vector<std::string>>& examples,
    std::span<const ChatModel> models, const LlmLabelOptions& options,
    const WorkControl& control = {});

}  // namespace reinforge::topics
