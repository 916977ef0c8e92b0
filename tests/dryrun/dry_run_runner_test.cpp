// The dry run against a local upstream that is slow (200 ms), sometimes fails with 500s, and
// once hangs: the run finishes, errors are counted, nothing hangs, and concurrency pays.
#include "dryrun/dry_run_runner.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "grading/grader_config.hpp"
#include "providers/fake_upstream.hpp"
#include "providers/openai_compatible_provider.hpp"

using namespace reinforge::dryrun;
using reinforge::testing::chat_completion_response;
using reinforge::testing::FakeRequest;
using reinforge::testing::FakeResponse;
using reinforge::testing::FakeUpstream;

namespace {

std::vector<DryRunRecord> numbered_records(size_t count) {
  std::vector<DryRunRecord> records;
  for (size_t i = 0; i < count; ++i) {
    nlohmann::json record = {{"messages",
                              {{{"role", "user"}, {"content", "item " + std::to_string(i)}},
                               {{"role", "assistant"}, {"content", "ref"}}}}};
    records.push_back({"r" + std::to_string(i), i % 3 == 0 ? "billing" : "shipping", record});
  }
  return records;
}

// Scores the model's answer: "good" 1, "meh" 0.5, else 0.
std::unique_ptr<reinforge::grading::Grader> answer_grader() {
  return reinforge::grading::make_grader(
      {{"type", "script"},
       {"source", "function grade(i) { return {good: 1, meh: 0.5}[i.sample.output_text] ?? 0; }"}});
}

reinforge::providers::ProviderConfig provider_for(const FakeUpstream& upstream) {
  reinforge::providers::ProviderConfig config;
  config.name = "local";
  config.base_url = upstream.base_url();
  config.total_timeout_ms = 3000;
  config.max_retries = 1;
  config.initial_backoff_ms = 10;
  return config;
}

}  // namespace

TEST(DryRunRunner,
     slow_failing_and_hanging_upstream_finishes_with_errors_counted_and_concurrency_paying) {
  std::atomic<int> calls{0};
  FakeUpstream upstream([&](const FakeRequest& request) {
    int call = calls++;
    std::string prompt = request.json()["messages"][0]["content"];
    if (prompt == "item 7") return FakeResponse{200, "", {}, 0, true};  // hangs every time
    if (prompt == "item 11" || prompt == "item 12")
      return FakeResponse{500, R"({"error":{"message":"overloaded"}})", {}, 200, false};
    auto response = chat_completion_response(call % 4 == 0   ? "meh"
                                             : call % 4 == 1 ? "bad"
                                                             : "good");
    response.delay_ms = 200;
    return response;
  });
  reinforge::providers::OpenAiCompatibleProvider provider(provider_for(upstream));
  auto grader = answer_grader();
  DryRunOptions options;
  options.model = "base";
  options.sample_size = 300;
  options.concurrency = 32;
  options.grader_version = "sha256:test";
  std::atomic<size_t> reported{0};
  auto started = std::chrono::steady_clock::now();
  auto report = run_dry_run(numbered_records(300), *grader, &provider, options,
                            [&](const DryRunSample&, size_t done, size_t total) {
                              EXPECT_EQ(total, 300u);
                              reported = done;
                            });
  auto took = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  EXPECT_EQ(report.samples.size(), 300u);
  EXPECT_EQ(reported.load(), 300u);
  EXPECT_EQ(report.statistics.sampling_errors, 3u) << "two 500s and one hang";
  EXPECT_EQ(report.statistics.scored, 297u);
  EXPECT_EQ(report.grader_version, "sha256:test");
  // Serially this is 300 × 0.2 s = 60 s plus the hang's timeouts; 32 at a time is ≈ 2 s plus the
  // hang's 2 × 3 s. A generous bound, not a timing test.
  EXPECT_LT(took, 30.0) << "concurrency did not pay";
  bool found_hang = false;
  for (const auto& sample : report.samples) {
    if (sample.record_id == "r7") {
      found_hang = true;
      EXPECT_NE(sample.sampling_error.find("imeout"), std::string::npos) << sample.sampling_error;
    }
  }
  EXPECT_TRUE(found_hang);
  EXPECT_GT(report.statistics.mean, 0.2);
  EXPECT_EQ(report.statistics.prompt_tokens, 297 * 11);
}

