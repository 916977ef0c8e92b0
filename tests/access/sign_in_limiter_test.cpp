// The sign-in limits (docs/access.md, "Rate limit") counted in the store, on both backends; two
// limiters on two handles of one store are two instances sharing it.
#include "access/sign_in_limiter.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "../store/store_backends.hpp"
#include "store/postgres/pg_access_store.hpp"
#include "support/postgres_server.hpp"
#include "support/temp_dir.hpp"

namespace reinforge::access {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

const auto kStart = SignInLimiter::Clock::time_point{} + std::chrono::hours(24 * 365 * 55);

class SignInLimiterTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgresql")
      conninfo_ = reinforge::testing::shared_postgres_server().create_database();
    store = open();
  }
  // Another handle on the same store, as a second instance would have.
  std::unique_ptr<store::AccessStore> open() {
    if (GetParam() == "sqlite") return store::open_sqlite_access_store(temp_.path());
    return store::postgres::open_pg_access_store(conninfo_);
  }
  bool allowed(SignInLimiter& limiter, const std::string& name, const std::string& address,
               SignInLimiter::Clock::time_point at = kStart) {
    return !limiter.begin_attempt(name, address, at).wait;
  }

  reinforge::testing::TempDir temp_;
  std::string conninfo_;
  std::unique_ptr<store::AccessStore> store;
};

TEST_P(SignInLimiterTest, FiveFailuresForANameBlockItUntilTheOldestLeavesTheWindow) {
  SignInLimiter limiter(*store);
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(allowed(limiter, "ana", "10.0.0.1", kStart + minutes(i)));
  auto refused = limiter.begin_attempt("ANA", "10.0.0.2", kStart + minutes(5));
  ASSERT_TRUE(refused.wait) << "names compare without case, whatever the address";
  EXPECT_EQ(*refused.wait, seconds(10 * 60));
  EXPECT_EQ(
      limiter.begin_attempt("ana", "10.0.0.2", kStart + minutes(5) + std::chrono::milliseconds(1))
          .wait,
      seconds(10 * 60))
      << "the wait is rounded up to whole seconds";
  EXPECT_TRUE(allowed(limiter, "ana", "10.0.0.2", kStart + minutes(15)));
  EXPECT_TRUE(allowed(limiter, "bob", "10.0.0.1", kStart + minutes(5)))
      << "five failures are below the address's limit";
}

TEST_P(SignInLimiterTest, AttemptsInFlightTogetherAreAllCounted) {
  SignInLimiter limiter(*store);
  // Eight handler threads checking at once: the sixth is refused before any answer is known.
  int allowed_count = 0;
  for (int i = 0; i < 8; ++i) allowed_count += allowed(limiter, "ana", "10.0.0.1");
  EXPECT_EQ(allowed_count, 5);
}

TEST_P(SignInLimiterTest, AttemptsRacingOnTwoInstancesAreNeverAllowedPastTheLimit) {
  auto other_store = open();
  SignInLimiter a(*store), b(*other_store);
  std::atomic<int> allowed_count = 0;
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back(
        [&, i] { allowed_count += allowed(i % 2 ? a : b, "ana", "10.0.0." + std::to_string(i)); });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_LE(allowed_count, 5);
  // A refused attempt took its failure back: what is left is exactly what was allowed.
  int later = 0;
  for (int i = 0; i < 8; ++i) later += allowed(i % 2 ? a : b, "ana", "10.0.1.1");
  EXPECT_EQ(allowed_count + later, 5);
}

TEST_P(SignInLimiterTest, TwentyFailuresFromOneAddressBlockEveryNameFromIt) {
  SignInLimiter limiter(*store);
  for (int i = 0; i < 20; ++i)
    limiter.begin_attempt("user" + std::to_string(i), "10.0.0.9", kStart);
  EXPECT_FALSE(allowed(limiter, "someone-new", "10.0.0.9"));
  EXPECT_TRUE(allowed(limiter, "someone-new", "10.0.0.8"));
  EXPECT_FALSE(allowed(limiter, "", "10.0.0.9")) << "an impossible name still counts by address";
}

TEST_P(SignInLimiterTest, ARightPasswordClearsTheNamesFailuresAndIsNotCountedAgainstTheAddress) {
  SignInLimiter limiter(*store);
  for (int i = 0; i < 4; ++i) limiter.begin_attempt("ana", "10.0.0.1", kStart);
  auto right = limiter.begin_attempt("ana", "10.0.0.1", kStart);
  ASSERT_FALSE(right.wait);
  limiter.record_success(right);
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(allowed(limiter, "ana", "10.0.0.1"));
  // 4 + 4 failures from the address, the success not among them: 12 more are allowed.
  int allowed_count = 0;
  for (int i = 0; i < 20; ++i)
    allowed_count += allowed(limiter, "other" + std::to_string(i), "10.0.0.1");
  EXPECT_EQ(allowed_count, 12);
}

TEST_P(SignInLimiterTest, FailuresCountedOnOneInstanceBlockTheNameOnAnotherAndSurviveARestart) {
  {
    SignInLimiter a(*store);
    for (int i = 0; i < 5; ++i) EXPECT_TRUE(allowed(a, "ana", "10.0.0.1", kStart + minutes(i)));
  }
  auto other_store = open();
  SignInLimiter b(*other_store);
  auto refused = b.begin_attempt("Ana", "10.0.0.2", kStart + minutes(5));
  ASSERT_TRUE(refused.wait);
  EXPECT_EQ(*refused.wait, seconds(10 * 60));
}

TEST_P(SignInLimiterTest, GuessesAtMadeUpNamesAreForgottenOnceTheirWindowPasses) {
  SignInLimiter limiter(*store);
  for (int i = 0; i < 150; ++i)
    limiter.begin_attempt("made-up-" + std::to_string(i), "10.1.0." + std::to_string(i), kStart);
  // 300 rows; each later attempt deletes up to 100 of those that left the window.
  auto later = kStart + minutes(16);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(allowed(limiter, "ana", "10.0.0.1", later));
  for (int i : {0, 75, 149}) {
    EXPECT_TRUE(store
                    ->recent_sign_in_failures(
                        {store::SignInKeyKind::name, "made-up-" + std::to_string(i)}, 0, 10)
                    .empty())
        << i;
  }
  EXPECT_EQ(
      store->prune_sign_in_failures(
          std::chrono::duration_cast<std::chrono::milliseconds>(later.time_since_epoch()).count(),
          1000),
      3 * 2)
      << "only this window's failures are left";
}

INSTANTIATE_TEST_SUITE_P(Backends, SignInLimiterTest, reinforge::testing::kStoreBackends,
                         reinforge::testing::backend_test_name);

}  // namespace
}  // namespace reinforge::access
