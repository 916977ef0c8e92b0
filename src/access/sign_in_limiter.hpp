#pragma once
// Failed sign-ins counted per user name and per address over a sliding window, so a password
// cannot be guessed at request speed (docs/access.md, "Rate limit"). The failures are rows of the
// store (AccessStore's sign-in failures), so every instance sharing a store counts the same
// ones, and a restart forgets none; the limits, the window and the wait are decided here only.
// Times are the instance's wall clock in Unix milliseconds: instances on one database compare
// each other's, and the skew between clocks kept by NTP (milliseconds) is nothing against a
// 15-minute window.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "store/access_store.hpp"

namespace reinforge::access {

struct SignInLimits {
  int failures_per_name = 5;
  int failures_per_address = 20;
  std::chrono::seconds window{15 * 60};
};

// An attempt begun: either refused with the wait, or counted as a failure until record_success.
struct SignInAttempt {
  std::optional<std::chrono::seconds> wait;  // set: refused, and nothing was counted
  std::string name_key;                      // lowercased; empty: counted by address only
  int64_t address_failure_id = 0;            // the row that record_success un-counts
};

class SignInLimiter {
 public:
  using Clock = std::chrono::system_clock;
  explicit SignInLimiter(store::AccessStore& store, SignInLimits limits = {})
      : store_(store), limits_(limits) {}

  // Counts the attempt as a failure at once, so attempts in flight together, on any instance,
  // are all counted; or, when the name or the address is blocked, says how long until another
  // try is allowed (the attempt is then not made). An empty name is counted by address only (a
  // name that cannot exist need not be tracked).
  SignInAttempt begin_attempt(const std::string& name, const std::string& address,
                              Clock::time_point now = Clock::now());
  // A right password: the name's failures are cleared, and this attempt no longer counts
  // against the address (its earlier failures do: one address may be guessing many names).
  void record_success(const SignInAttempt& attempt);

 private:
  int64_t window_ms() const;
  // How long until `key` may try again, or nothing when it may now. `own_id`, the attempt's own
  // failure, is left out of the count.
  std::optional<std::chrono::seconds> wait_for(const store::SignInKey& key, int limit,
                                               int64_t now_ms, int64_t own_id = 0);

  store::AccessStore& store_;
  SignInLimits limits_;
};

}  // namespace reinforge::access
