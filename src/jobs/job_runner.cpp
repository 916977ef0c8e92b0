#include "jobs/job_runner.hpp"

#include <algorithm>
#include <iostream>
#include <nlohmann/json.hpp>

#include "util/clock.hpp"
#include "util/thread_name.hpp"

namespace reinforge::jobs {

void JobContext::progress(int64_t done, int64_t total, const std::string& message) {
  job_.done = done;
  job_.total = total;
  job_.message = message;
  int64_t now = util::now_unix_millis();
  if (now - last_write_ms_ < 200 && done < total) {
    progress_pending_ = true;  // written by the next check_cancelled once 200 ms have passed
    return;
  }
  last_write_ms_ = now;
  progress_pending_ = false;
  // Also called from worker threads (a dry run's samplers), where an exception would end the
  // process: a lost lease is raised by the next check_cancelled, a failed write is tried again
  // with the next one.
  try {
    write_progress();
  } catch (const JobLeaseLost&) {
  } catch (const std::exception&) {
    progress_pending_ = true;
  }
}

void JobContext::write_progress() {
  if (store_.update_held_job(job_, instance_)) return;
  lease_lost_ = true;
  throw JobLeaseLost();
}

void JobContext::check_cancelled() {
  if (lease_lost_) throw JobLeaseLost();
  if (stopping_) throw JobInterrupted();
  int64_t now = util::now_unix_millis();
  if (progress_pending_ && now - last_write_ms_ >= 200) {
    last_write_ms_ = now;
    progress_pending_ = false;
    write_progress();
  }
  if (now - last_cancel_check_ms_ < 100) return;
  last_cancel_check_ms_ = now;
  auto current = store_.find_job(job_.id);
  if (current && current->cancel_requested) throw JobCancelled();
}

JobRunner::JobRunner(store::Store& store, JobRunnerOptions options)
    : store_(store), options_(std::move(options)) {
  if (options_.workers == 0) options_.workers = 1;
}

JobRunner::JobRunner(store::Store& store, unsigned workers)
    : JobRunner(store, JobRunnerOptions{.workers = workers}) {}

JobRunner::~JobRunner() {
  stop();
}

void JobRunner::register_kind(const std::string& kind, JobHandler handler, JobKind traits) {
  kinds_[kind] = traits;
  handlers_[kind] = std::move(handler);
}

int64_t JobRunner::lease_end() const {
  return util::now_unix_millis() + options_.lease.count();
}

void JobRunner::dispatch(const store::Job& job) {
  auto kind = kinds_.find(job.kind);
  bool own_thread = kind != kinds_.end() && kind->second.own_thread;
  std::lock_guard lock(mutex_);
  if (!dispatched_.emplace(job.id, Dispatched{}).second) return;  // queued or running here
  if (!own_thread) {
    queue_.push_back(job.id);
    wake_.notify_one();
    return;
  }
  // Threads whose job has ended are joined here, so they do not pile up over months of runs.
  for (auto it = own_threads_.begin(); it != own_threads_.end();) {
    if (*it->finished) {
      it->thread.join();
      it = own_threads_.erase(it);
    } else {
      ++it;
    }
  }
  auto finished = std::make_shared<std::atomic<bool>>(false);
  int64_t job_id = job.id;
  own_threads_.push_back({std::thread([this, job_id, finished] {
                            util::name_this_thread("job-" + std::to_string(job_id));
                            run_dispatched(job_id);
                            *finished = true;
                          }),
                          finished});
}

void JobRunner::run_dispatched(int64_t job_id) {
  try {
    auto job = store_.find_job(job_id);
    if (job && job->state == store::JobState::queued) run_one(*job);
  } catch (const std::exception& error) {
    // The store failed around the job (the database went away): the job keeps its lease until
    // it lapses, and then this or another instance takes it over.
    std::cerr << "reinforge: job " << job_id << ": " << error.what() << "\n";
  }
  {
    std::lock_guard lock(mutex_);
    dispatched_.erase(job_id);
  }
  finished_.notify_all();
}

void JobRunner::start() {
  if (options_.shared) {
    take_over_abandoned();
    pick_up_queued();
  }
  for (unsigned i = 0; i < options_.workers; ++i) {
    workers_.emplace_back([this] {
      util::name_this_thread("job-worker");
      work();
    });
  }
  lease_keeper_ = std::thread([this] {
    util::name_this_thread("job-leases");
    keep_leases_and_poll();
  });
}

void JobRunner::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  lease_keeper_wake_.notify_all();
  for (auto& worker : workers_) {
    if (worker.joinable()) worker.join();
  }
  workers_.clear();
  std::vector<OwnThread> own_threads;
  {
    std::lock_guard lock(mutex_);
    own_threads.swap(own_threads_);
  }
  for (auto& own : own_threads) {
    if (own.thread.joinable()) own.thread.join();
  }
  // Last, so that the jobs stopping above keep their leases until they let go of them.
  if (lease_keeper_.joinable()) lease_keeper_.join();
}

