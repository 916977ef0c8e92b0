#include "grading/similarity_grader.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <vector>

#include "grading/prompt_template.hpp"

namespace reinforge::grading {

namespace {

std::vector<char32_t> code_points(std::string_view text) {
  std::vector<char32_t> points;
  for (size_t i = 0; i < text.size();) {
    auto byte = static_cast<unsigned char>(text[i]);
    int length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4;
    char32_t point = length == 1 ? byte : byte & (0x3F >> (length - 1));
    for (int k = 1; k < length && i + k < text.size(); ++k) point = (point << 6) | (text[i + k] & 0x3F);
    points.push_back(point);
    i += length;
  }
  return points;
}

std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!word.empty()) {
      out.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) out.push_back(std::move(word));
  return out;
}

}  // namespace

double fuzzy_match_ratio(std::string_view a, std::string_view b) {
  auto x = code_points(a);
  auto y = code_points(b);
  if (x.empty() && y.empty()) return 1.0;
  if (x.size() < y.size()) std::swap(x, y);
  // Longest common subsequence with two rows: O(|a|·|b|) time, O(min) memory.
  std::vector<size_t> previous(y.size() + 1, 0), current(y.size() + 1, 0);
  for (size_t i = 1; i <= x.size(); ++i) {
    for (size_t j = 1; j <= y.size(); ++j) {
      current[j] = x[i - 1] == y[j - 1] ? previous[j - 1] + 1 : std::max(previous[j], current[j - 1]);
    }
    std::swap(previous, current);
  }
  return 2.0 * static_cast<double>(previous[y.size()]) / static_cast<double>(x.size() + y.size());
}

double rouge_1_f1(std::string_view candidate, std::string_view reference) {
  auto made = words(candidate);
  auto wanted = words(reference);
  if (made.empty() && wanted.empty()) return 1.0;
  if (made.empty() || wanted.empty()) return 0.0;
  std::map<std::string, int> counts;
  for (const auto& word : wanted) ++counts[word];
  size_t overlap = 0;
  for (const auto& word : made) {
    auto found = counts.find(word);
    if (found != counts.end() && found->second > 0) {
      --found->second;
      ++overlap;
    }
  }
  if (overlap == 0) return 0.0;
  double precision = static_cast<double>(overlap) / made.size();
  double recall = static_cast<double>(overlap) / wanted.size();
  return 2 * precision * recall / (precision + recall);
}

GradeResult SimilarityGrader::grade(const GradeInput& input, const GradeControl&) const {
  auto candidate = render_template(config_.input, input);
  auto reference = render_template(config_.reference, input);
  double score = config_.metric == SimilarityMetric::fuzzy_match ? fuzzy_match_ratio(candidate, reference)
                                                                 : rouge_1_f1(candidate, reference);
  char reason[64];
  std::snprintf(reason, sizeof reason, "%s %.3f against the reference",
                config_.metric == SimilarityMetric::fuzzy_match ? "fuzzy_match" : "rouge_1", score);
  return GradeResult::scored(score, reason);
}

}  // namespace reinforge::grading
