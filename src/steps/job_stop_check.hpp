#pragma once
// The stop check a dry-run-style job gives the runner (dryrun::StopRequest): it asks the job
// whether to stop and remembers why, so that after the runner returns the job ends the right way
// — interrupted by a shutdown (resumed later), failed because the store could not be read, or
// cancelled by a person.
#include <stdexcept>
#include <string>

#include "jobs/job_runner.hpp"

namespace reinforge::steps {

class JobStopCheck {
 public:
  explicit JobStopCheck(jobs::JobContext& context) : context_(context) {}

  // True when the run should stop now.
  bool operator()() {
    try {
      context_.check_cancelled();
      return false;
    } catch (const jobs::JobInterrupted&) {
      interrupted_ = true;
      return true;
    } catch (const jobs::JobCancelled&) {
      return true;
    } catch (const std::exception& error) {
      store_error_ = error.what();
      return true;
    }
  }

  // After the run: throws what stopped it, if anything did (`cancelled`: the runner's report).
  void throw_if_stopped(bool cancelled) const {
    if (interrupted_) throw jobs::JobInterrupted();
    if (!store_error_.empty()) throw std::runtime_error("the run stopped: " + store_error_);
    if (cancelled) throw jobs::JobCancelled();
  }

 private:
  jobs::JobContext& context_;
  bool interrupted_ = false;
  std::string store_error_;
};

}  // namespace reinforge::steps
