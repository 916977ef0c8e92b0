// The running server's threads, as `top -H` and perf see them: named for what they do
// (docs/architecture.md), and the IO threads and the calm trace writer on the short time slice
// (util/thread_priority.hpp) where the kernel honours one.
#include <gtest/gtest.h>
#include <sys/utsname.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <thread>

#include "support/server_process.hpp"
#include "support/temp_dir.hpp"

namespace reinforge::testing {
namespace {

struct SeenThread {
  std::string name;
  long long slice_ns = -1;  // -1: the kernel does not say
};

std::vector<SeenThread> threads_of(pid_t pid) {
  std::vector<SeenThread> seen;
  for (const auto& task :
       std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/task")) {
    SeenThread thread;
    std::ifstream(task.path() / "comm") >> thread.name;
    std::ifstream sched(task.path() / "sched");
    for (std::string line; std::getline(sched, line);) {
      if (line.starts_with("se.slice"))
        thread.slice_ns = std::stoll(line.substr(line.find(':') + 1));
    }
    seen.push_back(thread);
  }
  return seen;
}

bool kernel_honours_asked_slices() {
  utsname name{};
  int major = 0, minor = 0;
  if (uname(&name) != 0 || std::sscanf(name.release, "%d.%d", &major, &minor) != 2) return false;
  return major > 6 || (major == 6 && minor >= 12);
}

TEST(ServerThreads, AreNamedForWhatTheyDoAndTheIoThreadsAskForShortSlices) {
  TempDir temp;
  ServerProcess server(temp / "data", "thread-names-token");
  std::vector<SeenThread> seen;
  std::set<std::string> names;
  // The IO threads name themselves once they start running: give them a moment.
  for (int attempt = 0; attempt < 50; ++attempt) {
    seen = threads_of(server.pid());
    names.clear();
    for (const auto& thread : seen) names.insert(thread.name);
    if (names.count("http-io-0") && names.count("trace-writer")) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  for (const char* expected : {"http-io-0", "trace-writer", "trace-catchup", "wal-checkpoint",
                               "job-worker", "job-leases"}) {
    EXPECT_TRUE(names.count(expected)) << expected;
  }
  if (!kernel_honours_asked_slices()) return;
  for (const auto& thread : seen) {
    if (thread.name.starts_with("http-io-") || thread.name == "trace-writer") {
      EXPECT_EQ(thread.slice_ns, 100000) << thread.name;
    }
    if (thread.name == "job-worker") {
      EXPECT_GT(thread.slice_ns, 100000) << thread.name;
    }
  }
}

}  // namespace
}  // namespace reinforge::testing
