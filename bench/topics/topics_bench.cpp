// Topic discovery on 100,000 records and categorization of 1,000,000 (the goals of issue #5:
// under 15 s and under 10 s on 2 cores), with peak memory. Texts are CLINC150's real user
// requests (every split, out-of-scope included), varied so no two records are identical.
// Times are also given as ratios to a baseline measured in the same run: one single-threaded
// pass of feature hashing over the same texts, the least any lexical method must do. Each text
// keeps its CLINC intent, so the run also says how well topics and assignments agree with the
// 150 intents (NMI): a speed-up that costs quality shows here.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "topics/categorizer.hpp"
#include "topics/cluster_agreement.hpp"
#include "topics/discovery.hpp"
#include "topics/offline_embedder.hpp"
#include "topics/text_features.hpp"

namespace {

using namespace reinforge::topics;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// User + system CPU seconds of the whole process: on a shared machine wall time includes
// waiting for a core, CPU time does not.
double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

double peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

struct LabelledTexts {
  std::vector<std::string> texts;
  std::vector<int> intents;  // one per text
};

LabelledTexts clinc_texts(const std::string& path) {
  std::ifstream file(path);
  if (!file) throw std::runtime_error(path + ": not found");
  auto data = nlohmann::json::parse(file);
  LabelledTexts labelled;
  std::map<std::string, int> intent_ids;
  for (auto& [split, examples] : data.items()) {
    for (const auto& example : examples) {
      labelled.texts.push_back(example.at(0).get<std::string>());
      auto intent = example.at(1).get<std::string>();
      labelled.intents.push_back(intent_ids.emplace(intent, static_cast<int>(intent_ids.size())).first->second);
    }
  }
  return labelled;
}

// The clustering as integers, for NMI: equal ids, equal numbers; -1 for none.
template <typename Id>
std::vector<int> as_numbers(const std::vector<Id>& ids, const Id& none) {
  std::map<Id, int> numbers;
  std::vector<int> result;
  for (const auto& id : ids) result.push_back(id == none ? -1 : numbers.emplace(id, static_cast<int>(numbers.size())).first->second);
  return result;
}

double nmi_against(const std::vector<int>& intents, const std::vector<int>& clusters) {
  std::vector<int> truth, predicted;
  for (std::size_t i = 0; i < clusters.size(); ++i) {
    if (clusters[i] < 0) continue;
    truth.push_back(intents[i]);
    predicted.push_back(clusters[i]);
  }
  return normalized_mutual_information(truth, predicted);
}

// A real request with one of its words dropped or another request's word appended, so the
// set is as varied as user traffic and not a few thousand repeated strings.
LabelledTexts varied_texts(const LabelledTexts& labelled, std::size_t count, uint64_t seed) {
  const auto& base = labelled.texts;
  std::mt19937_64 random(seed);
  std::vector<std::string> words;
  for (const auto& text : base) {
    auto lowered = lowercase_ascii(text);
    for (auto word : split_words(lowered)) words.emplace_back(word);
  }
  LabelledTexts varied;
  auto& texts = varied.texts;
  texts.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    std::size_t source_index = random() % base.size();
    const auto& source = base[source_index];
    std::string text;
    if (i < base.size()) {
      text = base[i];
      source_index = i;
    } else if (random() % 2 == 0) {
      auto cut = source.find(' ', random() % std::max<std::size_t>(1, source.size()));
      auto next = cut == std::string::npos ? std::string::npos : source.find(' ', cut + 1);
      text = cut == std::string::npos ? source : source.substr(0, cut) + (next == std::string::npos ? "" : source.substr(next));
    } else {
      text = source + " " + words[random() % words.size()];
    }
    texts.push_back(std::move(text));
    varied.intents.push_back(labelled.intents[source_index]);
  }
  return varied;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t discover_count = argc > 1 ? std::stoul(argv[1]) : 100000;
  std::size_t categorize_count = argc > 2 ? std::stoul(argv[2]) : 1000000;
  // 0: the lexical vectors alone, as before the word vectors joined them.
  float word_vector_weight = argc > 3 ? std::stof(argv[3]) : kOfflineWordVectorWeight;
  auto base = clinc_texts("/work/shared/data/clinc150/data_full.json");
  auto discover_set = varied_texts(base, discover_count, 1);
  auto categorize_set = varied_texts(base, categorize_count, 2);
  const auto& discover_texts = discover_set.texts;
  const auto& categorize_texts = categorize_set.texts;
  std::printf("texts: %zu to discover on, %zu to categorize; peak RSS after generating them %.0f MiB\n",
              discover_texts.size(), categorize_texts.size(), peak_rss_mib());

