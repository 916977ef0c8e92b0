#pragma once
// Who is calling the gateway: a gateway key (looked up by its SHA-256) or the admin token.
// Active keys are cached in memory and re-read from the store twice a second by a thread of
// their own, so a key created or revoked by the API or by `reinforge keys` (another process or
// instance) takes effect within a second, and the IO threads that authenticate calls never wait
// for a database that stopped answering. An unknown key is looked up at once, so a new key works
// immediately, unless the last reload has hung for a second: then it waits for the database.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>

#include "http/request.hpp"
#include "store/trace_store.hpp"

namespace reinforge::gateway {

struct Caller {
  std::optional<int64_t> gateway_key_id;  // none: the admin token or a UI session
};

class CallerAuth {
 public:
  CallerAuth(std::unique_ptr<store::TraceStore> store, std::string admin_token_sha256);
  ~CallerAuth();
  CallerAuth(const CallerAuth&) = delete;
  CallerAuth& operator=(const CallerAuth&) = delete;

  // From the "authorization: Bearer ..." header value; nullopt when missing or wrong.
  std::optional<Caller> authenticate(std::optional<std::string_view> authorization);
  // The key's caller, or a signed-in UI page's (the playground) when a check is installed.
  std::optional<Caller> authenticate(const http::Request& request,
                                     std::optional<std::string_view> authorization);
  // Set once before the server runs.
  void accept_ui_sessions(std::function<bool(const http::Request&)> check) {
    ui_session_check_ = std::move(check);
  }

 private:
  using KeyMap = std::unordered_map<std::string, int64_t>;
  std::shared_ptr<const KeyMap> current_keys();
  void reload();
  void refresh_until_stopped();
  bool store_hung();

  std::unique_ptr<store::TraceStore> store_;
  std::string admin_sha256_;
  std::function<bool(const http::Request&)> ui_session_check_;
  std::timed_mutex store_mutex_;  // one store query at a time
  std::mutex mutex_;              // guards what follows
  std::shared_ptr<const KeyMap> keys_;
  bool reload_failed_ = false;                                           // said once per outage
  std::optional<std::chrono::steady_clock::time_point> reload_started_;  // while one runs
  bool stopping_ = false;
  std::condition_variable wake_;
  std::thread refresher_;
};

}  // namespace reinforge::gateway
