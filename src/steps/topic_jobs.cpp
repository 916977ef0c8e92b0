#include "steps/topic_jobs.hpp"

#include <nlohmann/json.hpp>
#include <unordered_map>

#include "records/dataset_settings.hpp"
#include "steps/topic_method.hpp"
#include "topics/categorizer.hpp"
#include "topics/discovery.hpp"
#include "topics/topic_set_json.hpp"
#include "topics/user_text.hpp"

namespace reinforge::steps {

using namespace topics;

namespace {

struct DatasetTexts {
  std::vector<int64_t> record_ids;
  std::vector<std::string> texts;
  std::vector<char> had_topic;  // per text: the record had a topic when it was read
  // Valid records with no user text to embed (only images, empty content).
  std::vector<int64_t> textless_record_ids;
};

// The user text of every valid record (`unlabeled_only`: of those without a topic).
DatasetTexts load_texts(store::Store& store, int64_t dataset_id, bool unlabeled_only) {
  DatasetTexts loaded;
  store.for_each_record_for_topics(dataset_id, unlabeled_only, [&](const auto& page) {
    for (const auto& record : page) {
      auto text = user_text_of_record(record.text);
      if (!text || text->empty()) {
        if (!record.topic) loaded.textless_record_ids.push_back(record.id);
        continue;
      }
      loaded.record_ids.push_back(record.id);
      loaded.texts.push_back(std::move(*text));
      loaded.had_topic.push_back(record.topic.has_value());
    }
    return true;
  });
  return loaded;
}

// Keeps only the records that had no topic, with their assignments.
void keep_unlabeled(DatasetTexts& loaded, std::vector<std::string>& topic_of_record, std::vector<float>& confidence) {
  std::size_t kept = 0;
  for (std::size_t i = 0; i < loaded.record_ids.size(); ++i) {
    if (loaded.had_topic[i]) continue;
    loaded.record_ids[kept] = loaded.record_ids[i];
    topic_of_record[kept] = std::move(topic_of_record[i]);
    confidence[kept] = confidence[i];
    ++kept;
  }
  loaded.record_ids.resize(kept);
  loaded.texts.clear();
  loaded.had_topic.assign(kept, 0);
  topic_of_record.resize(kept);
  confidence.resize(kept);
}

std::string first_leaf_id(const TopicSet& set) {
  auto leaves = leaf_topics(set);
  return leaves.empty() ? std::string() : leaves.front()->id;
}

// Where a record goes that nothing could place (no user text, no known word): the topic most
// records of this run went to, or the first one ("" when there are no topics).
std::string fallback_topic(const std::vector<std::string>& topic_of_record,
                           const std::string& first_leaf) {
  std::unordered_map<std::string_view, std::size_t> counts;
  std::string_view best = first_leaf;
  std::size_t best_count = 0;
  for (const auto& topic : topic_of_record) {
    if (topic.empty()) continue;
    auto count = ++counts[topic];
    if (count > best_count) best = topic, best_count = count;
  }
  return std::string(best);
}

// Progress from topics/ goes to the job row; a cancel raised there stops the work.
WorkControl job_control(jobs::JobContext& context, double from, double to) {
  WorkControl control;
  control.on_progress = [&context, from, to](double fraction, std::string_view phase) {
    context.progress(static_cast<int64_t>(1000 * (from + (to - from) * fraction)), 1000,
                     std::string(phase));
    context.check_cancelled();
  };
  return control;
}

// Every valid record gets a topic (PRODUCT.md §4). One that nothing could place gets the fallback
// topic with confidence 0: it shows in the low-confidence review for a person to decide, and
// "re-categorize unlabeled" is not left with records it can never label.
void save_assignments(jobs::JobContext& context, int64_t dataset_id, const DatasetTexts& loaded,
                      const std::vector<std::string>& topic_of_record,
                      const std::vector<float>& confidence, const std::string& first_leaf) {
  const std::string fallback = fallback_topic(topic_of_record, first_leaf);
  std::vector<store::TopicAssignment> batch;
  if (!fallback.empty()) {
    for (int64_t record_id : loaded.textless_record_ids)
      batch.push_back({record_id, fallback, 0.0});
  }
  for (std::size_t i = 0; i < loaded.record_ids.size(); ++i) {
    if (topic_of_record[i].empty()) {
      if (!fallback.empty()) batch.push_back({loaded.record_ids[i], fallback, 0.0});
    } else {
      batch.push_back(
          {loaded.record_ids[i], topic_of_record[i], static_cast<double>(confidence[i])});
    }
    if (batch.size() == 5000 || i + 1 == loaded.record_ids.size()) {
      context.store().assign_topics(dataset_id, batch, false);
      context.progress(
          900 + 100 * static_cast<int64_t>(i + 1) / static_cast<int64_t>(loaded.record_ids.size()),
          1000, "Saving assignments");
      batch.clear();
    }
  }
  if (!batch.empty()) context.store().assign_topics(dataset_id, batch, false);
}

store::Dataset require_dataset(jobs::JobContext& context) {
  auto dataset = context.store().find_dataset(context.job().dataset_id.value_or(0));
  if (!dataset) throw std::runtime_error("the dataset was deleted");
  return *dataset;
}

std::string with_thousands(std::size_t count) {
  auto digits = std::to_string(count);
  std::string grouped;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped.push_back(',');
    grouped.push_back(digits[i]);
  }
  return grouped;
}

void tell_fallback(jobs::JobContext& context, const std::string& why) {
  context.progress(50, 1000, "Using offline embeddings: " + why);
}

std::string categorize(jobs::JobContext& context, const JobModels& models, bool unlabeled_only);

std::string discover(jobs::JobContext& context, const JobModels& models) {
  auto dataset = require_dataset(context);
  int64_t dataset_id = dataset.id;
  auto params = nlohmann::json::parse(context.job().params_json);
  // Started by an import ("Create & start"): topics a person defined in the meantime are kept
  // and only the new records are placed in them.
  if (params.value("automatic", false)) {
    auto stored = context.store().get_topics(dataset_id);
    if (stored && !leaf_topics(parse_topic_set(stored->topic_set_json)).empty()) {
      return categorize(context, models, true);
    }
  }
  context.progress(0, 1000, "Reading records");
  auto loaded = load_texts(context.store(), dataset_id, false);
  if (loaded.texts.size() < 3) {
    if (params.value("automatic", false)) {
      context.progress(
          1000, 1000,
          "Too few records to discover topics automatically; define them or import more");
      return nlohmann::json{{"topics", 0}, {"categorized", 0}}.dump();
    }
    throw std::runtime_error(
        "discovery needs at least 3 valid records with user text; this dataset has " +
        std::to_string(loaded.texts.size()));
  }
  DiscoveryOptions options;
  if (params.contains("topics") && params["topics"].is_number_integer())
    options.topics = params["topics"].get<int>();
  auto settings = records::settings_from_json(dataset.settings_json).topic_models;
  TopicMethod method;
  DiscoveryResult result;
  run_with_embedder(
      models, settings, method,
      [&](Embedder& embedder) {
        result = discover_topics(loaded.texts, embedder, options, job_control(context, 0.05, 0.85));
      },
      [&](const std::string& why) { tell_fallback(context, why); });
  label_topics(models, settings, dataset.objective, result.topics, result.labelling_examples,
               method, job_control(context, 0.85, 0.9));

  // The records were categorized by the same vectors, so both entries describe this run.
  TopicMethod categorization = method;
  categorization.llm_labels.reset();
  std::string method_json =
      with_method(with_method("{}", "discovery", method), "categorization", categorization);
  context.store().put_topics(
      dataset_id, {topic_set_to_json(result.topics).dump(), "auto", 0, method_json}, true);
  save_assignments(context, dataset_id, loaded, result.topic_of_record, result.confidence,
                   first_leaf_id(result.topics));
  auto leaves = leaf_topics(result.topics).size();
  context.progress(1000, 1000,
                   std::to_string(leaves) + " topics from " + with_thousands(loaded.texts.size()) +
                       " records; " + method.summary());
  auto answer = method.to_json();
  answer["topics"] = leaves;
  answer["categorized"] = loaded.texts.size();
  return answer.dump();
}

std::string categorize(jobs::JobContext& context, const JobModels& models, bool unlabeled_only) {
  auto dataset = require_dataset(context);
  int64_t dataset_id = dataset.id;
  auto stored = context.store().get_topics(dataset_id);
  if (!stored)
    throw std::runtime_error("define topics first (auto-generate, a template, or by hand)");
  auto topic_set = parse_topic_set(stored->topic_set_json);
  if (leaf_topics(topic_set).empty()) throw std::runtime_error("the topic set has no topics");
  auto settings = records::settings_from_json(dataset.settings_json).topic_models;
  context.progress(0, 1000, "Reading records");
  // Lexical embeddings are fitted on what they embed: for "categorize unlabeled" they still fit
  // and embed every record, so 20 new records are placed as a full run would place them (fitted
  // on those 20 alone they had a handful of dimensions). A provider's embeddings need no fit and
  // cost per text: only the unlabeled records are sent.
  bool embed_everything = !unlabeled_only || !settings.embedding_model;
  auto loaded = load_texts(context.store(), dataset_id, !embed_everything);
  TopicMethod method;
  method.embedding_model = settings.embedding_model;
  if (loaded.texts.empty()) {
    save_assignments(context, dataset_id, loaded, {}, {}, first_leaf_id(topic_set));
    auto answer = method.to_json();
    answer["categorized"] = loaded.textless_record_ids.size();
    return answer.dump();
  }
  Categorization result;
  run_with_embedder(
      models, settings, method,
      [&](Embedder& embedder) {
        result = categorize_records(loaded.texts, topic_set, embedder, CategorizeOptions{},
                                    job_control(context, 0.05, 0.9));
      },
      [&](const std::string& why) { tell_fallback(context, why); });
  std::vector<std::string> topic_of_record(loaded.texts.size());
  std::vector<float> confidence(loaded.texts.size());
  for (std::size_t i = 0; i < result.assignments.size(); ++i) {
    const auto& assignment = result.assignments[i];
    if (assignment.leaf >= 0)
      topic_of_record[i] = result.leaf_ids[static_cast<std::size_t>(assignment.leaf)];
    confidence[i] = assignment.confidence;
  }
  if (unlabeled_only) keep_unlabeled(loaded, topic_of_record, confidence);
  save_assignments(context, dataset_id, loaded, topic_of_record, confidence,
                   first_leaf_id(topic_set));
  if (auto saved = context.store().get_topics(dataset_id)) {
    context.store().put_topics_method(dataset_id,
                                      with_method(saved->method_json, "categorization", method));
  }
  std::size_t categorized = loaded.record_ids.size() + loaded.textless_record_ids.size();
  context.progress(1000, 1000,
                   "Categorized " + with_thousands(categorized) + " records; " + method.summary());
  auto answer = method.to_json();
  answer["categorized"] = categorized;
  return answer.dump();
}

}  // namespace

