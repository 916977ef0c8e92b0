#include "topics/topic_labels.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "topics/text_features.hpp"

namespace reinforge::topics {

bool is_stopword(std::string_view word) {
  // Common English function words plus chat fillers; they are frequent everywhere, so they
  // would otherwise crowd small clusters' labels.
  static const std::unordered_set<std::string_view> words = {
      "a",     "about", "all",  "also",   "am",    "an",    "and",   "any",    "are",  "as",
      "at",    "be",    "been", "but",    "by",    "can",   "could", "did",    "do",   "does",
      "doing", "don",   "for",  "from",   "get",   "give",  "had",   "has",    "have", "he",
      "her",   "here",  "him",  "his",    "how",   "i",     "if",    "in",     "into", "is",
      "it",    "its",   "just", "know",   "let",   "like",  "ll",    "m",      "me",   "might",
      "more",  "much",  "my",   "need",   "no",    "not",   "now",   "of",     "on",   "one",
      "or",    "our",   "out",  "please", "re",    "s",     "she",   "should", "so",   "some",
      "t",     "tell",  "than", "thanks", "that",  "the",   "their", "them",   "then", "there",
      "these", "they",  "this", "to",     "up",    "us",    "ve",    "very",   "want", "was",
      "we",    "were",  "what", "when",   "where", "which", "who",   "why",    "will", "with",
      "would", "you",   "your", "yours",  "d",     "im",    "whats", "hi",     "hello"};
  return words.count(word) > 0;
}

std::vector<ClusterKeywords> cluster_keywords(const std::vector<const std::string*>& texts,
                                              const std::vector<int>& labels, int clusters,
                                              std::size_t keywords_per_cluster) {
  std::vector<std::unordered_map<std::string, double>> frequency(clusters);
  std::unordered_map<std::string, double> overall;
  double total_words = 0;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    if (labels[i] < 0) continue;
    std::string lowered = lowercase_ascii(*texts[i]);
    for (auto word : split_words(lowered)) {
      if (word.size() < 2 || is_stopword(word) ||
          std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        continue;
      }
      std::string key(word);
      frequency[labels[i]][key] += 1;
      overall[key] += 1;
      total_words += 1;
    }
  }
  double average_words = clusters ? total_words / clusters : 0;
  std::vector<ClusterKeywords> result(clusters);
  for (int c = 0; c < clusters; ++c) {
    double cluster_words = 0;
    for (const auto& [word, count] : frequency[c]) cluster_words += count;
    std::vector<std::pair<double, std::string>> scored;
    for (const auto& [word, count] : frequency[c]) {
      if (count < 2 && cluster_words > 20) continue;  // one mention is noise in a real cluster
      scored.emplace_back(count / cluster_words * std::log(1 + average_words / overall[word]),
                          word);
    }
    std::sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    for (std::size_t i = 0; i < scored.size() && i < keywords_per_cluster; ++i) {
      result[c].keywords.push_back(scored[i].second);
    }
  }
  // Sibling names must differ (the topic set requires it). Two clusters can share their top
  // three words: the later one takes more of its own words, then a number.
  std::set<std::string> used;
  for (int c = 0; c < clusters; ++c) {
    const auto& keywords = result[c].keywords;
    std::string name;
    std::size_t taken = 0;
    for (; taken < keywords.size() && (taken < 3 || used.count(name)); ++taken) {
      name += (taken ? " · " : "") + keywords[taken];
    }
    if (name.empty()) name = "topic " + std::to_string(c + 1);
    const std::string base = name;
    for (int n = 2; used.count(name); ++n) name = base + " (" + std::to_string(n) + ")";
    used.insert(name);
    result[c].name = std::move(name);
  }
  return result;
}

}  // namespace reinforge::topics