  auto baseline_start = Clock::now();
  std::size_t features = 0;
  FeatureOptions feature_options = default_lexical_options().features;
  for (const auto& text : discover_texts) features += hashed_features(text, feature_options).size();
  double baseline = seconds_since(baseline_start);
  std::printf("baseline (feature hashing, 1 thread, %zu texts): %.2f s (%zu features)\n", discover_texts.size(),
              baseline, features);

  WorkControl control;
  std::string last_phase;
  auto phase_start = Clock::now();
  double phase_cpu = cpu_seconds();
  control.on_progress = [&](double, std::string_view phase) {
    if (phase == last_phase || phase == "done") return;
    if (!last_phase.empty()) {
      std::printf("    %-28s %.2f s wall, %.2f s CPU\n", last_phase.c_str(), seconds_since(phase_start),
                  cpu_seconds() - phase_cpu);
    }
    last_phase = phase;
    phase_start = Clock::now();
    phase_cpu = cpu_seconds();
  };

  auto discover_start = Clock::now();
  double discover_cpu = cpu_seconds();
  OfflineEmbedder discover_embedder(default_lexical_options(), {}, word_vector_weight);
  auto discovered = discover_topics(discover_texts, discover_embedder, DiscoveryOptions{}, control);
  double discover_seconds = seconds_since(discover_start);
  discover_cpu = cpu_seconds() - discover_cpu;
  control.report(1, "");
  last_phase.clear();
  std::printf("discovery of %zu records: %.2f s wall, %.2f s CPU (%.1fx baseline), %zu top-level topics (k by silhouette), peak RSS %.0f MiB\n",
              discover_texts.size(), discover_seconds, discover_cpu, discover_seconds / baseline, discovered.topics.topics.size(),
              peak_rss_mib());
  std::printf("    NMI against the 150 intents (+ out of scope): %.3f (leaf topics)\n",
              nmi_against(discover_set.intents, as_numbers(discovered.topic_of_record, std::string())));

  auto categorize_start = Clock::now();
  double categorize_cpu = cpu_seconds();
  OfflineEmbedder categorize_embedder(default_lexical_options(), {}, word_vector_weight);
  auto categorized = categorize_records(categorize_texts, discovered.topics, categorize_embedder, CategorizeOptions{}, control);
  double categorize_seconds = seconds_since(categorize_start);
  categorize_cpu = cpu_seconds() - categorize_cpu;
  control.report(1, "");
  std::size_t assigned = 0;
  std::vector<int> leaves;
  for (const auto& assignment : categorized.assignments) {
    assigned += assignment.leaf >= 0;
    leaves.push_back(assignment.leaf);
  }
  std::printf("categorization of %zu records into %zu topics: %.2f s wall, %.2f s CPU (%.1fx the baseline scaled to %zu texts), %zu assigned, peak RSS %.0f MiB\n",
              categorize_texts.size(), categorized.leaf_ids.size(), categorize_seconds, categorize_cpu,
              categorize_seconds / (baseline * double(categorize_texts.size()) / double(discover_texts.size())),
              categorize_texts.size(), assigned, peak_rss_mib());
  std::printf("    NMI against the 150 intents (+ out of scope): %.3f\n", nmi_against(categorize_set.intents, leaves));
  return 0;
}
