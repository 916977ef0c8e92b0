#include "generation/topic_matcher.hpp"

#include <algorithm>

#include "topics/confidence.hpp"

namespace reinforge::generation {

TopicMatcher::TopicMatcher(std::vector<std::string> topic_ids, std::vector<std::string> topic_names,
                           const topics::RowMatrix& record_vectors,
                           const std::vector<int>& record_topics,
                           const topics::RowMatrix& topic_vectors, float own_text_weight)
    : topic_ids_(std::move(topic_ids)), topic_names_(std::move(topic_names)) {
  const auto topics = static_cast<Eigen::Index>(topic_ids_.size());
  centroids_ = topics::RowMatrix::Zero(topics, topic_vectors.cols());
  std::vector<float> members(topic_ids_.size(), 0);
  for (Eigen::Index row = 0; row < record_vectors.rows(); ++row) {
    int topic = record_topics[static_cast<std::size_t>(row)];
    if (topic < 0 || topic >= topics) continue;
    centroids_.row(topic) += record_vectors.row(row);
    members[static_cast<std::size_t>(topic)] += 1;
  }
  for (Eigen::Index topic = 0; topic < topics; ++topic) {
    auto count = members[static_cast<std::size_t>(topic)];
    if (count > 0) centroids_.row(topic) /= count;
    // A topic with no records is known only by its own text.
    float weight = count > 0 ? own_text_weight : 1.0f;
    centroids_.row(topic) += weight * topic_vectors.row(topic);
    float norm = centroids_.row(topic).norm();
    if (norm > 0) centroids_.row(topic) /= norm;
  }
}

int TopicMatcher::index_of(const std::string& topic_id) const {
  auto found = std::find(topic_ids_.begin(), topic_ids_.end(), topic_id);
  return found == topic_ids_.end() ? -1 : static_cast<int>(found - topic_ids_.begin());
}

std::string TopicMatcher::name_of(const std::string& topic_id) const {
  int index = index_of(topic_id);
  if (index < 0 || static_cast<std::size_t>(index) >= topic_names_.size() ||
      topic_names_[index].empty()) {
    return topic_id;
  }
  return topic_names_[static_cast<std::size_t>(index)];
}

TopicMatcher::Match TopicMatcher::match(const float* vector) const {
  Match match;
  Eigen::Map<const Eigen::Matrix<float, 1, Eigen::Dynamic>> query(vector, centroids_.cols());
  if (centroids_.rows() == 0 || query.squaredNorm() == 0) return match;
  Eigen::VectorXf similarities = centroids_ * query.transpose();
  Eigen::Index best = 0;
  match.similarity = similarities.maxCoeff(&best);
  match.topic = static_cast<int>(best);
  match.confidence = topics::assignment_confidence(
      std::span<const float>(similarities.data(), static_cast<std::size_t>(similarities.size())));
  return match;
}

}  // namespace reinforge::generation
