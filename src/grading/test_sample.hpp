#pragma once
// The grader step's "Test sample": grade a few random valid records, on their reference answers
// or on fresh samples from the base model when a provider is given.
#include <cstdint>
#include <string>
#include <vector>

#include "grading/grader.hpp"
#include "providers/llm_provider.hpp"

namespace reinforge::grading {

struct TestSampleOptions {
  size_t count = 5;
  uint64_t seed = 0;                                // the same seed picks the same records
  const providers::LlmProvider* provider = nullptr; // null: grade the reference answers
  std::string model;
  nlohmann::json sampling = nlohmann::json::object();
  std::string objective;
};

struct TestSampleEntry {
  size_t record_index = 0;  // into the records given
  Sample sample;
  GradeResult result;
  std::string sampling_error;  // the provider failed: nothing was graded
  double latency_ms = 0;       // sampling and grading
};

// `valid_records` are records that passed validation.
std::vector<TestSampleEntry> run_test_sample(const std::vector<nlohmann::json>& valid_records, const Grader& grader,
                                             const TestSampleOptions& options);

}  // namespace reinforge::grading
