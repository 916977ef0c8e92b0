#include "generation/generation_gates.hpp"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "health/issue.hpp"
#include "records/record_builder.hpp"
#include "topics/user_text.hpp"

namespace reinforge::generation {

namespace {

std::string first_error(const std::string& issues_json) {
  for (const auto& issue : health::issues_from_json(issues_json)) {
    if (health::severity_of(issue.code) == health::Severity::error) {
      return std::string(health::to_string(issue.code)) + ": " + issue.message;
    }
  }
  return "invalid record";
}

std::string two_decimals(float value) {
  char text[16];
  std::snprintf(text, sizeof text, "%.2f", static_cast<double>(value));
  return text;
}

}  // namespace

uint64_t canonical_hash(std::string_view record_text) {
  auto parsed = nlohmann::json::parse(record_text, nullptr, false);
  return records::content_hash(parsed.is_discarded() ? std::string(record_text) : parsed.dump());
}

std::string to_string(Gate gate) {
  switch (gate) {
    case Gate::accepted:
      return "accepted";
    case Gate::invalid:
      return "invalid";
    case Gate::exact_duplicate:
      return "exact_duplicate";
    case Gate::near_duplicate:
      return "near_duplicate";
    case Gate::off_topic:
      return "off_topic";
    case Gate::low_confidence:
      return "low_confidence";
    case Gate::cap:
      return "cap";
  }
  return "invalid";
}

GenerationGates::GenerationGates(health::RecordValidator validator,
                                 const DuplicateFingerprint& fingerprint, NearDuplicateIndex& index,
                                 const topics::Embedder& embedder, const TopicMatcher& matcher,
                                 KnownRecords known, GateOptions options)
    : validator_(std::move(validator)),
      fingerprint_(fingerprint),
      index_(index),
      embedder_(embedder),
      matcher_(matcher),
      known_(std::move(known)),
      options_(options) {}

std::string GenerationGates::describe_match(int64_t index_row) const {
  auto accepted = accepted_of_row_.find(index_row);
  if (accepted != accepted_of_row_.end()) {
    return "record " + std::to_string(accepted->second + 1) + " accepted earlier in this run";
  }
  if (index_row >= 0 && static_cast<std::size_t>(index_row) < known_.record_ids.size()) {
    return "record #" + std::to_string(known_.record_ids[static_cast<std::size_t>(index_row)]);
  }
  return "an earlier record";
}

std::vector<Verdict> GenerationGates::judge(std::vector<std::string> texts,
                                            const std::string& topic_id, int64_t room,
                                            const topics::WorkControl& control) {
  std::vector<Verdict> verdicts(texts.size());
  std::vector<std::string> user_texts;
  std::vector<std::size_t> embedded;  // verdict index of each user text
  for (std::size_t i = 0; i < texts.size(); ++i) {
    auto& verdict = verdicts[i];
    verdict.record =
        records::build_record(validator_, std::move(texts[i]), std::nullopt, "generated");
    if (!verdict.record.valid) {
      verdict.gate = Gate::invalid;
      verdict.reason = first_error(verdict.record.issues_json);
      continue;
    }
    user_texts.push_back(topics::user_text_of_record(verdict.record.text).value_or(""));
    embedded.push_back(i);
  }
  topics::RowMatrix fingerprints;
  topics::RowMatrix vectors;
  if (!user_texts.empty()) {
    fingerprints = fingerprint_.embed(user_texts, 1);
    vectors = embedder_.embed(user_texts, control);
  }

  for (std::size_t e = 0; e < embedded.size(); ++e) {
    auto& verdict = verdicts[embedded[e]];
    uint64_t hash = canonical_hash(verdict.record.text);
    if (auto known = known_.by_hash.find(hash); known != known_.by_hash.end()) {
      verdict.gate = Gate::exact_duplicate;
      verdict.reason = "an exact copy of record #" + std::to_string(known->second);
      continue;
    }
    if (auto earlier = accepted_by_hash_.find(hash); earlier != accepted_by_hash_.end()) {
      verdict.gate = Gate::exact_duplicate;
      verdict.reason = "an exact copy of record " + std::to_string(earlier->second + 1) +
                       " accepted earlier in this run";
      continue;
    }
    const float* fingerprint = fingerprints.row(static_cast<Eigen::Index>(e)).data();
    const float* vector = vectors.row(static_cast<Eigen::Index>(e)).data();
    auto nearest = index_.nearest(fingerprint);
    if (nearest.id >= 0) verdict.similarity = nearest.similarity;
    if (nearest.id >= 0 && nearest.similarity >= options_.duplicate_threshold) {
      verdict.gate = Gate::near_duplicate;
      verdict.reason = "a near duplicate of " + describe_match(nearest.id) + " (cosine " +
                       two_decimals(nearest.similarity) + " ≥ " +
                       two_decimals(options_.duplicate_threshold) + ")";
      continue;
    }
    auto match = matcher_.match(vector);
    verdict.confidence = match.confidence;
    if (match.topic >= 0)
      verdict.topic = matcher_.topic_ids()[static_cast<std::size_t>(match.topic)];
    if (match.topic < 0) {
      verdict.gate = Gate::off_topic;
      verdict.reason = "its user turns have no words the topics can be matched on";
      continue;
    }
    if (verdict.topic != topic_id) {
      verdict.gate = Gate::off_topic;
      verdict.reason = "it reads as “" + matcher_.name_of(verdict.topic) + "” (confidence " +
                       two_decimals(match.confidence) + "), not “" + matcher_.name_of(topic_id) +
                       "”";
      continue;
    }
    if (match.confidence < options_.min_confidence) {
      verdict.gate = Gate::low_confidence;
      verdict.reason = "confidence " + two_decimals(match.confidence) + " is below " +
                       two_decimals(options_.min_confidence);
      continue;
    }
    if (room <= 0) {
      verdict.gate = Gate::cap;
      verdict.reason = "the topic already has the records planned for it";
      continue;
    }
    --room;
    verdict.gate = Gate::accepted;
    accepted_of_row_[index_.add(fingerprint)] = accepted_;
    accepted_by_hash_[hash] = accepted_;
    ++accepted_;
  }
  return verdicts;
}

}  // namespace reinforge::generation
