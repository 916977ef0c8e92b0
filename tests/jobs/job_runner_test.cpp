#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "jobs/job_runner.hpp"
#include "support/temp_dir.hpp"
#include "util/clock.hpp"

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
  });
  runner.start();
  auto job = runner.wait(runner.submit("sum", std::nullopt, "{}", "Summing").id);
  EXPECT_EQ(job.state, store::JobState::succeeded);
  EXPECT_EQ(job.result_json, R"({"sum":3})");
  EXPECT_TRUE(job.finished_at.has_value());
}

// A dry run's samplers report progress from their own threads, where a throw would end the
// process: a lease found lost there is raised by the job thread's next check.
TEST_F(JobRunnerTest, progress_from_a_worker_thread_never_throws_and_a_lost_lease_shows_next) {
  store::Job job;
  job.kind = "dry_run";
  job = store->create_job(job);
  ASSERT_TRUE(store->claim_job(job.id, "b", util::now_unix_millis() + 60'000));
  std::atomic<bool> stopping{false};
  std::atomic<bool> lease_lost{false};
  JobContext context(*store, *store->find_job(job.id), "a", stopping, lease_lost);
  std::thread worker([&] { context.progress(1, 10, "a's progress"); });
  worker.join();
  EXPECT_TRUE(lease_lost);
  EXPECT_THROW(context.check_cancelled(), JobLeaseLost);
  EXPECT_NE(store->find_job(job.id)->message, "a's progress");
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
  });
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
  runner.register_kind("broken", [](JobContext& context) -> std::string {
    context.progress(0, 10, "Indexing the records");
    throw std::runtime_error("the file has no lines");
  });
  runner.start();
  auto job = runner.wait(runner.submit("broken", std::nullopt, "{}", "").id);
  EXPECT_EQ(job.state, store::JobState::failed);
  EXPECT_EQ(job.error, "the file has no lines");
  EXPECT_EQ(job.message, "");  // not the stage it failed in, as if still at it
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
  });
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
  }, {.resumable = true});
  runner.register_kind("one_shot", [](JobContext&) { return std::string("{}"); });
  runner.start();
  EXPECT_EQ(runner.wait(resumable.id).state, store::JobState::succeeded);
  EXPECT_EQ(resumed, 1);
  auto failed = runner.wait(one_shot.id);
  EXPECT_EQ(failed.state, store::JobState::failed);
  EXPECT_NE(failed.error->find("stopped"), std::string::npos);
}

}  // namespace
}  // namespace reinforge::jobs

namespace reinforge::jobs {
namespace {

// Two servers on one store (two handles on one SQLite file here; the claims' and leases' SQL is
// tested on both backends in tests/store).
class SharedJobsTest : public JobRunnerTest {
 protected:
  std::unique_ptr<store::Store> other_store = store::open_sqlite_store(temp.path());

