#pragma once
// Which topic a generated record belongs to, and how sure that is (PRODUCT.md §5: a generated
// record that lands in another topic or below the confidence threshold is rejected, not
// mislabeled). Each topic is the mean direction of its categorized records, pulled slightly
// toward its own name and description as categorization does (topics/categorizer.hpp), so a
// new record is judged against the dataset's actual labels; confidence is the same softmax as
// categorization's, so 0.7 means what it means everywhere else.
#include <string>
#include <vector>

#include "topics/sparse_rows.hpp"

namespace reinforge::generation {

class TopicMatcher {
 public:
  // `record_vectors`: unit rows of the dataset's records; `record_topics`: each row's index into
  // `topic_ids` (-1: uncategorized). `topic_vectors`: the unit vector of each topic's own text.
  TopicMatcher(std::vector<std::string> topic_ids, std::vector<std::string> topic_names,
               const topics::RowMatrix& record_vectors, const std::vector<int>& record_topics,
               const topics::RowMatrix& topic_vectors, float own_text_weight = 0.1f);

  struct Match {
    int topic = -1;  // index into topic_ids; -1 for a zero vector
    float confidence = 0;
    float similarity = 0;
  };
  Match match(const float* vector) const;
  const std::vector<std::string>& topic_ids() const { return topic_ids_; }
  int index_of(const std::string& topic_id) const;
  // The topic's name, for a person; the id when it has none.
  std::string name_of(const std::string& topic_id) const;

 private:
  std::vector<std::string> topic_ids_;
  std::vector<std::string> topic_names_;
  topics::RowMatrix centroids_;  // topics × dimensions, unit rows
};

}  // namespace reinforge::generation
