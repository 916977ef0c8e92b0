#include "gateway/caller_auth.hpp"

#include <iostream>

#include "util/secure_token.hpp"
#include "util/thread_name.hpp"

namespace reinforge::gateway {

namespace {
// Half a second: a key revoked on another instance sharing the store is refused within a second.
constexpr auto kRefreshEvery = std::chrono::milliseconds(500);
// A reload this long under way means the database stopped answering (a partition, a frozen
// host): unknown keys are not looked up meanwhile, so no IO thread waits on it too.
constexpr auto kHungAfter = std::chrono::seconds(1);
}  // namespace

CallerAuth::CallerAuth(std::unique_ptr<store::TraceStore> store, std::string admin_token_sha256)
    : store_(std::move(store)), admin_sha256_(std::move(admin_token_sha256)) {
  reload();
  refresher_ = std::thread([this] {
    util::name_this_thread("gateway-keys");
    refresh_until_stopped();
  });
}

CallerAuth::~CallerAuth() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  refresher_.join();
}

void CallerAuth::refresh_until_stopped() {
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, kRefreshEvery, [this] { return stopping_; })) {
    lock.unlock();
    reload();
    lock.lock();
  }
}

void CallerAuth::reload() {
  {
    std::lock_guard lock(mutex_);
    reload_started_ = std::chrono::steady_clock::now();
  }
  auto fresh = std::make_shared<KeyMap>();
  std::string failure;
  try {
    std::lock_guard store_lock(store_mutex_);
    for (auto& [hash, id] : store_->active_gateway_key_hashes()) fresh->emplace(std::move(hash), id);
  } catch (const std::exception& error) {
    failure = error.what();
  }
  std::lock_guard lock(mutex_);
  reload_started_.reset();
  if (!failure.empty()) {
    // The database is away: callers keep the keys known a moment ago (a key revoked meanwhile
    // works until it answers again); asked again in half a second.
    if (!keys_) keys_ = std::make_shared<KeyMap>();
    if (!reload_failed_)
      std::cerr << "reinforge: gateway keys kept as they were: " << failure << "\n";
    reload_failed_ = true;
    return;
  }
  reload_failed_ = false;
  keys_ = std::move(fresh);
}

std::shared_ptr<const CallerAuth::KeyMap> CallerAuth::current_keys() {
  std::lock_guard lock(mutex_);
  return keys_;
}

bool CallerAuth::store_hung() {
  std::lock_guard lock(mutex_);
  return reload_started_ && std::chrono::steady_clock::now() - *reload_started_ > kHungAfter;
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
  if (store_hung()) return std::nullopt;  // a key first seen now waits for the database
  std::optional<store::GatewayKey> key;
  try {
    std::unique_lock store_lock(store_mutex_, kHungAfter);
    if (!store_lock.owns_lock()) return std::nullopt;  // the reload under way is hanging
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