void JobRunner::keep_leases_and_poll() {
  auto next_renewal = std::chrono::steady_clock::now();
  std::string last_error;
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    lock.unlock();
    try {
      auto now = std::chrono::steady_clock::now();
      if (now >= next_renewal) {
        renew_leases();
        next_renewal = now + options_.lease / 3;
      }
      if (options_.shared) {
        take_over_abandoned();
        pick_up_queued();
      }
      if (!last_error.empty()) std::cerr << "reinforge: jobs: the store answers again\n";
      last_error.clear();
    } catch (const std::exception& error) {
      // Said once, not every second while the database is away.
      if (error.what() != last_error) std::cerr << "reinforge: jobs: " << error.what() << "\n";
      last_error = error.what();
    }
    lock.lock();
    lease_keeper_wake_.wait_for(lock, options_.poll, [this] { return stopping_.load(); });
  }
}

void JobRunner::renew_leases() {
  auto asked_at = std::chrono::steady_clock::now();
  auto held = store_.renew_job_leases(options_.instance, lease_end());
  std::lock_guard lock(mutex_);
  for (auto& [id, dispatched] : dispatched_) {
    // A job claimed after the renewal was asked for is not in its answer, yet holds its lease.
    if (!dispatched.claimed_at || *dispatched.claimed_at > asked_at) continue;
    if (std::find(held.begin(), held.end(), id) == held.end()) *dispatched.lease_lost = true;
  }
}

void JobRunner::take_over_abandoned() {
  for (const auto& job : store_.abandoned_jobs(options_.instance, util::now_unix_millis())) {
    {
      std::lock_guard lock(mutex_);
      if (dispatched_.count(job.id)) continue;  // running here
    }
    auto taken = store_.take_over_job(job.id, options_.instance, util::now_unix_millis(),
                                      lease_end());
    if (!taken) continue;
    std::string previous = job.lease_owner.value_or(options_.instance);
    bool restarted_here = previous == options_.instance;
    auto kind = kinds_.find(taken->kind);
    bool may_resume = kind != kinds_.end() && kind->second.resumable && !taken->cancel_requested &&
                      (!taken->runs_on || *taken->runs_on == options_.instance);
    if (may_resume) {
      taken->state = store::JobState::queued;
      taken->message = restarted_here ? "Resuming after a restart"
                                      : "Resuming here: instance " + previous + " stopped";
    } else {
      taken->state = store::JobState::failed;
      taken->message.clear();
      taken->error = restarted_here
                         ? "Reinforge stopped while this job was running; run it again."
                         : "The instance running this job (" + previous +
                               ") stopped; run it again.";
      taken->finished_at = util::now_unix_seconds();
    }
    // Written only while the lease just taken still holds: a pause here past it lets a third
    // instance decide instead.
    if (store_.update_held_job(*taken, options_.instance) && may_resume) dispatch(*taken);
  }
}

void JobRunner::pick_up_queued() {
  for (const auto& job : store_.claimable_jobs(options_.instance, options_.workers + 8)) {
    auto kind = kinds_.find(job.kind);
    if (kind == kinds_.end()) continue;  // for an instance that knows this kind
    if (!kind->second.own_thread) {
      std::lock_guard lock(mutex_);
      // Only as many as the workers can start: the rest stay for whichever instance is free.
      if (queue_.size() >= options_.workers) continue;
    }
    dispatch(job);
  }
}

store::Job JobRunner::submit(const std::string& kind, std::optional<int64_t> dataset_id,
                             const std::string& params_json, const std::string& message) {
  if (!kinds_.count(kind)) throw std::invalid_argument("unknown job kind " + kind);
  store::Job job;
  job.kind = kind;
  job.dataset_id = dataset_id;
  job.params_json = params_json;
  job.message = message;
  if (!options_.shared || kinds_.at(kind).runs_where_submitted) job.runs_on = options_.instance;
  job = store_.create_job(job);
  dispatch(job);
  return job;
}

store::Job JobRunner::submit(const std::string& kind, std::optional<int64_t> dataset_id,
                             const std::string& params_json, const std::string& message,
                             const FollowUpJob& then) {
  if (!kinds_.count(then.kind)) throw std::invalid_argument("unknown job kind " + then.kind);
  auto params = nlohmann::json::parse(params_json);
  params["then"] = {{"kind", then.kind},
                    {"params", nlohmann::json::parse(then.params_json)},
                    {"message", then.message}};
  return submit(kind, dataset_id, params.dump(), message);
}

