// Gateway keys: cached, re-read twice a second by a thread of their own, so the threads that
// answer calls never wait on a database that stopped answering.
#include "gateway/caller_auth.hpp"
#include "gateway/gateway_keys.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "support/forwarding_trace_store.hpp"
#include "support/temp_dir.hpp"
#include "util/secure_token.hpp"

using namespace reinforge;
using Clock = std::chrono::steady_clock;

namespace {

// A store whose key reads hang while the test says so, as a database behind a link that went
// silent does (a partition, a frozen host): no error, no answer.
class HangingKeyStore : public reinforge::testing::ForwardingTraceStore {
 public:
  using ForwardingTraceStore::ForwardingTraceStore;
  void hang(bool hanging) {
    std::lock_guard lock(mutex_);
    hanging_ = hanging;
    released_.notify_all();
  }
  std::vector<std::pair<std::string, int64_t>> active_gateway_key_hashes() override {
    wait_while_hanging();
    return inner_->active_gateway_key_hashes();
  }
  std::optional<store::GatewayKey> find_active_gateway_key(const std::string& sha256) override {
    wait_while_hanging();
    return inner_->find_active_gateway_key(sha256);
  }

 private:
  void wait_while_hanging() {
    std::unique_lock lock(mutex_);
    released_.wait(lock, [this] { return !hanging_; });
  }
  std::mutex mutex_;
  std::condition_variable released_;
  bool hanging_ = false;
};

std::string bearer(const std::string& key) {
  return "Bearer " + key;
}

}  // namespace

TEST(CallerAuth, ADatabaseThatStopsAnsweringHoldsUpNoCall) {
  reinforge::testing::TempDir dir;
  auto keys = store::open_sqlite_trace_store(dir.path());
  auto known = keys->create_gateway_key("known", "rk_known", util::sha256_hex("rk_known_secret"));
  auto hanging = std::make_unique<HangingKeyStore>(store::open_sqlite_trace_store(dir.path()));
  auto* store = hanging.get();
  gateway::CallerAuth auth(std::move(hanging), util::sha256_hex("admin-token"));
  ASSERT_TRUE(auth.authenticate(bearer("rk_known_secret")));

  store->hang(true);
  std::this_thread::sleep_for(std::chrono::milliseconds(1800));  // a reload is stuck by now
  auto asked = Clock::now();
  auto caller = auth.authenticate(bearer("rk_known_secret"));
  ASSERT_TRUE(caller);
  EXPECT_EQ(caller->gateway_key_id, known.id);
  EXPECT_TRUE(auth.authenticate(bearer("admin-token")));
  // A key it has not seen waits for the database instead of for the hung read.
  EXPECT_FALSE(auth.authenticate(bearer("rk_new_secret")));
  EXPECT_LT(Clock::now() - asked, std::chrono::seconds(1)) << "a call waited on the database";

  // Once the database answers, a key created meanwhile works within a second.
  keys->create_gateway_key("new", "rk_new", util::sha256_hex("rk_new_secret"));
  store->hang(false);
  auto deadline = Clock::now() + std::chrono::seconds(1);
  while (!auth.authenticate(bearer("rk_new_secret")) && Clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_TRUE(auth.authenticate(bearer("rk_new_secret")));
}

TEST(CallerAuth, ARevokedKeyIsRefusedWithinASecond) {
  reinforge::testing::TempDir dir;
  auto keys = store::open_sqlite_trace_store(dir.path());
  auto key = keys->create_gateway_key("k", "rk_k", util::sha256_hex("rk_k_secret"));
  gateway::CallerAuth auth(store::open_sqlite_trace_store(dir.path()), "");
  ASSERT_TRUE(auth.authenticate(bearer("rk_k_secret")));
  ASSERT_TRUE(keys->revoke_gateway_key(key.id));
  auto deadline = Clock::now() + std::chrono::seconds(1);
  while (auth.authenticate(bearer("rk_k_secret")) && Clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_FALSE(auth.authenticate(bearer("rk_k_secret")));
}

// Keys are told apart by name in traces and their filters: two active keys may not share one.
TEST(GatewayKeys, ANameIsTakenWhileItsKeyIsActive) {
  reinforge::testing::TempDir dir;
  auto keys = store::open_sqlite_trace_store(dir.path());
  auto first = gateway::issue_gateway_key(*keys, "support-app");
  EXPECT_THROW(gateway::issue_gateway_key(*keys, " support-app "), gateway::GatewayKeyNameTaken);
  EXPECT_NO_THROW(gateway::issue_gateway_key(*keys, "Support-app"));
  ASSERT_TRUE(keys->revoke_gateway_key(first.key.id));
  EXPECT_EQ(gateway::issue_gateway_key(*keys, "support-app").key.name, "support-app");
}
