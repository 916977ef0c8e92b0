#pragma once
// Failed sign-ins counted per user name and per address over a sliding window, so a password
// cannot be guessed at request speed (docs/access.md, "Rate limit"). In memory: a restart
// forgets the counts, which costs a guesser a restart of ours, not theirs.
#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace reinforge::access {

struct SignInLimits {
  int failures_per_name = 5;
  int failures_per_address = 20;
  std::chrono::seconds window{15 * 60};
};

class SignInLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  explicit SignInLimiter(SignInLimits limits = {}) : limits_(limits) {}

  // Counts the attempt as a failure at once, so attempts in flight together are all counted,
  // and returns nothing; or, when the name or the address is blocked, how long until another
  // try is allowed (the attempt is then not made). An empty name is counted by address only
  // (a name that cannot exist need not be tracked, and long ones would grow the map).
  std::optional<std::chrono::seconds> begin_attempt(const std::string& name, const std::string& address,
                                                    Clock::time_point now = Clock::now());
  // A right password: the name's failures are cleared, and this attempt no longer counts
  // against the address (its earlier failures do: one address may be guessing many names).
  void record_success(const std::string& name, const std::string& address);

 private:
  using Failures = std::deque<Clock::time_point>;
  std::optional<std::chrono::seconds> wait_for(std::map<std::string, Failures>& failures,
                                               const std::string& key, int limit,
                                               Clock::time_point now);
  void forget_old(Clock::time_point now);

  SignInLimits limits_;
  std::mutex mutex_;
  std::map<std::string, Failures> by_name_;  // names lowercased: they compare without case
  std::map<std::string, Failures> by_address_;
  Clock::time_point last_sweep_{};
};

}  // namespace reinforge::access
