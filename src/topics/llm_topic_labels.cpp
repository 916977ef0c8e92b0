#include "topics/llm_topic_labels.hpp"

#include <atomic>
#include <set>

#include "topics/parallel_rows.hpp"
#include "topics/provider_embedder.hpp"
#include "util/utf8.hpp"

namespace reinforge::topics {

namespace {

constexpr const char* kInstructions =
    "You name groups of similar requests that users sent to an AI assistant, for a person curating "
    "a "
    "training dataset. Given a group's distinctive terms and example requests, answer with a short "
    "name "
    "(2 to 5 words, sentence case, no quotes or numbering) and a one-line description (one "
    "sentence, under "
    "25 words) of what the requests in the group ask for.";

std::string trimmed(std::string_view text) {
  auto first = text.find_first_not_of(" \t\r\n\"'`");
  if (first == std::string_view::npos) return "";
  auto last = text.find_last_not_of(" \t\r\n\"'`");
  return std::string(text.substr(first, last - first + 1));
}

// Whitespace runs (newlines included) become one space, then the text is cut to `limit` bytes
// without splitting a UTF-8 character.
std::string one_line(std::string_view text, std::size_t limit) {
  std::string line;
  bool space = false;
  for (char c : text) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      space = !line.empty();
      continue;
    }
    if (space) line.push_back(' ');
    space = false;
    line.push_back(c);
  }
  return std::string(util::utf8_prefix(line, limit));
}

std::string joined(const std::vector<std::string>& words, std::size_t count) {
  std::string text;
  for (std::size_t i = 0; i < words.size() && i < count; ++i) text += (i ? ", " : "") + words[i];
  return text;
}

struct Job {
  Topic* topic;
  const Topic* parent;  // as labelled lexically, for context
};

struct Answer {
  TopicLabelAnswer label;
  bool unreachable = false;  // no model answered at all (not an unreadable answer)
};

Answer ask(const Job& job, std::span<const std::string> examples, std::span<const ChatModel> models,
           const LlmLabelOptions& options, const WorkControl& control) {
  Answer answer;
  auto request = topic_label_request(*job.topic, examples, job.parent, options);
  for (const auto& model : models) {
    request["model"] = model.model;
    auto result = model.provider->chat(request, providers::CallControl{control.cancel});
    if (!result.ok) {
      answer.label.error = result.error;  // the next model, if any, may answer
      continue;
    }
    answer.label = parse_topic_label(result.message, options);
    return answer;
  }
  answer.unreachable = true;
  if (models.empty()) answer.label.error = "no model to ask";
  return answer;
}

}  // namespace

TopicLabelAnswer parse_topic_label(const nlohmann::json& message, const LlmLabelOptions& options) {
  TopicLabelAnswer answer;
  if (message.contains("refusal") && message["refusal"].is_string() &&
      !message["refusal"].get<std::string>().empty()) {
    answer.error = "the model refused: " + one_line(message["refusal"].get<std::string>(), 200);
    return answer;
  }
  if (!message.contains("content") || !message["content"].is_string()) {
    answer.error = "the answer has no text content";
    return answer;
  }
  std::string content = message["content"].get<std::string>();
  // Models without structured output sometimes wrap the JSON in a Markdown fence.
  auto open = content.find('{');
  auto close = content.rfind('}');
  auto parsed = open == std::string::npos || close == std::string::npos || close < open
                    ? nlohmann::json()
                    : nlohmann::json::parse(content.substr(open, close - open + 1), nullptr, false);
  if (!parsed.is_object()) {
    answer.error = "the answer is not a JSON object: " + one_line(content, 120);
    return answer;
  }
  if (!parsed.contains("name") || !parsed["name"].is_string()) {
    answer.error = "the answer has no \"name\" string";
    return answer;
  }
  answer.name = one_line(trimmed(parsed["name"].get<std::string>()), options.max_name_chars);
  if (answer.name.empty()) {
    answer.error = "the answer's name is empty";
    return answer;
  }
  if (parsed.contains("description") && parsed["description"].is_string()) {
    answer.description =
        one_line(trimmed(parsed["description"].get<std::string>()), options.max_description_chars);
  }
  answer.ok = true;
  return answer;
}

