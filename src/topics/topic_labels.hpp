#pragma once
// Readable names without an LLM: each cluster's most distinctive words by class-based TF-IDF
// (the weighting BERTopic uses): a word's frequency in the cluster, times
// log(1 + average words per cluster / the word's frequency over all clusters).
#include <string>
#include <vector>

namespace reinforge::topics {

struct ClusterKeywords {
  std::vector<std::string> keywords;  // most distinctive first
  std::string name;                   // the first three, "refund · order · cancel"
};

// texts[i] belongs to cluster labels[i] (-1: none). One entry per cluster.
std::vector<ClusterKeywords> cluster_keywords(const std::vector<const std::string*>& texts,
                                              const std::vector<int>& labels, int clusters,
                                              std::size_t keywords_per_cluster = 8);

bool is_stopword(std::string_view word);

}  // namespace reinforge::topics
