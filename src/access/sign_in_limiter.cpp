#include "access/sign_in_limiter.hpp"

#include <algorithm>
#include <cctype>
#include <utility>
#include <vector>

namespace reinforge::access {

namespace {

using std::chrono::milliseconds;
using store::SignInKey;
using store::SignInKeyKind;

// Each attempt writes at most two failures and deletes up to this many that left the window, so
// the rows of guesses at made-up names are gone soon after their window, whatever the rate.
constexpr int64_t kPruneBatch = 100;

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

int64_t unix_ms(SignInLimiter::Clock::time_point at) {
  return std::chrono::duration_cast<milliseconds>(at.time_since_epoch()).count();
}

}  // namespace

int64_t SignInLimiter::window_ms() const {
  return std::chrono::duration_cast<milliseconds>(limits_.window).count();
}

std::optional<std::chrono::seconds> SignInLimiter::wait_for(const SignInKey& key, int limit,
                                                            int64_t now_ms, int64_t own_id) {
  auto failures = store_.recent_sign_in_failures(key, now_ms - window_ms(), limit + 1);
  std::erase_if(failures,
                [&](const store::SignInFailure& failure) { return failure.id == own_id; });
  if (static_cast<int>(failures.size()) < limit) return std::nullopt;
  // Allowed again when the oldest failure that keeps the count at the limit leaves the window.
  int64_t until_ms = failures[static_cast<std::size_t>(limit) - 1].at_ms + window_ms();
  auto wait = std::chrono::ceil<std::chrono::seconds>(milliseconds(until_ms - now_ms));
  return std::max(wait, std::chrono::seconds(1));
}

SignInAttempt SignInLimiter::begin_attempt(const std::string& name, const std::string& address,
                                           Clock::time_point now) {
  const int64_t now_ms = unix_ms(now);
  store_.prune_sign_in_failures(now_ms - window_ms(), kPruneBatch);
  SignInAttempt attempt;
  attempt.name_key = lowercase(name);
  std::vector<std::pair<SignInKey, int>> keys;  // each with its limit; the address last
  if (!attempt.name_key.empty()) {
    keys.push_back({{SignInKeyKind::name, attempt.name_key}, limits_.failures_per_name});
  }
  keys.push_back({{SignInKeyKind::address, address}, limits_.failures_per_address});
  auto longest_wait = [&](const std::vector<int64_t>& own_ids) {
    std::optional<std::chrono::seconds> longest;
    for (std::size_t i = 0; i < keys.size(); ++i) {
      auto wait =
          wait_for(keys[i].first, keys[i].second, now_ms, i < own_ids.size() ? own_ids[i] : 0);
      if (wait && (!longest || *wait > *longest)) longest = wait;
    }
    return longest;
  };

  // Already blocked: refused before anything is written, so a guesser who keeps trying costs
  // the store reads, not writes.
  if ((attempt.wait = longest_wait({}))) return attempt;

  // Write first, then count. Each attempt's failure is committed before it reads the count, so
  // of the attempts allowed together (on any instances), the last to read saw every one of
  // them (each wrote before its own read, so before that last one) and was allowed: no more
  // than the limit are allowed in a window. Counting first and writing after would let attempts
  // racing on several instances all see the same count below the limit. Racing attempts may see
  // each other's rows before a refused one deletes its own: that errs towards refusing, and only
  // when the attempts in the window and those in flight together pass the limit.
  std::vector<int64_t> own_ids;
  for (const auto& [key, limit] : keys) own_ids.push_back(store_.add_sign_in_failure(key, now_ms));
  if ((attempt.wait = longest_wait(own_ids))) {
    for (int64_t id : own_ids) store_.delete_sign_in_failure(id);
    return attempt;
  }
  attempt.address_failure_id = own_ids.back();
  return attempt;
}

void SignInLimiter::record_success(const SignInAttempt& attempt) {
  if (!attempt.name_key.empty())
    store_.clear_sign_in_failures({SignInKeyKind::name, attempt.name_key});
  if (attempt.address_failure_id != 0) store_.delete_sign_in_failure(attempt.address_failure_id);
}

}  // namespace reinforge::access
