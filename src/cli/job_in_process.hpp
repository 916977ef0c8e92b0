#pragma once
// Commands that run a job in this process (benchmark, generate): start the runner, show the job's
// message on stderr while it runs, cancel it on Ctrl-C or SIGTERM (the job then stops and keeps
// nothing half-done), and return the finished job.
#include <csignal>
#include <cstdint>

#include "jobs/job_runner.hpp"

namespace reinforge::cli {

// The runner of a command: one worker, and only the jobs the command submits (each pinned to this
// process), so it never takes over a server's jobs on the same store.
jobs::JobRunnerOptions command_job_runner();

// `signals` are the shutdown signals already blocked (shutdown_signals.hpp); the runner must have
// the job's kind registered and the job submitted, but not be started.
store::Job follow_job(store::Store& store, jobs::JobRunner& runner, int64_t job_id,
                      sigset_t signals, bool show_progress);

}  // namespace reinforge::cli
