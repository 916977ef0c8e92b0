#pragma once
// Who is calling the gateway: a gateway key (looked up by its SHA-256) or the admin token.
// Active keys are cached in memory and re-read from the store at most once a second, so a
// key created or revoked by the API or by `reinforge keys` (another process) takes effect
// within a second; an unknown key is looked up at once, so a new key works immediately.
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "store/trace_store.hpp"

namespace reinforge::gateway {

struct Caller {
  std::optional<int64_t> gateway_key_id;  // none: the admin token
};

class CallerAuth {
 public:
  CallerAuth(std::unique_ptr<store::TraceStore> store, std::string admin_token_sha256);

  // From the "authorization: Bearer ..." header value; nullopt when missing or wrong.
  std::optional<Caller> authenticate(std::optional<std::string_view> authorization);

 private:
  using KeyMap = std::unordered_map<std::string, int64_t>;
  std::shared_ptr<const KeyMap> current_keys();

  std::unique_ptr<store::TraceStore> store_;
  std::string admin_sha256_;
  std::mutex mutex_;  // guards keys_ and loaded_at_
  std::mutex store_mutex_;  // one store query at a time
  std::shared_ptr<const KeyMap> keys_;
  std::chrono::steady_clock::time_point loaded_at_{};
};

}  // namespace reinforge::gateway
