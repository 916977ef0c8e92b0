#include "util/thread_priority.hpp"

#include <pthread.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>

namespace reinforge::util {

namespace {

// The kernel's struct sched_attr as of its first version (48 bytes); <linux/sched/types.h>
// cannot be included next to <sched.h>, and glibc 2.36 has no sched_setattr.
struct SchedAttr {
  uint32_t size = sizeof(SchedAttr);
  uint32_t sched_policy = 0;
  uint64_t sched_flags = 0;
  int32_t sched_nice = 0;
  uint32_t sched_priority = 0;
  uint64_t sched_runtime = 0;  // for SCHED_OTHER and SCHED_BATCH: the slice asked for (ns)
  uint64_t sched_deadline = 0;
  uint64_t sched_period = 0;
};

void ask_for_slice(int policy, int nice, std::chrono::microseconds slice) {
#ifdef SYS_sched_setattr
  SchedAttr attr;
  attr.sched_policy = static_cast<uint32_t>(policy);
  attr.sched_nice = nice;
  attr.sched_runtime = static_cast<uint64_t>(std::chrono::nanoseconds(slice).count());
  syscall(SYS_sched_setattr, 0, &attr, 0);
#else
  (void)policy, (void)nice, (void)slice;
#endif
}

}  // namespace

void run_this_thread_in_background(int nice) {
  sched_param no_priority{};
  pthread_setschedparam(pthread_self(), SCHED_BATCH, &no_priority);
  // Never above where the thread already runs: in a process started at nice 10, a privileged
  // setpriority to 5 would raise its "background" threads over the others.
  auto thread = static_cast<id_t>(gettid());
  errno = 0;
  int current = getpriority(PRIO_PROCESS, thread);
  if (errno != 0) return;
  if (current < nice) {
    setpriority(PRIO_PROCESS, thread, nice);
    current = nice;
  }
  // The same policy and nice again, with the slice (sched_setattr sets all three at once).
  ask_for_slice(SCHED_BATCH, current, kShortSlice);
}

void run_this_thread_for_latency() {
  errno = 0;
  int nice = getpriority(PRIO_PROCESS, static_cast<id_t>(gettid()));
  int policy = sched_getscheduler(0);
  if (errno != 0 || policy < 0) return;
  ask_for_slice(policy, nice, kShortSlice);
}

}  // namespace reinforge::util
