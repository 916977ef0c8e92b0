#pragma once
// Persistent background jobs: rows in the store, run on a small thread pool, observable
// (progress), cancellable, and after a restart either resumed (resumable kinds, from their
// last checkpoint) or failed with a reason — never left "running".
#include <atomic>
#include <chrono>
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
// Thrown inside a handler when this instance lost the job's lease: by the context, or by the
// store refusing a checkpointed batch (store.hpp).
using JobLeaseLost = store::JobLeaseLost;

class JobContext {
 public:
  // `instance` holds the job's lease; `lease_lost` is set by the runner when a renewal finds
  // the lease gone, and here when a write does.
  JobContext(store::Store& store, store::Job job, std::string instance,
             const std::atomic<bool>& stopping, std::atomic<bool>& lease_lost)
      : store_(store),
        job_(std::move(job)),
        instance_(std::move(instance)),
        stopping_(stopping),
        lease_lost_(lease_lost) {}

  const store::Job& job() const { return job_; }
  // The instance running the job, which holds its lease.
  const std::string& instance() const { return instance_; }
  store::Store& store() { return store_; }
  // Saves progress; writes to the store at most a few times a second (an update that came too
  // soon is written by a later check_cancelled, so the last one is never lost). Never throws:
  // check_cancelled reports a lease lost meanwhile.
  void progress(int64_t done, int64_t total, const std::string& message);
  // Throws JobCancelled, JobInterrupted or JobLeaseLost when the job should stop; call between
  // units of work.
  void check_cancelled();

 private:
  // Writes job_ while this instance holds the lease; throws JobLeaseLost once it does not.
  void write_progress();

  store::Store& store_;
  store::Job job_;
  std::string instance_;
  const std::atomic<bool>& stopping_;
  std::atomic<bool>& lease_lost_;
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

// How a kind of job runs.
struct JobKind {
  // Queued again after its instance stopped, and continues from job.checkpoint_json.
  bool resumable = false;
  // Runs on a thread of its own instead of a pool worker (a training run that follows a remote
  // trainer for hours), so it never holds up imports and dry runs.
  bool own_thread = false;
  // Reads files only the submitting instance has (an upload, a trainer process it started):
  // runs there, and is failed rather than resumed elsewhere when that instance is gone.
  bool runs_where_submitted = false;
};

struct JobRunnerOptions {
  // This runner's name in the jobs' leases: stable across restarts of one server, so a restart
  // takes its own running jobs back at once (docs/architecture.md, "Jobs and crash safety").
  std::string instance = "local";
  unsigned workers = 2;
  // A job whose lease is not renewed for this long is taken over by another instance; leases are
  // renewed every third of it.
  std::chrono::milliseconds lease{30'000};
  // How often the store is asked for queued jobs other instances submitted, and for jobs whose
  // instance died.
  std::chrono::milliseconds poll{1'000};
  // A server shares the store's jobs with other instances; a command (reinforge train) runs
  // only the jobs it submits, each pinned to it.
  bool shared = true;
};

class JobRunner {
 public:
  JobRunner(store::Store& store, JobRunnerOptions options);
  JobRunner(store::Store& store, unsigned workers);
  ~JobRunner();

  void register_kind(const std::string& kind, JobHandler handler, JobKind traits = {});
  // Takes back or fails the jobs a stopped instance left running, then starts the workers.
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
  const std::string& instance() const { return options_.instance; }

 private:
  void work();
  void run_one(store::Job job);
  // Queues the job, or starts its own thread for an own_thread kind; once per job id.
  void dispatch(const store::Job& job);
  void submit_follow_up(const store::Job& finished);
  // The loop that renews leases, takes over abandoned jobs and picks up queued ones.
  void keep_leases_and_poll();
  void renew_leases();
  void take_over_abandoned();
  void pick_up_queued();
  int64_t lease_end() const;

  // Runs a job taken from the queue or given its own thread, then forgets it.
  void run_dispatched(int64_t job_id);

  struct OwnThread {
    std::thread thread;
    std::shared_ptr<std::atomic<bool>> finished;
  };
  struct Dispatched {
    std::shared_ptr<std::atomic<bool>> lease_lost = std::make_shared<std::atomic<bool>>(false);
    std::optional<std::chrono::steady_clock::time_point> claimed_at;  // running here since
  };
  store::Store& store_;
  JobRunnerOptions options_;
  std::map<std::string, JobKind> kinds_;
  std::map<std::string, JobHandler> handlers_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable finished_;
  std::deque<int64_t> queue_;
  // Jobs queued here or running here (guarded by mutex_), and each running one's lease flag.
  std::map<int64_t, Dispatched> dispatched_;
  std::atomic<bool> stopping_{false};
  std::vector<std::thread> workers_;
  std::thread lease_keeper_;
  std::condition_variable lease_keeper_wake_;
  std::vector<OwnThread> own_threads_;  // guarded by mutex_
};

}  // namespace reinforge::jobs
