#include "access/sign_in_limiter.hpp"

#include <gtest/gtest.h>

namespace reinforge::access {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

TEST(SignInLimiter, FiveFailuresForANameBlockItUntilTheOldestLeavesTheWindow) {
  SignInLimiter limiter;
  auto start = SignInLimiter::Clock::time_point{} + std::chrono::hours(1);
  for (int i = 0; i < 5; ++i) {
    EXPECT_FALSE(limiter.wait_before_try("ana", "10.0.0.1", start + minutes(i)));
    limiter.record_failure("ana", "10.0.0.1", start + minutes(i));
  }
  auto wait = limiter.wait_before_try("ANA", "10.0.0.2", start + minutes(5));
  ASSERT_TRUE(wait) << "names compare without case, whatever the address";
  EXPECT_EQ(*wait, seconds(10 * 60));
  EXPECT_FALSE(limiter.wait_before_try("ana", "10.0.0.2", start + minutes(15)));
  EXPECT_FALSE(limiter.wait_before_try("bob", "10.0.0.1", start + minutes(5)))
      << "five failures are below the address's limit";
}

TEST(SignInLimiter, TwentyFailuresFromOneAddressBlockEveryNameFromIt) {
  SignInLimiter limiter;
  auto now = SignInLimiter::Clock::time_point{} + std::chrono::hours(1);
  for (int i = 0; i < 20; ++i) limiter.record_failure("user" + std::to_string(i), "10.0.0.9", now);
  EXPECT_TRUE(limiter.wait_before_try("someone-new", "10.0.0.9", now));
  EXPECT_FALSE(limiter.wait_before_try("someone-new", "10.0.0.8", now));
}

TEST(SignInLimiter, ARightPasswordClearsTheNamesFailures) {
  SignInLimiter limiter;
  auto now = SignInLimiter::Clock::time_point{} + std::chrono::hours(1);
  for (int i = 0; i < 4; ++i) limiter.record_failure("ana", "10.0.0.1", now);
  limiter.record_success("ana");
  limiter.record_failure("ana", "10.0.0.1", now);
  EXPECT_FALSE(limiter.wait_before_try("ana", "10.0.0.1", now));
}

}  // namespace
}  // namespace reinforge::access