TEST(DryRunRunner, reference_mode_grades_reference_answers_without_a_provider) {
  auto records = numbered_records(10);
  records[3].record["messages"][1]["content"] = "good";
  DryRunOptions options;
  options.mode = DryRunMode::reference;
  auto report = run_dry_run(records, *answer_grader(), nullptr, options);
  EXPECT_EQ(report.samples.size(), 10u);
  EXPECT_EQ(report.statistics.scored, 10u);
  EXPECT_DOUBLE_EQ(report.statistics.mean, 0.1);
  EXPECT_EQ(report.verdict.mean, DryRunVerdict::caution) << "mean exactly 0.1 is CAUTION";
  EXPECT_EQ(report.verdict.overall, DryRunVerdict::no_go) << "only 10% score above 0";
  EXPECT_THROW(run_dry_run(records, *answer_grader(), nullptr, {}), std::invalid_argument);
}

TEST(DryRunRunner, k_samples_per_prompt_report_disagreement) {
  std::atomic<int> calls{0};
  FakeUpstream upstream(
      [&](const FakeRequest&) { return chat_completion_response(calls++ % 2 ? "good" : "bad"); });
  reinforge::providers::OpenAiCompatibleProvider provider(provider_for(upstream));
  DryRunOptions options;
  options.model = "base";
  options.samples_per_prompt = 4;
  options.concurrency = 1;  // alternating answers land in every group
  auto report = run_dry_run(numbered_records(5), *answer_grader(), &provider, options);
  EXPECT_EQ(report.samples.size(), 20u);
  EXPECT_EQ(report.statistics.prompts_with_groups, 5u);
  EXPECT_DOUBLE_EQ(*report.statistics.disagreement_share, 1.0);
}

TEST(DryRunRunner, cancelling_stops_the_run_promptly) {
  FakeUpstream upstream([](const FakeRequest&) { return FakeResponse{200, "", {}, 0, true}; });
  auto config = provider_for(upstream);
  config.total_timeout_ms = 60'000;
  reinforge::providers::OpenAiCompatibleProvider provider(config);
  std::atomic<bool> cancelled{false};
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    cancelled = true;
  });
  DryRunOptions options;
  options.model = "base";
  auto started = std::chrono::steady_clock::now();
  auto report =
      run_dry_run(numbered_records(50), *answer_grader(), &provider, options, {}, &cancelled);
  canceller.join();
  EXPECT_TRUE(report.cancelled);
  EXPECT_TRUE(report.samples.empty());
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(15));
}

TEST(DryRunRunner, a_stop_request_aborts_calls_that_are_all_hanging) {
  FakeUpstream upstream([](const FakeRequest&) { return FakeResponse{200, "", {}, 0, true}; });
  auto config = provider_for(upstream);
  config.total_timeout_ms = 60'000;
  reinforge::providers::OpenAiCompatibleProvider provider(config);
  DryRunOptions options;
  options.model = "base";
  auto started = std::chrono::steady_clock::now();
  int asked = 0;
  auto report =
      run_dry_run(numbered_records(50), *answer_grader(), &provider, options, {}, nullptr, [&] {
        ++asked;
        return std::chrono::steady_clock::now() - started > std::chrono::milliseconds(300);
      });
  EXPECT_TRUE(report.cancelled);
  EXPECT_TRUE(report.samples.empty());
  EXPECT_GE(asked, 2);
  // Without the stop every call waits out its 60 s timeout.
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(15));
}