  static JobRunnerOptions instance(const std::string& name) {
    return JobRunnerOptions{.instance = name,
                            .workers = 2,
                            .lease = std::chrono::milliseconds(600),
                            .poll = std::chrono::milliseconds(50)};
  }
};

TEST_F(SharedJobsTest, jobs_queued_on_either_instance_run_exactly_once) {
  std::mutex mutex;
  std::map<int64_t, std::vector<std::string>> runs;
  auto count = [&](const std::string& name) {
    return [&, name](JobContext& context) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
      std::lock_guard lock(mutex);
      runs[context.job().id].push_back(name);
      return std::string("{}");
    };
  };
  JobRunner a(*store, instance("a"));
  JobRunner b(*other_store, instance("b"));
  a.register_kind("work", count("a"));
  b.register_kind("work", count("b"));
  a.start();
  b.start();
  std::vector<int64_t> ids;
  for (int n = 0; n < 10; ++n) {
    ids.push_back(a.submit("work", std::nullopt, "{}", "").id);
    ids.push_back(b.submit("work", std::nullopt, "{}", "").id);
  }
  for (int64_t id : ids) EXPECT_EQ(a.wait(id).state, store::JobState::succeeded);
  std::lock_guard lock(mutex);
  for (int64_t id : ids) EXPECT_EQ(runs[id].size(), 1u) << "job " << id;
}

TEST_F(SharedJobsTest, a_job_queued_elsewhere_is_picked_up_by_polling) {
  JobRunner a(*store, instance("a"));
  a.register_kind("work", [](JobContext&) { return std::string(R"({"on":"a"})"); });
  a.start();
  // Queued by an instance that has gone (never started its runner).
  JobRunner b(*other_store, instance("b"));
  b.register_kind("work", [](JobContext&) { return std::string(R"({"on":"b"})"); });
  auto job = b.submit("work", std::nullopt, "{}", "");
  auto done = a.wait(job.id);
  EXPECT_EQ(done.state, store::JobState::succeeded);
  EXPECT_EQ(done.result_json, R"({"on":"a"})");
}

// The instance running these jobs died: its lease lapses, and another instance resumes the
// resumable one from its checkpoint and fails the other with a reason naming the instance.
TEST_F(SharedJobsTest, the_jobs_of_an_instance_that_died_are_taken_over_once_its_lease_lapses) {
  auto dataset = other_store->create_dataset("imports", "");
  store::Job resumable;
  resumable.kind = "resumable";
  resumable.dataset_id = dataset.id;
  resumable = other_store->create_job(resumable);
  store::Job one_shot;
  one_shot.kind = "one_shot";
  one_shot = other_store->create_job(one_shot);
  int64_t lapses_at = util::now_unix_millis() + 300;
  ASSERT_TRUE(other_store->claim_job(resumable.id, "dead", lapses_at));
  ASSERT_TRUE(other_store->claim_job(one_shot.id, "dead", lapses_at));
  other_store->insert_records(dataset.id, {},
                              store::JobCheckpoint{resumable.id, R"({"line":7})", 7, "dead"});

  JobRunner a(*store, instance("a"));
  std::atomic<int> resumed_at{-1};
  a.register_kind("resumable", [&](JobContext& context) {
    resumed_at = nlohmann::json::parse(context.job().checkpoint_json).value("line", 0);
    return std::string("{}");
  }, {.resumable = true});
  a.register_kind("one_shot", [](JobContext&) { return std::string("{}"); });
  a.start();
  // Still leased: untouched.
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(store->find_job(one_shot.id)->state, store::JobState::running);
  EXPECT_EQ(a.wait(resumable.id).state, store::JobState::succeeded);
  EXPECT_EQ(resumed_at, 7);
  auto failed = a.wait(one_shot.id);
  EXPECT_EQ(failed.state, store::JobState::failed);
  EXPECT_NE(failed.error->find("instance running this job (dead) stopped"), std::string::npos)
      << *failed.error;
}

TEST_F(SharedJobsTest, a_job_that_needs_its_instances_files_runs_only_there) {
  std::atomic<bool> ran_on_b{false};
  JobRunner a(*store, instance("a"));
  a.register_kind("upload", [](JobContext&) { return std::string("{}"); },
                  {.runs_where_submitted = true});
  JobRunner b(*other_store, instance("b"));
  b.register_kind("upload", [&](JobContext&) {
    ran_on_b = true;
    return std::string("{}");
  }, {.runs_where_submitted = true});
  b.start();
  auto job = a.submit("upload", std::nullopt, "{}", "");
  EXPECT_EQ(job.runs_on, "a");
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(store->find_job(job.id)->state, store::JobState::queued);  // b leaves it
  a.start();
  EXPECT_EQ(a.wait(job.id).state, store::JobState::succeeded);
  EXPECT_FALSE(ran_on_b);
}

// An instance that could not renew in time (its database connection was away) and whose job
// another instance took over stops the job and writes nothing over the new owner's outcome.
TEST_F(SharedJobsTest, an_instance_that_lost_the_lease_stops_and_leaves_the_job_alone) {
  std::atomic<bool> started{false};
  std::atomic<bool> stopped_by_lease{false};
  JobRunner a(*store, instance("a"));
  a.register_kind("long", [&](JobContext& context) -> std::string {
    started = true;
    try {
      for (;;) {
        context.check_cancelled();
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
    } catch (const JobLeaseLost&) {
      stopped_by_lease = true;
      throw;
    }
  });
  a.start();
  auto job = a.submit("long", std::nullopt, "{}", "");
  while (!started) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  // Another instance takes it over as if a's lease had lapsed, and fails it.
  auto taken = other_store->take_over_job(job.id, "b", util::now_unix_millis() + 60'000,
                                          util::now_unix_millis() + 60'000);
  ASSERT_TRUE(taken);
  taken->state = store::JobState::failed;
  taken->error = "taken over by b";
  other_store->update_job(*taken);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!stopped_by_lease && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_TRUE(stopped_by_lease);
  a.stop();
  EXPECT_EQ(store->find_job(job.id)->error, "taken over by b");
}

// An instance paused past its lease (no renewal ran to tell it) wakes up with its handler
// finishing: the outcome of the instance that took the job over stands, its progress too, and
// no follow-up is queued by the paused one.
TEST_F(SharedJobsTest, a_paused_instance_that_wakes_after_a_take_over_writes_nothing) {
  std::atomic<bool> started{false};
  std::atomic<bool> wake_up{false};
  std::atomic<int> follow_ups{0};
  JobRunnerOptions slow_to_renew = instance("a");
  slow_to_renew.lease = std::chrono::minutes(10);  // no renewal during the test
  JobRunner a(*store, slow_to_renew);
  a.register_kind("long", [&](JobContext& context) -> std::string {
    started = true;
    while (!wake_up) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    try {
      context.progress(1, 2, "a: half way");
    } catch (const JobLeaseLost&) {
      return R"({"from":"a"})";  // a careless handler that finishes anyway
    }
    return R"({"from":"a"})";
  });
  a.register_kind("follow_up", [&](JobContext&) {
    ++follow_ups;
    return std::string("{}");
  });
  a.start();
  auto job = a.submit("long", std::nullopt, "{}", "", FollowUpJob{"follow_up", "{}", ""});
  while (!started) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  auto taken = other_store->take_over_job(job.id, "b", util::now_unix_millis() + 20 * 60'000,
                                          util::now_unix_millis() + 30 * 60'000);
  ASSERT_TRUE(taken);
  taken->state = store::JobState::failed;
  taken->error = "taken over by b";
  taken->message = "b decided";
  ASSERT_TRUE(other_store->update_held_job(*taken, "b"));
  wake_up = true;
  a.stop();  // waits for the worker, past its last write
  auto saved = store->find_job(job.id);
  EXPECT_EQ(saved->state, store::JobState::failed);
  EXPECT_EQ(saved->error, "taken over by b");
  EXPECT_EQ(saved->message, "b decided");
  EXPECT_FALSE(saved->result_json);
  EXPECT_EQ(follow_ups, 0);
  EXPECT_EQ(store->list_jobs(std::nullopt, 10).size(), 1u);
}

}  // namespace
}  // namespace reinforge::jobs
