#pragma once
// A stored dataset's topics and coverage, gathered once for the step statuses, the datasets
// list (topic count, balance score) and the coverage dashboard.
#include <optional>
#include <string>
#include <vector>

#include "coverage/topic_coverage.hpp"
#include "store/store.hpp"
#include "topics/topic_set.hpp"

namespace reinforge::steps {

struct DatasetCoverage {
  bool has_topics = false;
  topics::TopicSet topic_set;
  std::vector<const topics::Topic*> leaves;  // point into topic_set
  coverage::CoverageReport report;
  std::vector<store::TopicRecordCount> counts;  // by topic, origin and confidence band
  int64_t low_confidence = 0;
};

DatasetCoverage dataset_coverage(store::Store& store, int64_t dataset_id);

}  // namespace reinforge::steps
