#pragma once
// Stops a call that uses more than its CPU budget. One watchdog thread per sandbox; arming and
// disarming take an uncontended mutex and wake nobody while calls follow each other, so the
// per-call cost stays well under a microsecond. CPU time, not wall time, is what is measured:
// on a loaded 2-core machine a fair grader must not time out because others ran.
#include <condition_variable>
#include <ctime>
#include <functional>
#include <mutex>
#include <thread>

namespace reinforge::grading {

class CpuWatchdog {
 public:
  // `expire` runs on the watchdog thread, under its lock, at most once per arming.
  CpuWatchdog(long budget_ms, std::function<void()> expire);
  ~CpuWatchdog();
  CpuWatchdog(const CpuWatchdog&) = delete;
  CpuWatchdog& operator=(const CpuWatchdog&) = delete;

  // Starts timing the calling thread's CPU clock.
  void arm();
  // Stops timing; true when the budget ran out during this arming.
  bool disarm();

 private:
  void watch();

  long budget_ms_;
  std::function<void()> expire_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool armed_ = false;
  bool fired_ = false;
  bool idle_ = false;
  unsigned long long arming_ = 0;
  clockid_t clock_{};
  std::thread thread_;
};

}  // namespace reinforge::grading
