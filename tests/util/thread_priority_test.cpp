#include "util/thread_priority.hpp"

#include <gtest/gtest.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <optional>
#include <string>
#include <thread>

namespace {

// Linux honours a slice asked for by a SCHED_OTHER or SCHED_BATCH thread from 6.12 on.
bool kernel_honours_asked_slices() {
  utsname name{};
  if (uname(&name) != 0) return false;
  int major = 0, minor = 0;
  if (std::sscanf(name.release, "%d.%d", &major, &minor) != 2) return false;
  return major > 6 || (major == 6 && minor >= 12);
}

// The slice the calling thread runs with, from /proc (Linux 6.6 and later), or nothing.
std::optional<std::chrono::microseconds> this_thread_time_slice() {
  std::ifstream sched("/proc/thread-self/sched");
  for (std::string line; std::getline(sched, line);) {
    if (!line.starts_with("se.slice")) continue;
    return std::chrono::duration_cast<std::chrono::microseconds>(
        std::chrono::nanoseconds(std::stoll(line.substr(line.find(':') + 1))));
  }
  return std::nullopt;
}

struct ThreadSchedule {
  int policy = -1;
  int nice = 0;
  std::optional<std::chrono::microseconds> slice;
};

ThreadSchedule in_background_thread(int nice) {
  ThreadSchedule seen;
  std::thread([&] {
    reinforge::util::run_this_thread_in_background(nice);
    seen.policy = sched_getscheduler(0);
    seen.nice = getpriority(PRIO_PROCESS, static_cast<id_t>(gettid()));
    seen.slice = this_thread_time_slice();
  }).join();
  return seen;
}

TEST(ThreadPriority, ABackgroundThreadYieldsAtItsNiceWithTheShortestSlice) {
  auto seen = in_background_thread(10);
  EXPECT_EQ(seen.policy, SCHED_BATCH);
  EXPECT_GE(seen.nice, 10);
  if (kernel_honours_asked_slices()) {
    ASSERT_TRUE(seen.slice.has_value());
    EXPECT_EQ(*seen.slice, reinforge::util::kShortSlice);
  }
}

TEST(ThreadPriority, AThreadAlreadyLowerKeepsItsNice) {
  ThreadSchedule seen;
  std::thread([&] {
    setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 15);
    reinforge::util::run_this_thread_in_background(10);
    seen.nice = getpriority(PRIO_PROCESS, static_cast<id_t>(gettid()));
  }).join();
  EXPECT_EQ(seen.nice, 15);
}

TEST(ThreadPriority, AThreadForLatencyKeepsItsPolicyAndNiceWithTheShortestSlice) {
  ThreadSchedule seen;
  std::thread([&] {
    setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 3);
    reinforge::util::run_this_thread_for_latency();
    seen.policy = sched_getscheduler(0);
    seen.nice = getpriority(PRIO_PROCESS, static_cast<id_t>(gettid()));
    seen.slice = this_thread_time_slice();
  }).join();
  EXPECT_EQ(seen.policy, SCHED_OTHER);
  EXPECT_EQ(seen.nice, 3);
  if (kernel_honours_asked_slices()) {
    ASSERT_TRUE(seen.slice.has_value());
    EXPECT_EQ(*seen.slice, reinforge::util::kShortSlice);
  }
}

TEST(ThreadPriority, OtherThreadsKeepTheDefaultSchedule) {
  in_background_thread(10);
  EXPECT_EQ(sched_getscheduler(0), SCHED_OTHER);
  auto slice = this_thread_time_slice();
  if (kernel_honours_asked_slices() && slice) {
    EXPECT_GT(*slice, reinforge::util::kShortSlice);
  }
}

}  // namespace
