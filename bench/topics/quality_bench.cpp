// Topic discovery quality on several labelled sets (tests/topics/labelled_sets.hpp): CLINC150,
// the set discovery was tuned on, and sets from Debian packages it never saw. For each set,
// offline discovery with k = the true number of labels and with k chosen automatically (flat,
// no sub-topics), scored by NMI and ARI against the labels. See bench/README.md, "Topics".
// Usage: topics_quality_bench [--set NAME]... [--show N] [--no-automatic-k] [--k-scores] [--with SETTING=VALUE]...
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <map>
#include <string>
#include <vector>

#include "labelled_sets.hpp"
#include "topics/cluster_agreement.hpp"
#include "topics/discovery.hpp"
#include "topics/offline_embedder.hpp"

namespace {

using namespace reinforge::topics;
using Clock = std::chrono::steady_clock;

struct Score {
  double nmi = 0, ari = 0, seconds = 0;
  int topics = 0;
};

// Settings other than the defaults, for measuring a change before making it the default:
// "--with idf_power=1" and so on (the names of LexicalEmbedderOptions and DiscoveryOptions, and
// word_vectors=W for the word vectors' weight).
struct Overrides {
  std::map<std::string, double> values;
  double get(const std::string& name, double fallback) const {
    auto it = values.find(name);
    return it == values.end() ? fallback : it->second;
  }
};

// --k-scores: each candidate count's silhouette when k is chosen automatically.
bool print_k_scores = false;

Score discover(const testing::LabelledSet& set, std::optional<int> k, const Overrides& with) {
  auto start = Clock::now();
  auto lexical = default_lexical_options();
  auto& features = lexical.features;
  lexical.dimensions = static_cast<int>(with.get("dimensions", lexical.dimensions));
  lexical.singular_value_power = static_cast<float>(with.get("singular_value_power", lexical.singular_value_power));
  lexical.idf_power = static_cast<float>(with.get("idf_power", lexical.idf_power));
  lexical.min_document_frequency = static_cast<int>(with.get("min_document_frequency", lexical.min_document_frequency));
  features.word_weight = static_cast<float>(with.get("word_weight", features.word_weight));
  features.pair_weight = static_cast<float>(with.get("pair_weight", features.pair_weight));
  features.char_weight = static_cast<float>(with.get("char_weight", features.char_weight));
  features.char_ngram_min = static_cast<int>(with.get("char_ngram_min", features.char_ngram_min));
  features.char_ngram_max = static_cast<int>(with.get("char_ngram_max", features.char_ngram_max));
  WordVectorEmbedderOptions words;
  words.smoothing = static_cast<float>(with.get("word_smoothing", words.smoothing));
  words.remove_first_direction = with.get("word_first_direction", 1) != 0;
  // word_vectors=W joins the word vectors at weight W (0: the lexical vectors alone).
  OfflineEmbedder embedder(lexical, words,
                           static_cast<float>(with.get("word_vectors", kOfflineWordVectorWeight)));
  DiscoveryOptions options;
  options.neighbour_smoothing = static_cast<int>(with.get("neighbour_smoothing", options.neighbour_smoothing));
  options.restarts = static_cast<int>(with.get("restarts", options.restarts));
  options.seed = static_cast<uint64_t>(with.get("seed", static_cast<double>(options.seed)));
  options.max_topics = static_cast<int>(with.get("max_topics", options.max_topics));
  options.topics = k;
  options.subtopics = false;  // scored against a flat labelling
  auto result = discover_topics(set.texts, embedder, options);
  Score score;
  score.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::vector<int> truth, predicted;  // texts without a usable word get no topic and are left out
  for (std::size_t i = 0; i < set.texts.size(); ++i) {
    if (result.top_level_of_record[i] < 0) continue;
    truth.push_back(set.label[i]);
    predicted.push_back(result.top_level_of_record[i]);
  }
  score.nmi = normalized_mutual_information(truth, predicted);
  score.ari = adjusted_rand_index(truth, predicted);
  score.topics = static_cast<int>(result.topics.topics.size());
  if (!k && print_k_scores) {
    std::printf("  [%s] k scores:", set.name.c_str());
    for (auto [candidate, value] : result.count_choice.scores) std::printf(" %d:%.4f", candidate, value);
    std::printf("\n");
  }
  return score;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> only;
  int show = 0;
  bool automatic_k = true;
  Overrides with;
  for (int i = 1; i < argc; ++i) {
    std::string argument = argv[i];
    if (argument == "--set" && i + 1 < argc) {
      only.emplace_back(argv[++i]);
    } else if (argument == "--show" && i + 1 < argc) {
      show = std::stoi(argv[++i]);
    } else if (argument == "--k-scores") {
      print_k_scores = true;
    } else if (argument == "--no-automatic-k") {
      automatic_k = false;
    } else if (argument == "--with" && i + 1 < argc && std::strchr(argv[i + 1], '=')) {
      std::string setting = argv[++i];
      auto equals = setting.find('=');
      with.values[setting.substr(0, equals)] = std::stod(setting.substr(equals + 1));
    } else {
      std::fprintf(stderr, "usage: %s [--set NAME]... [--show N] [--no-automatic-k] [--k-scores] [--with SETTING=VALUE]...\n", argv[0]);
      return 2;
    }
  }
  auto sets = testing::all_labelled_sets();
  std::printf("%-19s %6s %6s | %-22s | %-28s\n", "set", "texts", "labels", "k = labels: NMI  ARI", "automatic k: k  NMI  ARI");
  double nmi_sum = 0;
  int counted = 0;
  for (const auto& set : sets) {
    if (!only.empty() && std::find(only.begin(), only.end(), set.name) == only.end()) continue;
    for (int i = 0; i < show && i < static_cast<int>(set.texts.size()); ++i) {
      auto index = static_cast<std::size_t>(i) * set.texts.size() / static_cast<std::size_t>(show);
      std::printf("  [%s] %s\n", set.label_names[set.label[index]].c_str(), set.texts[index].c_str());
    }
    int labels = static_cast<int>(set.label_names.size());
    auto fixed = discover(set, labels, with);
    auto automatic = automatic_k ? discover(set, std::nullopt, with) : Score{};
    std::printf("%-19s %6zu %6d | %10.3f %6.3f %4.1fs | %6d %6.3f %6.3f %5.1fs\n", set.name.c_str(), set.texts.size(), labels,
                fixed.nmi, fixed.ari, fixed.seconds, automatic.topics, automatic.nmi, automatic.ari, automatic.seconds);
    std::fflush(stdout);
    nmi_sum += fixed.nmi;
    ++counted;
  }
  if (counted) std::printf("mean NMI at k = labels: %.3f over %d sets\n", nmi_sum / counted, counted);
  return 0;
}