nlohmann::json topic_label_request(const Topic& topic, std::span<const std::string> examples,
                                   const Topic* parent, const LlmLabelOptions& options) {
  std::string prompt;
  if (!options.objective.empty())
    prompt += "Dataset objective: " + one_line(options.objective, 500) + "\n";
  if (parent) {
    prompt += "This group is part of a larger one whose distinctive terms are: " +
              joined(parent->keywords, 8) + "\n";
  }
  prompt +=
      "Distinctive terms of this group, most distinctive first: " + joined(topic.keywords, 12) +
      "\n";
  prompt += "Example requests:\n";
  for (std::size_t i = 0; i < examples.size() && i < options.examples_per_topic; ++i) {
    prompt += std::to_string(i + 1) + ". " + one_line(examples[i], 300) + "\n";
  }
  nlohmann::json schema = {
      {"type", "object"},
      {"properties",
       {{"name", {{"type", "string"}, {"description", "2 to 5 words"}}},
        {"description", {{"type", "string"}, {"description", "one sentence"}}}}},
      {"required", {"name", "description"}},
      {"additionalProperties", false}};
  return {
      {"messages",
       {{{"role", "system"}, {"content", kInstructions}}, {{"role", "user"}, {"content", prompt}}}},
      {"temperature", 0},
      {"response_format",
       {{"type", "json_schema"},
        {"json_schema", {{"name", "topic_label"}, {"strict", true}, {"schema", schema}}}}}};
}

LlmLabelOutcome label_topics_with_llm(
    TopicSet& set, const std::map<std::string, std::vector<std::string>>& examples,
    std::span<const ChatModel> models, const LlmLabelOptions& options, const WorkControl& control) {
  std::vector<Job> jobs;
  for (auto& topic : set.topics) {
    jobs.push_back({&topic, nullptr});
    for (auto& child : topic.children) jobs.push_back({&child, &topic});
  }
  std::vector<Answer> answers(jobs.size());
  std::atomic<bool> unreachable{false};
  std::string unreachable_reason;
  unsigned concurrency = std::max(1u, options.concurrent_requests);
  for (std::size_t first = 0; first < jobs.size(); first += concurrency) {
    control.check_cancelled();
    std::size_t wave = std::min<std::size_t>(concurrency, jobs.size() - first);
    if (!unreachable) {
      parallel_rows(wave, concurrency, [&](std::size_t begin, std::size_t end, unsigned) {
        for (std::size_t j = first + begin; j < first + end; ++j) {
          auto found = examples.find(jobs[j].topic->id);
          std::span<const std::string> topic_examples =
              found != examples.end() ? std::span<const std::string>(found->second)
                                      : jobs[j].topic->examples;
          answers[j] = ask(jobs[j], topic_examples, models, options, control);
        }
      });
    }
    for (std::size_t j = first; j < first + wave; ++j) {
      if (answers[j].unreachable && !unreachable) {
        unreachable = true;
        unreachable_reason = answers[j].label.error;
      } else if (unreachable && !answers[j].label.ok && answers[j].label.error.empty()) {
        answers[j].label.error =
            "not asked after the model could not be reached: " + unreachable_reason;
      }
    }
    control.report(static_cast<double>(first + wave) / static_cast<double>(jobs.size()),
                   "naming topics");
  }

  // Names stay unique among siblings (the topic set requires it): a repeated one gets a number.
  // Kept keyword labels are reserved first so a model's name cannot take one of theirs.
  LlmLabelOutcome outcome;
  std::map<const Topic*, std::set<std::string>> names_under;  // by parent; nullptr: top level
  for (std::size_t j = 0; j < jobs.size(); ++j) {
    if (answers[j].label.ok) continue;
    names_under[jobs[j].parent].insert(jobs[j].topic->name);
    ++outcome.kept_lexical;
    if (outcome.first_failure.empty()) outcome.first_failure = answers[j].label.error;
  }
  for (std::size_t j = 0; j < jobs.size(); ++j) {
    const auto& label = answers[j].label;
    if (!label.ok) continue;
    auto& used = names_under[jobs[j].parent];
    std::string name = label.name;
    for (int n = 2; used.count(name); ++n) name = label.name + " (" + std::to_string(n) + ")";
    used.insert(name);
    jobs[j].topic->name = name;
    if (!label.description.empty()) jobs[j].topic->description = label.description;
    ++outcome.labelled;
  }
  return outcome;
}

}  // namespace reinforge::topics
