// `reinforge topics discover | categorize | templates`: the topics library on a JSONL file.
#include <fstream>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/arguments.hpp"
#include "cli/commands.hpp"
#include "cli/stored_dataset.hpp"
#include "health/record_validator.hpp"
#include "records/line_reader.hpp"
#include "topics/categorizer.hpp"
#include "topics/discovery.hpp"
#include "topics/offline_embedder.hpp"
#include "topics/topic_set_json.hpp"
#include "topics/topic_templates.hpp"
#include "topics/user_text.hpp"

namespace reinforge::cli {

namespace {

// The user text of each valid record, and for every input line the index of its text (or -1).
struct RecordTexts {
  std::vector<std::string> texts;
  std::vector<long long> text_of_line;
};

RecordTexts read_record_texts(const std::string& file) {
  if (!std::filesystem::exists(file)) throw std::runtime_error(file + ": no such file");
  records::LineReader reader(file);
  health::RecordValidator validator;
  RecordTexts result;
  std::string_view line;
  while (reader.next(line)) {
    long long index = -1;
    if (validator.validate(line).valid) {
      if (auto text = topics::user_text_of_record(line)) {
        index = static_cast<long long>(result.texts.size());
        result.texts.push_back(std::move(*text));
      }
    }
    result.text_of_line.push_back(index);
  }
  return result;
}

void print_assignments(const RecordTexts& records, const std::vector<std::string>& topic_of_text,
                       const std::vector<float>& confidence, bool json) {
  std::ostringstream out;
  for (std::size_t line = 0; line < records.text_of_line.size(); ++line) {
    auto index = records.text_of_line[line];
    bool has_topic = index >= 0 && !topic_of_text[index].empty();
    if (json) {
      nlohmann::json row = {{"line", line + 1}};
      row["topic"] = has_topic ? nlohmann::json(topic_of_text[index]) : nlohmann::json(nullptr);
      row["confidence"] = has_topic ? std::round(confidence[index] * 10000) / 10000 : 0.0;
      out << row.dump() << "\n";
    } else {
      out << line + 1 << "\t" << (has_topic ? topic_of_text[index] : "-") << "\t" << std::fixed
          << std::setprecision(3) << (has_topic ? confidence[index] : 0.0f) << "\n";
    }
  }
  std::cout << out.str();
}

void add_record_counts(nlohmann::json& topics, const std::map<std::string, std::size_t>& counts) {
  for (auto& topic : topics) {
    auto it = counts.find(topic["id"].get<std::string>());
    topic["records"] = it == counts.end() ? 0 : it->second;
    add_record_counts(topic["children"], counts);
  }
}

void write_topic_list(const nlohmann::json& document, const std::optional<std::string>& path) {
  if (path) {
    std::ofstream out(*path);
    if (!out) throw std::runtime_error(*path + ": cannot write");
    out << document.dump(2) << "\n";
    return;
  }
  std::function<void(const nlohmann::json&, int)> print = [&](const nlohmann::json& topics, int depth) {
    for (const auto& topic : topics) {
      std::cerr << std::string(depth * 2, ' ') << topic["id"].get<std::string>() << "  "
                << topic["name"].get<std::string>() << "  (" << topic.value("records", 0) << " records)  keywords:";
      for (const auto& keyword : topic["keywords"]) std::cerr << " " << keyword.get<std::string>();
      std::cerr << "\n";
      print(topic["children"], depth + 1);
    }
  };
  print(document["topics"], 0);
}

std::map<std::string, std::size_t> count_per_topic(const std::vector<std::string>& topic_of_text) {
  std::map<std::string, std::size_t> counts;
  for (const auto& topic : topic_of_text) {
    if (!topic.empty()) ++counts[topic];
  }
  return counts;
}

int discover(const Arguments& arguments) {
  if (arguments.positionals().size() != 2) throw UsageError("give exactly one FILE.jsonl");
  bool json = arguments.option_or("format", "text") == "json";
  auto records = read_record_texts(arguments.positionals()[1]);
  topics::DiscoveryOptions options;
  if (auto k = arguments.positive_integer_option("k")) {
    options.topics = static_cast<int>(*k);
  }
  options.subtopics = !arguments.flag("no-subtopics");
  topics::OfflineEmbedder embedder;
  auto result = topics::discover_topics(records.texts, embedder, options);
  print_assignments(records, result.topic_of_record, result.confidence, json);
  auto document = topics::topic_set_to_json(result.topics);
  add_record_counts(document["topics"], result.records_per_topic);
  if (!options.topics) {
    document["chosen_by"] = {{"criterion", "silhouette"}, {"topics", result.count_choice.clusters},
                             {"silhouette", result.count_choice.silhouette}};
  }
  write_topic_list(document, arguments.option("topics-out"));
  return 0;
}

int categorize(const Arguments& arguments) {
  if (arguments.positionals().size() != 2) throw UsageError("give exactly one FILE.jsonl");
  auto topics_path = arguments.option("topics");
  if (!topics_path) throw UsageError("--topics TOPICS.json is required");
  std::ifstream in(*topics_path);
  if (!in) throw std::runtime_error(*topics_path + ": cannot read");
  std::stringstream buffer;
  buffer << in.rdbuf();
  topics::TopicSet set;
  try {
    set = topics::parse_topic_set(buffer.str());
  } catch (const topics::TopicSetError& error) {
    throw std::runtime_error(*topics_path + ": " + error.what());
  }
  if (topics::leaf_topics(set).empty()) throw std::runtime_error(*topics_path + ": the topic set has no topic");
  bool json = arguments.option_or("format", "text") == "json";
  auto records = read_record_texts(arguments.positionals()[1]);
  topics::OfflineEmbedder embedder;
  auto result = topics::categorize_records(records.texts, set, embedder, {});
  std::vector<std::string> topic_of_text(records.texts.size());
  std::vector<float> confidence(records.texts.size());
  for (std::size_t i = 0; i < records.texts.size(); ++i) {
    const auto& assignment = result.assignments[i];
    if (assignment.leaf >= 0) topic_of_text[i] = result.leaf_ids[assignment.leaf];
    confidence[i] = assignment.confidence;
  }
  print_assignments(records, topic_of_text, confidence, json);
  auto document = topics::topic_set_to_json(set);
  add_record_counts(document["topics"], count_per_topic(topic_of_text));
  write_topic_list(document, arguments.option("topics-out"));
  return 0;
}

int templates(const Arguments& arguments) {
  if (arguments.positionals().size() == 1) {
    for (const auto& entry : topics::topic_templates()) {
      std::cout << entry.id << "\t" << entry.name << " — " << entry.description << "\n";
    }
    return 0;
  }
  const auto* entry = topics::find_topic_template(arguments.positionals()[1]);
  if (!entry) throw UsageError("no template '" + arguments.positionals()[1] + "' (run `reinforge topics templates`)");
  std::cout << topics::topic_set_to_json(entry->topics).dump(2) << "\n";
  return 0;
}

}  // namespace

int run_topics_command(const std::vector<std::string>& args) {
  Arguments arguments(args, {"no-subtopics"});
  arguments.reject_unknown({"k", "format", "topics", "topics-out", "no-subtopics"});
  if (arguments.positionals().empty()) throw UsageError("give a subcommand: discover, categorize or templates");
  auto format = text_or_json_format(arguments);
  const auto& subcommand = arguments.positionals()[0];
  if (subcommand == "discover") return discover(arguments);
  if (subcommand == "categorize") return categorize(arguments);
  if (subcommand == "templates") return templates(arguments);
  throw UsageError("unknown subcommand '" + subcommand + "'");
}

}  // namespace reinforge::cli