void register_topic_jobs(jobs::JobRunner& runner, const JobModels& models) {
  runner.register_kind(
      kDiscoverTopicsJob,
      [&models](jobs::JobContext& context) { return discover(context, models); });
  runner.register_kind(
      kCategorizeJob,
      [&models](jobs::JobContext& context) {
        auto params = nlohmann::json::parse(context.job().params_json);
        return categorize(context, models, params.value("unlabeled_only", false));
      });
}

store::Job submit_discover_topics(jobs::JobRunner& runner, int64_t dataset_id,
                                  std::optional<int> topic_count) {
  nlohmann::json params = nlohmann::json::object();
  if (topic_count) params["topics"] = *topic_count;
  return runner.submit(kDiscoverTopicsJob, dataset_id, params.dump(), "Discovering topics");
}

jobs::FollowUpJob automatic_topics_step() {
  return {kDiscoverTopicsJob, nlohmann::json{{"automatic", true}}.dump(), "Finding topics"};
}

store::Job submit_categorize(jobs::JobRunner& runner, int64_t dataset_id, bool unlabeled_only) {
  return runner.submit(kCategorizeJob, dataset_id,
                       nlohmann::json{{"unlabeled_only", unlabeled_only}}.dump(),
                       unlabeled_only ? "Categorizing unlabeled records" : "Categorizing records");
}

}  // namespace reinforge::steps
