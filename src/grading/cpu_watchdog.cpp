#include "grading/cpu_watchdog.hpp"

#include <pthread.h>

#include <algorithm>
#include <chrono>

namespace reinforge::grading {

namespace {

long long cpu_now_ns(clockid_t clock) {
  timespec now{};
  if (clock_gettime(clock, &now) != 0) return 0;
  return now.tv_sec * 1'000'000'000LL + now.tv_nsec;
}

}  // namespace

CpuWatchdog::CpuWatchdog(long budget_ms, std::function<void()> expire)
    : budget_ms_(budget_ms), expire_(std::move(expire)), thread_([this] { watch(); }) {}

CpuWatchdog::~CpuWatchdog() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void CpuWatchdog::arm() {
  clockid_t clock{};
  pthread_getcpuclockid(pthread_self(), &clock);
  std::lock_guard lock(mutex_);
  clock_ = clock;
  armed_ = true;
  fired_ = false;
  ++arming_;
  if (idle_) wake_.notify_one();
}

bool CpuWatchdog::disarm() {
  std::lock_guard lock(mutex_);
  armed_ = false;
  return fired_;
}

void CpuWatchdog::watch() {
  using namespace std::chrono;
  // Checks often enough that a runaway call overshoots its budget by at most a tenth of it.
  auto poll = milliseconds(std::clamp(budget_ms_ / 10, 1L, 10L));
  // A call blocked off-CPU (it cannot wait on anything in the sandbox, but the machine may be
  // swamped) is still stopped after this much wall time.
  auto wall_cap = milliseconds(budget_ms_ * 20 + 1000);
  std::unique_lock lock(mutex_);
  unsigned long long watched = 0;
  long long cpu_start_ns = 0;
  auto wall_start = steady_clock::now();
  while (!stopping_) {
    if (!armed_ || fired_) {
      idle_ = true;
      wake_.wait(lock, [this] { return stopping_ || (armed_ && !fired_); });
      idle_ = false;
      continue;
    }
    if (watched != arming_) {
      // The call started at most one poll ago; its CPU so far is counted from here on.
      watched = arming_;
      cpu_start_ns = cpu_now_ns(clock_);
      wall_start = steady_clock::now();
    } else {
      long long used_ns = cpu_now_ns(clock_) - cpu_start_ns;
      if (used_ns >= budget_ms_ * 1'000'000LL || steady_clock::now() - wall_start >= wall_cap) {
        fired_ = true;
        expire_();
        continue;
      }
    }
    wake_.wait_for(lock, poll);
  }
}

}  // namespace reinforge::grading
