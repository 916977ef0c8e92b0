#include "topics/cluster_agreement.hpp"

#include <cmath>
#include <map>
#include <stdexcept>
#include <utility>

namespace reinforge::topics {

namespace {

struct Contingency {
  std::map<std::pair<int, int>, double> joint;
  std::map<int, double> truth, predicted;
  double total = 0;
};

Contingency contingency(const std::vector<int>& truth, const std::vector<int>& predicted) {
  if (truth.size() != predicted.size()) throw std::invalid_argument("label vectors differ in length");
  Contingency table;
  for (std::size_t i = 0; i < truth.size(); ++i) {
    table.joint[{truth[i], predicted[i]}] += 1;
    table.truth[truth[i]] += 1;
    table.predicted[predicted[i]] += 1;
  }
  table.total = static_cast<double>(truth.size());
  return table;
}

double entropy(const std::map<int, double>& counts, double total) {
  double h = 0;
  for (const auto& [label, count] : counts) h -= count / total * std::log(count / total);
  return h;
}

double pairs(double n) { return n * (n - 1) / 2; }

}  // namespace

double normalized_mutual_information(const std::vector<int>& truth, const std::vector<int>& predicted) {
  auto table = contingency(truth, predicted);
  if (table.total == 0) return 1.0;
  double mutual = 0;
  for (const auto& [cell, count] : table.joint) {
    double p = count / table.total;
    mutual += p * std::log(p / (table.truth[cell.first] / table.total * table.predicted[cell.second] / table.total));
  }
  double mean_entropy = (entropy(table.truth, table.total) + entropy(table.predicted, table.total)) / 2;
  return mean_entropy > 0 ? mutual / mean_entropy : 1.0;
}

double adjusted_rand_index(const std::vector<int>& truth, const std::vector<int>& predicted) {
  auto table = contingency(truth, predicted);
  double index = 0, truth_pairs = 0, predicted_pairs = 0;
  for (const auto& [cell, count] : table.joint) index += pairs(count);
  for (const auto& [label, count] : table.truth) truth_pairs += pairs(count);
  for (const auto& [label, count] : table.predicted) predicted_pairs += pairs(count);
  double expected = truth_pairs * predicted_pairs / pairs(table.total);
  double maximum = (truth_pairs + predicted_pairs) / 2;
  return maximum == expected ? 1.0 : (index - expected) / (maximum - expected);
}

}  // namespace reinforge::topics
