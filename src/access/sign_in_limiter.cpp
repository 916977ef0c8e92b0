#include "access/sign_in_limiter.hpp"

#include <algorithm>

namespace reinforge::access {

namespace {

std::string lowercase(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

}  // namespace

std::optional<std::chrono::seconds> SignInLimiter::wait_for(std::map<std::string, Failures>& failures,
                                                            const std::string& key, int limit,
                                                            Clock::time_point now) {
  auto found = failures.find(key);
  if (found == failures.end()) return std::nullopt;
  auto& times = found->second;
  while (!times.empty() && now - times.front() >= limits_.window) times.pop_front();
  if (static_cast<int>(times.size()) < limit) return std::nullopt;
  // Allowed again when the oldest failure that keeps the count at the limit leaves the window.
  auto until = times[times.size() - static_cast<std::size_t>(limit)] + limits_.window;
  auto wait = std::chrono::ceil<std::chrono::seconds>(until - now);
  return std::max(wait, std::chrono::seconds(1));
}

std::optional<std::chrono::seconds> SignInLimiter::begin_attempt(const std::string& name,
                                                                 const std::string& address,
                                                                 Clock::time_point now) {
  std::lock_guard lock(mutex_);
  forget_old(now);
  std::string name_key = lowercase(name);
  std::optional<std::chrono::seconds> by_name;
  if (!name_key.empty()) by_name = wait_for(by_name_, name_key, limits_.failures_per_name, now);
  auto by_address = wait_for(by_address_, address, limits_.failures_per_address, now);
  if (by_name || by_address) return std::max(by_name.value_or(std::chrono::seconds(0)),
                                             by_address.value_or(std::chrono::seconds(0)));
  if (!name_key.empty()) by_name_[name_key].push_back(now);
  by_address_[address].push_back(now);
  return std::nullopt;
}

void SignInLimiter::record_success(const std::string& name, const std::string& address) {
  std::lock_guard lock(mutex_);
  by_name_.erase(lowercase(name));
  if (auto found = by_address_.find(address); found != by_address_.end() && !found->second.empty()) {
    found->second.pop_back();
  }
}

// Drops keys whose failures all left the window, at most once a minute, so guesses at many
// made-up names do not grow the maps without bound.
void SignInLimiter::forget_old(Clock::time_point now) {
  if (now - last_sweep_ < std::chrono::minutes(1)) return;
  last_sweep_ = now;
  for (auto* failures : {&by_name_, &by_address_}) {
    std::erase_if(*failures, [&](const auto& entry) {
      return entry.second.empty() || now - entry.second.back() >= limits_.window;
    });
  }
}

}  // namespace reinforge::access
