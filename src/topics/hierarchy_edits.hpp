#pragma once
// The two hierarchy edits that move records (PRODUCT.md §4), which a saved hierarchy alone
// cannot express: merging topics into one, and splitting a topic into sub-topics found by
// clustering its records. Pure: the caller (api/, steps/) moves the records in the store.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "topics/embedder.hpp"
#include "topics/progress.hpp"
#include "topics/topic_set.hpp"

namespace reinforge::topics {

struct MergeRequest {
  std::vector<std::string> topics;  // at least two, at the same level, `into` among them
  std::string into;                 // keeps its id; the others disappear
  std::optional<std::string> name;  // none: `into` keeps its name
};

struct MergeOutcome {
  std::string into;
  // Leaf topics whose records now belong to `into` (empty when the merged topics have
  // sub-topics: those move under `into` with their records and ids).
  std::vector<std::string> moved_from;
};

// Keywords and examples are united, target shares added (at most 1), sub-topics gathered under
// `into`. Topics with sub-topics merge only with topics that have sub-topics too: a leaf's
// records would otherwise land on a topic that no longer takes records. Throws TopicSetError
// with a message for the person; on error `set` is unchanged.
MergeOutcome merge_into(TopicSet& set, const MergeRequest& request);

struct SplitOptions {
  std::optional<int> parts;  // none: chosen by silhouette between 2 and max_parts
  int max_parts = 8;
  int restarts = 5;
  unsigned threads = 0;
  uint64_t seed = 17;
};

// The sub-topics found in one topic's records, before they are attached to the hierarchy.
struct TopicSplit {
  std::vector<NewTopic> parts;                    // named from their distinctive words
  std::vector<std::vector<std::string>> examples;  // per part, the texts nearest its centre
  std::vector<std::size_t> records_per_part;
  std::vector<int> part_of_text;    // per input text
  std::vector<float> confidence;    // per input text, among the parts
};

// The fewest texts a split works on: two per part.
std::size_t min_texts_to_split(std::optional<int> parts);

// Clusters the texts of one topic into parts (the embedder is fitted on these texts, so the
// words that tell the parts apart weigh most). A text without usable words joins the largest
// part with the confidence of a tie. Throws TopicSetError when there are too few texts or they
// do not separate into two non-empty parts.
TopicSplit cluster_topic_texts(std::span<const std::string> texts, Embedder& embedder, const SplitOptions& options,
                               const WorkControl& control = {});

// Makes the parts sub-topics of `topic_id` (ids "t3.1", "t3.2", ...; the topic then takes no
// records itself) and returns their ids in the order of `split.parts`. A name clash among the
// parts gets " (2)" appended. The topic's target share, when set, is divided equally among the
// parts (only leaves' targets count).
std::vector<std::string> attach_split(TopicSet& set, const std::string& topic_id, const TopicSplit& split);

}  // namespace reinforge::topics
