#include "jobs/job_runner.hpp"

#include <iostream>
#include <nlohmann/json.hpp>

#include "util/clock.hpp"

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
  store_.update_job(job_);
}

void JobContext::check_cancelled() {
  if (stopping_) throw JobInterrupted();
  int64_t now = util::now_unix_millis();
  if (progress_pending_ && now - last_write_ms_ >= 200) {
    last_write_ms_ = now;
    progress_pending_ = false;
    store_.update_job(job_);
  }
  if (now - last_cancel_check_ms_ < 100) return;
  last_cancel_check_ms_ = now;
  auto current = store_.find_job(job_.id);
  if (current && current->cancel_requested) throw JobCancelled();
}

JobRunner::JobRunner(store::Store& store, unsigned workers)
    : store_(store), workers_count_(workers ? workers : 1) {}

JobRunner::~JobRunner() {
  stop();
}

void JobRunner::register_kind(const std::string& kind, JobHandler handler, bool resumable,
                              bool own_thread) {
  kinds_[kind] = Kind{std::move(handler), resumable, own_thread};
}

void JobRunner::dispatch(const store::Job& job) {
  auto kind = kinds_.find(job.kind);
  if (kind == kinds_.end() || !kind->second.own_thread) {
    {
      std::lock_guard lock(mutex_);
      queue_.push_back(job.id);
    }
    wake_.notify_one();
    return;
  }
  std::lock_guard lock(mutex_);
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
                            auto current = store_.find_job(job_id);
                            if (current && current->state == store::JobState::queued)
                              run_one(*current);
                            finished_.notify_all();
                            *finished = true;
                          }),
                          finished});
}

void JobRunner::start() {
  for (auto job : store_.jobs_in_state(store::JobState::running)) {
    auto kind = kinds_.find(job.kind);
    if (kind != kinds_.end() && kind->second.resumable && !job.cancel_requested) {
      job.state = store::JobState::queued;
      job.message = "Resuming after a restart";
    } else {
      job.state = store::JobState::failed;
      job.error = "Reinforge stopped while this job was running; run it again.";
      job.finished_at = util::now_unix_seconds();
    }
    store_.update_job(job);
  }
  for (const auto& job : store_.jobs_in_state(store::JobState::queued)) dispatch(job);
  for (unsigned i = 0; i < workers_count_; ++i) workers_.emplace_back([this] { work(); });
}

void JobRunner::stop() {
  stopping_ = true;
  wake_.notify_all();
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
}

store::Job JobRunner::submit(const std::string& kind, std::optional<int64_t> dataset_id,
                             const std::string& params_json, const std::string& message) {
  if (!kinds_.count(kind)) throw std::invalid_argument("unknown job kind " + kind);
  store::Job job;
  job.kind = kind;
  job.dataset_id = dataset_id;
  job.params_json = params_json;
  job.message = message;
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
    auto job = store_.find_job(job_id);
    if (job && job->state == store::JobState::queued) run_one(*job);
    finished_.notify_all();
  }
}

void JobRunner::run_one(store::Job job) {
  const Kind& kind = kinds_.at(job.kind);
  // Claimed, not just written: another instance on the same store may have taken it since it
  // was read, or a person cancelled it.
  auto claimed = store_.claim_job(job.id);
  if (!claimed) return;
  job = *claimed;
  JobContext context(store_, job, stopping_);
  try {
    std::string result = kind.handler(context);
    job = *store_.find_job(job.id);
    job.state = store::JobState::succeeded;
    job.result_json = result;
    job.done = job.total = std::max(context.job().total, context.job().done);
    job.message = context.job().message;
  } catch (const JobCancelled&) {
    job = *store_.find_job(job.id);
    job.state = store::JobState::cancelled;
    job.message = "Cancelled; work committed before the cancel is kept";
  } catch (const JobInterrupted&) {
    job = *store_.find_job(job.id);
    if (kind.resumable) {
      job.state = store::JobState::queued;
      job.message = "Paused by shutdown; resumes at next start";
      store_.update_job(job);
      return;
    }
    job.state = store::JobState::failed;
    job.error = "Reinforge was shut down while this job was running; run it again.";
  } catch (const std::exception& error) {
    job = *store_.find_job(job.id);
    job.state = store::JobState::failed;
    job.error = error.what();
  }
  job.finished_at = util::now_unix_seconds();
  store_.update_job(job);
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
