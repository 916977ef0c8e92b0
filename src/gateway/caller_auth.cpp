#include "gateway/caller_auth.hpp"

#include <iostream>

#include "util/secure_token.hpp"

namespace reinforge::gateway {

namespace {
// Half a second: a key revoked on another instance sharing the store is refused within a second.
constexpr auto kRefreshEvery = std::chrono::milliseconds(500);
}

CallerAuth::CallerAuth(std::unique_ptr<store::TraceStore> store, std::string admin_token_sha256)
    : store_(std::move(store)), admin_sha256_(std::move(admin_token_sha256)) {}

std::shared_ptr<const CallerAuth::KeyMap> CallerAuth::current_keys() {
  auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(mutex_);
    if (keys_ && now - loaded_at_ < kRefreshEvery) return keys_;
  }
  // One thread reloads; the others keep using the previous map meanwhile.
  std::unique_lock store_lock(store_mutex_, std::try_to_lock);
  if (!store_lock.owns_lock()) {
    std::lock_guard lock(mutex_);
    if (keys_) return keys_;
  }
  if (!store_lock.owns_lock()) store_lock.lock();
  auto fresh = std::make_shared<KeyMap>();
  try {
    for (auto& [hash, id] : store_->active_gateway_key_hashes()) fresh->emplace(std::move(hash), id);
  } catch (const std::exception& error) {
    // The database is away: callers keep the keys known a moment ago (a key revoked meanwhile
    // works until it answers again); asked again in a second.
    std::lock_guard lock(mutex_);
    if (!keys_) keys_ = std::make_shared<KeyMap>();
    if (!reload_failed_) std::cerr << "reinforge: gateway keys kept as they were: " << error.what() << "\n";
    reload_failed_ = true;
    loaded_at_ = now;
    return keys_;
  }
  std::lock_guard lock(mutex_);
  reload_failed_ = false;
  keys_ = std::move(fresh);
  loaded_at_ = now;
  return keys_;
}

std::optional<Caller> CallerAuth::authenticate(std::optional<std::string_view> authorization) {
  if (!authorization) return std::nullopt;
  std::string_view value = *authorization;
  constexpr std::string_view kBearer = "Bearer ";
  if (value.size() <= kBearer.size() || value.substr(0, kBearer.size()) != kBearer) return std::nullopt;
  std::string hash = util::sha256_hex(value.substr(kBearer.size()));
  // The map lookup is by hash, so it leaks nothing about the key through timing.
  auto keys = current_keys();
  if (auto found = keys->find(hash); found != keys->end()) return Caller{found->second};
  if (!admin_sha256_.empty() && util::constant_time_equals(hash, admin_sha256_)) return Caller{};
  std::optional<store::GatewayKey> key;
  try {
    std::lock_guard store_lock(store_mutex_);
    key = store_->find_active_gateway_key(hash);
  } catch (const std::exception&) {
    return std::nullopt;  // a key first seen while the database is away waits for it
  }
  if (!key) return std::nullopt;
  std::lock_guard lock(mutex_);
  auto updated = std::make_shared<KeyMap>(*keys_);
  updated->emplace(hash, key->id);
  keys_ = std::move(updated);
  return Caller{key->id};
}

std::optional<Caller> CallerAuth::authenticate(const http::Request& request,
                                               std::optional<std::string_view> authorization) {
  if (auto caller = authenticate(authorization)) return caller;
  if (ui_session_check_ && ui_session_check_(request)) return Caller{};
  return std::nullopt;
}

}  // namespace reinforge::gateway
