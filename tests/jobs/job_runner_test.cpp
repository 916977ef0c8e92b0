#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "jobs/job_runner.hpp"
#include "support/temp_dir.hpp"

namespace reinforge::jobs {
namespace {

class JobRunnerTest : public ::testing::Test {
 protected:
  testing::TempDir temp;
  std::unique_ptr<store::Store> store = store::open_sqlite_store(temp.path());
};

TEST_F(JobRunnerTest, runs_a_job_to_success_with_its_result) {
  JobRunner runner(*store, 2);
  runner.register_kind("sum", [](JobContext& context) {
    context.progress(1, 2, "half");
    return std::string(R"({"sum":3})");
  }, false);
  runner.start();
  auto job = runner.wait(runner.submit("sum", std::nullopt, "{}", "Summing").id);
  EXPECT_EQ(job.state, store::JobState::succeeded);
  EXPECT_EQ(job.result_json, R"({"sum":3})");
  EXPECT_TRUE(job.finished_at.has_value());
}

TEST_F(JobRunnerTest, a_progress_update_that_came_too_soon_is_written_by_a_later_check) {
  // Written at once, then one within 200 ms (held back); the job then only checks for cancel.
  std::atomic<bool> release{false};
  JobRunner runner(*store, 1);
  runner.register_kind("slow", [&](JobContext& context) {
    context.progress(0, 10, "Planning");
    context.progress(3, 10, "Three done");
    while (!release) {
      context.check_cancelled();
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return std::string("{}");
  }, false);
  runner.start();
  auto id = runner.submit("slow", std::nullopt, "{}", "").id;
  std::string message;
  for (int i = 0; i < 100 && message != "Three done"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    message = store->find_job(id)->message;
  }
  EXPECT_EQ(message, "Three done");
  EXPECT_EQ(store->find_job(id)->done, 3);
  release = true;
  runner.wait(id);
}

TEST_F(JobRunnerTest, a_throwing_job_fails_with_its_message) {
  JobRunner runner(*store, 1);
  runner.register_kind("broken", [](JobContext&) -> std::string {
    throw std::runtime_error("the file has no lines");
  }, false);
  runner.start();
  auto job = runner.wait(runner.submit("broken", std::nullopt, "{}", "").id);
  EXPECT_EQ(job.state, store::JobState::failed);
  EXPECT_EQ(job.error, "the file has no lines");
}

TEST_F(JobRunnerTest, cancel_stops_a_running_job) {
  JobRunner runner(*store, 1);
  std::atomic<bool> started{false};
  runner.register_kind("slow", [&](JobContext& context) -> std::string {
    started = true;
    for (;;) {
      context.check_cancelled();
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }, false);
  runner.start();
  auto job = runner.submit("slow", std::nullopt, "{}", "");
  while (!started) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  runner.cancel(job.id);
  EXPECT_EQ(runner.wait(job.id).state, store::JobState::cancelled);
}

TEST_F(JobRunnerTest, after_a_crash_running_jobs_resume_or_fail_never_stay_running) {
  // Simulate what a killed process leaves behind: rows still marked running.
  store::Job resumable;
  resumable.kind = "resumable";
  resumable = store->create_job(resumable);
  resumable.state = store::JobState::running;
  store->update_job(resumable);
  store::Job one_shot;
  one_shot.kind = "one_shot";
  one_shot = store->create_job(one_shot);
  one_shot.state = store::JobState::running;
  store->update_job(one_shot);

  JobRunner runner(*store, 1);
  std::atomic<int> resumed{0};
  runner.register_kind("resumable", [&](JobContext&) {
    ++resumed;
    return std::string("{}");
  }, true);
  runner.register_kind("one_shot", [](JobContext&) { return std::string("{}"); }, false);
  runner.start();
  EXPECT_EQ(runner.wait(resumable.id).state, store::JobState::succeeded);
  EXPECT_EQ(resumed, 1);
  auto failed = runner.wait(one_shot.id);
  EXPECT_EQ(failed.state, store::JobState::failed);
  EXPECT_NE(failed.error->find("stopped"), std::string::npos);
}

}  // namespace
}  // namespace reinforge::jobs
