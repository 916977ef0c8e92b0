#include "steps/split_topic_job.hpp"

#include <nlohmann/json.hpp>

#include "topics/discovery.hpp"
#include "topics/hierarchy_edits.hpp"
#include "topics/offline_embedder.hpp"
#include "topics/topic_set_json.hpp"
#include "topics/user_text.hpp"

namespace reinforge::steps {

using namespace topics;

namespace {

struct TopicRecords {
  std::vector<int64_t> ids;
  std::vector<std::string> texts;
};

// The valid records of one topic that have user text (the others cannot be clustered, and a
// record with no user text was never given a topic by categorization).
TopicRecords load_topic_records(store::Store& store, int64_t dataset_id, const std::string& topic_id) {
  TopicRecords loaded;
  store.for_each_record_for_topics(dataset_id, false, [&](const auto& page) {
    for (const auto& record : page) {
      if (record.topic != topic_id) continue;
      auto text = user_text_of_record(record.text);
      if (!text || text->empty()) continue;
      loaded.ids.push_back(record.id);
      loaded.texts.push_back(std::move(*text));
    }
    return true;
  });
  return loaded;
}

std::string split(jobs::JobContext& context) {
  int64_t dataset_id = context.job().dataset_id.value_or(0);
  if (!context.store().find_dataset(dataset_id)) throw std::runtime_error("the dataset was deleted");
  auto params = nlohmann::json::parse(context.job().params_json);
  std::string topic_id = params.at("topic").get<std::string>();
  SplitOptions options;
  if (params.contains("parts") && params["parts"].is_number_integer()) options.parts = params["parts"].get<int>();

  context.progress(0, 1000, "Reading the topic's records");
  auto loaded = load_topic_records(context.store(), dataset_id, topic_id);
  WorkControl control;
  control.on_progress = [&context](double fraction, std::string_view phase) {
    context.progress(static_cast<int64_t>(50 + 850 * fraction), 1000, std::string(phase));
    context.check_cancelled();
  };
  OfflineEmbedder embedder;
  TopicSplit parts;
  try {
    parts = cluster_topic_texts(loaded.texts, embedder, options, control);
  } catch (const TopicSetError& error) {
    throw std::runtime_error(error.what());
  }

  // Applied to the hierarchy as saved now: the user may have edited it while this ran.
  auto stored = context.store().get_topics(dataset_id);
  if (!stored) throw std::runtime_error("the dataset's topics were removed while splitting");
  auto set = parse_topic_set(stored->topic_set_json);
  const Topic* topic = find_topic(set, topic_id);
  if (!topic || !topic->children.empty()) {
    throw std::runtime_error("topic '" + topic_id + "' was deleted or given sub-topics while splitting");
  }
  std::vector<std::string> part_ids;
  try {
    part_ids = attach_split(set, topic_id, parts);
  } catch (const TopicSetError& error) {
    throw std::runtime_error(error.what());
  }

  // A record a person put in the topic stays a person's choice, now of the part it falls in, so
  // re-categorization keeps it inside the topic they chose (the store keeps the manual flag). A
  // record moved elsewhere while this ran stays where it was moved.
  store::TopicEdit edit{{topic_set_to_json(set).dump(), "manual", 0}, {}, {}, topic_id, {}};
  for (std::size_t i = 0; i < loaded.ids.size(); ++i) {
    edit.reassigned.push_back({loaded.ids[i], part_ids[static_cast<std::size_t>(parts.part_of_text[i])],
                               static_cast<double>(parts.confidence[i])});
  }
  context.progress(950, 1000, "Saving the sub-topics");
  context.store().apply_topic_edit(dataset_id, edit);

  nlohmann::json result_parts = nlohmann::json::array();
  for (std::size_t k = 0; k < part_ids.size(); ++k) {
    result_parts.push_back({{"id", part_ids[k]}, {"name", find_topic(set, part_ids[k])->name},
                            {"records", parts.records_per_part[k]}});
  }
  return nlohmann::json{{"topic", topic_id}, {"parts", result_parts}, {"records", loaded.ids.size()}}.dump();
}

}  // namespace

void register_split_topic_job(jobs::JobRunner& runner) { runner.register_kind(kSplitTopicJob, split); }

store::Job submit_split_topic(jobs::JobRunner& runner, int64_t dataset_id, const std::string& topic_id,
                              std::optional<int> parts) {
  nlohmann::json params{{"topic", topic_id}, {"parts", parts ? nlohmann::json(*parts) : nlohmann::json(nullptr)}};
  return runner.submit(kSplitTopicJob, dataset_id, params.dump(), "Splitting a topic");
}

}  // namespace reinforge::steps
