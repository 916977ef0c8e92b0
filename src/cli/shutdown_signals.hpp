#pragma once
// SIGINT and SIGTERM for a long-running command: blocked in every thread (call this before
// starting any) and taken by one thread with sigwait, so a shutdown or a cancel starts at a
// known place; SIGPIPE is ignored (a client that went away is an error value, not a death).
#include <csignal>

namespace reinforge::cli {

inline sigset_t block_shutdown_signals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);
  return signals;
}

}  // namespace reinforge::cli
