#pragma once
// How well a clustering agrees with reference labels: normalized mutual information
// (arithmetic-mean normalization, as scikit-learn's default) and the adjusted Rand index
// (Hubert & Arabie 1985). Used by the quality tests and benches.
#include <vector>

namespace reinforge::topics {

double normalized_mutual_information(const std::vector<int>& truth, const std::vector<int>& predicted);
double adjusted_rand_index(const std::vector<int>& truth, const std::vector<int>& predicted);

}  // namespace reinforge::topics
