#include "providers/retry_policy.hpp"

#include <gtest/gtest.h>

using namespace reinforge::providers;

TEST(RetryPolicy, retries_transport_rate_limit_and_server_errors_only) {
  for (long status : {408L, 409L, 429L, 500L, 502L, 503L, 504L}) EXPECT_TRUE(is_retryable_status(status)) << status;
  for (long status : {400L, 401L, 403L, 404L, 422L}) EXPECT_FALSE(is_retryable_status(status)) << status;
}

TEST(RetryPolicy, reads_retry_after_seconds_and_http_dates) {
  auto now = std::chrono::system_clock::from_time_t(784111777);  // Sun, 06 Nov 1994 08:49:37 GMT
  EXPECT_EQ(parse_retry_after_ms("2", now), 2000);
  EXPECT_EQ(parse_retry_after_ms(" 0 ", now), 0);
  EXPECT_EQ(parse_retry_after_ms("Sun, 06 Nov 1994 08:49:40 GMT", now), 3000);
  EXPECT_EQ(parse_retry_after_ms("Sun, 06 Nov 1994 08:49:30 GMT", now), 0);  // in the past: now
  EXPECT_FALSE(parse_retry_after_ms("", now));
  EXPECT_FALSE(parse_retry_after_ms("soon", now));
  EXPECT_FALSE(parse_retry_after_ms("-1", now));
}

TEST(RetryPolicy, backs_off_exponentially_up_to_the_cap_unless_the_server_says_when) {
  ProviderConfig config;
  config.initial_backoff_ms = 100;
  config.max_backoff_ms = 500;
  EXPECT_EQ(backoff_ms(config, 1, std::nullopt), 100);
  EXPECT_EQ(backoff_ms(config, 2, std::nullopt), 200);
  EXPECT_EQ(backoff_ms(config, 3, std::nullopt), 400);
  EXPECT_EQ(backoff_ms(config, 4, std::nullopt), 500);
  EXPECT_EQ(backoff_ms(config, 9, std::nullopt), 500);
  EXPECT_EQ(backoff_ms(config, 1, 1234), 1234);
}
