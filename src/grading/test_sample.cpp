#include "grading/test_sample.hpp"

#include <algorithm>
#include <chrono>
#include <numeric>
#include <random>

#include "grading/sample_generation.hpp"

namespace reinforge::grading {

std::vector<TestSampleEntry> run_test_sample(const std::vector<nlohmann::json>& valid_records, const Grader& grader,
                                             const TestSampleOptions& options) {
  std::vector<size_t> order(valid_records.size());
  std::iota(order.begin(), order.end(), 0);
  std::mt19937_64 random(options.seed);
  std::shuffle(order.begin(), order.end(), random);
  order.resize(std::min(options.count, order.size()));

  std::vector<TestSampleEntry> entries;
  for (size_t index : order) {
    TestSampleEntry entry;
    entry.record_index = index;
    auto started = std::chrono::steady_clock::now();
    const auto& record = valid_records[index];
    if (options.provider) {
      auto generated = generate_sample(*options.provider, options.model, record, options.sampling);
      if (!generated.ok) {
        entry.sampling_error = generated.error;
      } else {
        entry.sample = std::move(generated.sample);
      }
    } else {
      auto parts = split_record(record);
      if (parts.reference_answer) {
        entry.sample = *parts.reference_answer;
      } else {
        entry.sampling_error = "the record has no assistant answer to grade";
      }
    }
    if (entry.sampling_error.empty()) entry.result = grader.grade(make_grade_input(record, entry.sample, options.objective));
    entry.latency_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    entries.push_back(std::move(entry));
  }
  return entries;
}

}  // namespace reinforge::grading
