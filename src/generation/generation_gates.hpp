#pragma once
// The quality gates every generated record passes before it may join the dataset (PRODUCT.md
// §5), in order: health validation, exact duplicates, near duplicates (cosine to the nearest
// record of the dataset or of this run), and categorization (it must land in the topic it was
// written for, with at least the confidence a categorized record needs). Each verdict says
// which gate removed a record and why; an accepted record is remembered, so a later one that
// repeats it is a duplicate too.
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "generation/duplicate_fingerprint.hpp"
#include "generation/near_duplicate_index.hpp"
#include "generation/topic_matcher.hpp"
#include "health/record_validator.hpp"
#include "store/store_types.hpp"
#include "topics/embedder.hpp"

namespace reinforge::generation {

enum class Gate {
  accepted,
  invalid,
  exact_duplicate,
  near_duplicate,
  off_topic,
  low_confidence,
  cap
};
std::string to_string(Gate gate);
inline constexpr Gate kRejectingGates[] = {Gate::invalid,        Gate::exact_duplicate,
                                           Gate::near_duplicate, Gate::off_topic,
                                           Gate::low_confidence, Gate::cap};

struct GateOptions {
  float duplicate_threshold = 0.85f;  // docs/generation.md: how it was chosen on CLINC150
  float min_confidence = 0.7f;        // below is "low" (PRODUCT.md §4)
};

struct Verdict {
  Gate gate = Gate::accepted;
  std::string reason;       // for a person, when rejected
  store::NewRecord record;  // the built row (validity, tokens, hash)
  std::string topic;        // the topic it was matched to ("" when it could not be)
  float confidence = 0;
  std::optional<float> similarity;  // to the nearest earlier record
};

// What the gates know of the dataset: its valid records (the index's rows, in the order of
// `record_ids`) and their content hashes.
struct KnownRecords {
  std::vector<int64_t> record_ids;                // index row → record id
  std::unordered_map<uint64_t, int64_t> by_hash;  // canonical_hash → record id
};

// A hash of the record's JSON with its keys in one order, so a copy whose keys were written in
// another order (generated records are re-serialized) is still the same record.
uint64_t canonical_hash(std::string_view record_text);

class GenerationGates {
 public:
  // `index` holds the dataset's fingerprints (duplicate_fingerprint.hpp); `embedder` gives the
  // topic vectors `matcher` compares.
  GenerationGates(health::RecordValidator validator, const DuplicateFingerprint& fingerprint,
                  NearDuplicateIndex& index, const topics::Embedder& embedder,
                  const TopicMatcher& matcher, KnownRecords known, GateOptions options);

  // Judges one answer's records, written for `topic_id`, in order. Once `room` records passed,
  // the rest that pass get the `cap` gate and are not remembered (they never join the dataset).
  std::vector<Verdict> judge(std::vector<std::string> texts, const std::string& topic_id,
                             int64_t room, const topics::WorkControl& control = {});

 private:
  std::string describe_match(int64_t index_row) const;

  health::RecordValidator validator_;
  const DuplicateFingerprint& fingerprint_;
  NearDuplicateIndex& index_;
  const topics::Embedder& embedder_;
  const TopicMatcher& matcher_;
  KnownRecords known_;
  GateOptions options_;
  int64_t accepted_ = 0;
  std::unordered_map<int64_t, int64_t>
      accepted_of_row_;  // index row → nth record accepted in this run
  std::unordered_map<uint64_t, int64_t> accepted_by_hash_;
};

}  // namespace reinforge::generation
