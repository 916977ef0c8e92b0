#include "access/sign_in_limiter.hpp"

#include <gtest/gtest.h>

namespace reinforge::access {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

const auto kStart = SignInLimiter::Clock::time_point{} + std::chrono::hours(1);

TEST(SignInLimiter, FiveFailuresForANameBlockItUntilTheOldestLeavesTheWindow) {
  SignInLimiter limiter;
  for (int i = 0; i < 5; ++i) EXPECT_FALSE(limiter.begin_attempt("ana", "10.0.0.1", kStart + minutes(i)));
  auto wait = limiter.begin_attempt("ANA", "10.0.0.2", kStart + minutes(5));
  ASSERT_TRUE(wait) << "names compare without case, whatever the address";
  EXPECT_EQ(*wait, seconds(10 * 60));
  EXPECT_FALSE(limiter.begin_attempt("ana", "10.0.0.2", kStart + minutes(15)));
  EXPECT_FALSE(limiter.begin_attempt("bob", "10.0.0.1", kStart + minutes(5)))
      << "five failures are below the address's limit";
}

TEST(SignInLimiter, AttemptsInFlightTogetherAreAllCounted) {
  SignInLimiter limiter;
  // Eight handler threads checking at once: the sixth is refused before any answer is known.
  int allowed = 0;
  for (int i = 0; i < 8; ++i) allowed += !limiter.begin_attempt("ana", "10.0.0.1", kStart);
  EXPECT_EQ(allowed, 5);
}

TEST(SignInLimiter, TwentyFailuresFromOneAddressBlockEveryNameFromIt) {
  SignInLimiter limiter;
  for (int i = 0; i < 20; ++i) limiter.begin_attempt("user" + std::to_string(i), "10.0.0.9", kStart);
  EXPECT_TRUE(limiter.begin_attempt("someone-new", "10.0.0.9", kStart));
  EXPECT_FALSE(limiter.begin_attempt("someone-new", "10.0.0.8", kStart));
  EXPECT_TRUE(limiter.begin_attempt("", "10.0.0.9", kStart)) << "an impossible name still counts by address";
}

TEST(SignInLimiter, ARightPasswordClearsTheNamesFailuresAndIsNotCountedAgainstTheAddress) {
  SignInLimiter limiter;
  for (int i = 0; i < 4; ++i) limiter.begin_attempt("ana", "10.0.0.1", kStart);
  EXPECT_FALSE(limiter.begin_attempt("ana", "10.0.0.1", kStart));
  limiter.record_success("ana", "10.0.0.1");
  for (int i = 0; i < 4; ++i) EXPECT_FALSE(limiter.begin_attempt("ana", "10.0.0.1", kStart));
  // 4 + 4 failures from the address, the success not among them: 12 more are allowed.
  int allowed = 0;
  for (int i = 0; i < 20; ++i) allowed += !limiter.begin_attempt("other" + std::to_string(i), "10.0.0.1", kStart);
  EXPECT_EQ(allowed, 12);
}

}  // namespace
}  // namespace reinforge::access
