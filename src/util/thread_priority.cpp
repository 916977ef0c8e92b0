#include "util/thread_priority.hpp"

#include <cerrno>
#include <pthread.h>
#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>

namespace reinforge::util {

void run_this_thread_in_background(int nice) {
  sched_param no_priority{};
  pthread_setschedparam(pthread_self(), SCHED_BATCH, &no_priority);
  // Never above where the thread already runs: in a process started at nice 10, a privileged
  // setpriority to 5 would raise its "background" threads over the others.
  auto thread = static_cast<id_t>(gettid());
  errno = 0;
  int current = getpriority(PRIO_PROCESS, thread);
  if (errno == 0 && current >= nice) return;
  setpriority(PRIO_PROCESS, thread, nice);
}

}  // namespace reinforge::util
