#include "topics/joined_embedder.hpp"

namespace reinforge::topics {

JoinedEmbedder::JoinedEmbedder(Embedder& first, Embedder& second, float second_weight)
    : first_(first), second_(second), second_weight_(second_weight) {}

void JoinedEmbedder::fit(std::span<const std::string> texts, const WorkControl& control) {
  // One progress from 0 to 1 over both fits (the second is the quicker one here).
  first_.fit(texts, control.part(0.0, 0.9));
  second_.fit(texts, control.part(0.9, 1.0));
}

RowMatrix JoinedEmbedder::embed(std::span<const std::string> texts,
                                const WorkControl& control) const {
  RowMatrix first = first_.embed(texts, control);
  RowMatrix second = second_.embed(texts, control);
  RowMatrix rows(first.rows(), first.cols() + second.cols());
  rows.leftCols(first.cols()) = first;
  rows.rightCols(second.cols()) = second * second_weight_;
  for (Eigen::Index r = 0; r < rows.rows(); ++r) {
    float norm = rows.row(r).norm();
    if (norm > 0) rows.row(r) /= norm;
  }
  return rows;
}

}  // namespace reinforge::topics
