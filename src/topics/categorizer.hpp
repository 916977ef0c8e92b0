#pragma once
// Categorization (PRODUCT.md §4): every record gets one leaf topic of a topic set and a
// confidence. Topics are matched through their name, description, keywords and examples
// (so templates and hand-written topics work with no labelled record), then each topic's
// vector is refined towards the records it attracts, a few rounds of seeded k-means.
#include <span>
#include <string>
#include <vector>

#include "topics/confidence.hpp"
#include "topics/embedder.hpp"
#include "topics/topic_set.hpp"

namespace reinforge::topics {

struct CategorizeOptions {
  int refinement_rounds = 5;
  std::size_t refinement_sample = 30000;  // records the topic vectors are refined on
  // Weight of the topic's own (unit) vector against the mean of its records when refining;
  // keeps a topic anchored to what the user wrote. The mean of short texts' vectors is far
  // from unit length, so a weight under 1 still anchors. On CLINC150 domains with the offline
  // embedder (lexical and word vectors): 0 (free k-means) 0.565 accuracy, 0.1 0.628, 0.3 0.656,
  // 0.5 0.657 with "high" right 91% of the time at the default temperature, 1.0 0.653.
  float seed_weight = 0.5f;
  float confidence_temperature = default_confidence_temperature;
  std::size_t block_size = 8192;  // records embedded at once, bounds memory on large sets
  unsigned threads = 0;
  uint64_t seed = 5;
};

struct TopicAssignment {
  int leaf = -1;  // index into Categorization::leaf_ids; -1 when the text has no usable words
  float confidence = 0;
};

struct Categorization {
  std::vector<std::string> leaf_ids;
  std::vector<TopicAssignment> assignments;  // one per input text
};

// The text a topic is matched through: name, description, keywords and examples.
std::string topic_match_text(const Topic& topic);

// Fits `embedder` on the texts (plus the topics' own text) and assigns every text.
Categorization categorize_records(std::span<const std::string> texts, const TopicSet& topics, Embedder& embedder,
                                  const CategorizeOptions& options, const WorkControl& control = {});

}  // namespace reinforge::topics
