#pragma once
// Persistent background jobs: rows in the store, run on a small thread pool, observable
// (progress), cancellable, and after a restart either resumed (resumable kinds, from their
// last checkpoint) or failed with a reason — never left "running".
#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "store/store.hpp"

namespace reinforge::jobs {

// Thrown inside a handler when the user cancelled the job.
struct JobCancelled : std::runtime_error {
  JobCancelled() : std::runtime_error("cancelled") {}
};
// Thrown inside a handler when the server is shutting down; a resumable job is queued again.
struct JobInterrupted : std::runtime_error {
  JobInterrupted() : std::runtime_error("interrupted by shutdown") {}
};

class JobContext {
 public:
  JobContext(store::Store& store, store::Job job, const std::atomic<bool>& stopping)
      : store_(store), job_(std::move(job)), stopping_(stopping) {}

  const store::Job& job() const { return job_; }
  store::Store& store() { return store_; }
  // Saves progress; writes to the store at most a few times a second (an update that came too
  // soon is written by a later check_cancelled, so the last one is never lost).
  void progress(int64_t done, int64_t total, const std::string& message);
  // Throws JobCancelled or JobInterrupted when the job should stop; call between units of work.
  void check_cancelled();

 private:
  store::Store& store_;
  store::Job job_;
  const std::atomic<bool>& stopping_;
  int64_t last_write_ms_ = 0;
  bool progress_pending_ = false;
  int64_t last_cancel_check_ms_ = 0;
};

// A handler returns the job's result as JSON text; an exception fails the job with its message.
using JobHandler = std::function<std::string(JobContext&)>;

// A job to queue when another succeeds (an import followed by topic discovery). It travels in
// the first job's params, so it survives a restart with it.
struct FollowUpJob {
  std::string kind;
  std::string params_json = "{}";
  std::string message;
};

class JobRunner {
 public:
  JobRunner(store::Store& store, unsigned workers);
  ~JobRunner();

  // `resumable` kinds are queued again after a restart and must continue from job.checkpoint_json.
  // `own_thread` kinds (a training run that follows a remote trainer for hours) each run on a
  // thread of their own instead of a pool worker, so they never hold up imports and dry runs.
  void register_kind(const std::string& kind, JobHandler handler, bool resumable,
                     bool own_thread = false);
  // Recovers jobs left by a previous process, then starts the workers.
  void start();
  // Asks running jobs to stop at their next check and waits for the workers.
  void stop();

  store::Job submit(const std::string& kind, std::optional<int64_t> dataset_id,
                    const std::string& params_json, const std::string& message);
  // The same, with `then` queued for the same dataset once this job succeeds. `params_json`
  // must be a JSON object; the follow-up is kept in it under "then".
  store::Job submit(const std::string& kind, std::optional<int64_t> dataset_id,
                    const std::string& params_json, const std::string& message,
                    const FollowUpJob& then);
  // Marks a queued job cancelled at once; a running one stops at its next check.
  std::optional<store::Job> cancel(int64_t job_id);
  // Blocks until the job is finished (tests and the CLI).
  store::Job wait(int64_t job_id);

 private:
  void work();
  void run_one(store::Job job);
  // Queues the job, or starts its own thread for an own_thread kind.
  void dispatch(const store::Job& job);
  void submit_follow_up(const store::Job& finished);

  struct Kind {
    JobHandler handler;
    bool resumable = false;
    bool own_thread = false;
  };
  struct OwnThread {
    std::thread thread;
    std::shared_ptr<std::atomic<bool>> finished;
  };
  store::Store& store_;
  unsigned workers_count_;
  std::map<std::string, Kind> kinds_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable finished_;
  std::deque<int64_t> queue_;
  std::atomic<bool> stopping_{false};
  std::vector<std::thread> workers_;
  std::vector<OwnThread> own_threads_;  // guarded by mutex_
};

}  // namespace reinforge::jobs
