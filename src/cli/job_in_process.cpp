#include "cli/job_in_process.hpp"

#include <pthread.h>
#include <unistd.h>

#include <chrono>
#include <iostream>
#include <thread>

namespace reinforge::cli {

jobs::JobRunnerOptions command_job_runner() {
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  return jobs::JobRunnerOptions{.instance = "command-" + std::string(host) + "-" +
                                            std::to_string(getpid()),
                                .workers = 1,
                                .shared = false};
}

store::Job follow_job(store::Store& store, jobs::JobRunner& runner, int64_t job_id,
                      sigset_t signals, bool show_progress) {
  runner.start();
  std::thread on_signal([&] {
    int received = 0;
    sigwait(&signals, &received);
    if (received == SIGTERM || received == SIGINT) runner.cancel(job_id);
  });
  std::string last_message;
  store::Job job;
  for (;;) {
    job = *store.find_job(job_id);
    if (job.state != store::JobState::queued && job.state != store::JobState::running) break;
    if (show_progress && job.message != last_message) {
      std::cerr << "\r" << job.message << "\033[K" << std::flush;
      last_message = job.message;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  if (show_progress) std::cerr << "\n";
  runner.stop();
  // Wakes the signal thread: SIGTERM goes to that thread only, where it is blocked and waited for.
  pthread_kill(on_signal.native_handle(), SIGTERM);
  on_signal.join();
  return job;
}

}  // namespace reinforge::cli