void JobRunner::submit_follow_up(const store::Job& finished) {
  auto params = nlohmann::json::parse(finished.params_json, nullptr, false);
  if (!params.is_object() || !params.contains("then")) return;
  const auto& then = params["then"];
  if (!kinds_.count(then.value("kind", ""))) return;
  submit(then["kind"], finished.dataset_id, then["params"].dump(), then.value("message", ""));
}

std::optional<store::Job> JobRunner::cancel(int64_t job_id) {
  auto job = store_.find_job(job_id);
  if (!job) return std::nullopt;
  if (job->state == store::JobState::queued) {
    job->state = store::JobState::cancelled;
    job->finished_at = util::now_unix_seconds();
    job->message = "Cancelled before it started";
    store_.update_job(*job);
  } else if (job->state == store::JobState::running) {
    store_.request_job_cancel(job_id);
    job->cancel_requested = true;
  }
  finished_.notify_all();
  return job;
}

store::Job JobRunner::wait(int64_t job_id) {
  std::unique_lock lock(mutex_);
  for (;;) {
    auto job = store_.find_job(job_id);
    if (!job) throw std::out_of_range("no job " + std::to_string(job_id));
    if (job->state != store::JobState::queued && job->state != store::JobState::running) {
      return *job;
    }
    finished_.wait_for(lock, std::chrono::milliseconds(100));
  }
}

void JobRunner::work() {
  for (;;) {
    int64_t job_id = 0;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      job_id = queue_.front();
      queue_.pop_front();
    }
    run_dispatched(job_id);
  }
}

void JobRunner::run_one(store::Job job) {
  auto kind = kinds_.find(job.kind);
  if (kind == kinds_.end()) return;
  // Claimed, not just written: another instance on the same store may have taken it since it
  // was read, or a person cancelled it.
  auto claimed = store_.claim_job(job.id, options_.instance, lease_end());
  if (!claimed) return;
  job = *claimed;
  std::shared_ptr<std::atomic<bool>> lease_lost;
  {
    std::lock_guard lock(mutex_);
    auto& dispatched = dispatched_[job.id];
    dispatched.claimed_at = std::chrono::steady_clock::now();
    lease_lost = dispatched.lease_lost;
  }
  JobContext context(store_, job, options_.instance, stopping_, *lease_lost);
  try {
    std::string result = handlers_.at(job.kind)(context);
    if (*lease_lost) return;
    job = *store_.find_job(job.id);
    job.state = store::JobState::succeeded;
    job.result_json = result;
    job.done = job.total = std::max(context.job().total, context.job().done);
    job.message = context.job().message;
  } catch (const JobLeaseLost&) {
    // Another instance has the job now; whatever it decides stands.
    std::cerr << "reinforge: job " << job.id << " was taken over by another instance\n";
    return;
  } catch (const JobCancelled&) {
    job = *store_.find_job(job.id);
    job.state = store::JobState::cancelled;
    job.message = "Cancelled; work committed before the cancel is kept";
  } catch (const JobInterrupted&) {
    job = *store_.find_job(job.id);
    if (kind->second.resumable) {
      job.state = store::JobState::queued;
      job.message = "Paused by shutdown; resumes at next start";
      store_.update_held_job(job, options_.instance);
      return;
    }
    job.state = store::JobState::failed;
    job.message.clear();
    job.error = "Reinforge was shut down while this job was running; run it again.";
  } catch (const std::exception& error) {
    job = *store_.find_job(job.id);
    job.state = store::JobState::failed;
    // The error says what happened; the last progress words ("Indexing...") would say the job
    // is still at it.
    job.message.clear();
    job.error = error.what();
  }
  job.finished_at = util::now_unix_seconds();
  if (!store_.update_held_job(job, options_.instance)) {
    // Taken over while the handler ran past its lease unnoticed (this instance paused): the
    // other instance's outcome stands, and no follow-up is queued twice.
    std::cerr << "reinforge: job " << job.id
              << " was taken over by another instance; its outcome here is dropped\n";
    return;
  }
  // Queued even during a shutdown: it runs at the next start. A store error here must not end
  // the worker: the finished job stands, and the follow-up is reported lost.
  if (job.state == store::JobState::succeeded) {
    try {
      submit_follow_up(job);
    } catch (const std::exception& error) {
      std::cerr << "reinforge: job " << job.id
                << " succeeded but its follow-up could not be queued: " << error.what() << "\n";
    }
  }
}

}  // namespace reinforge::jobs
