#include <gtest/gtest.h>

#include "gateway/wire_format.hpp"
#include "http/security_headers.hpp"

using namespace reinforge::gateway;

namespace {
const std::string kSecurity(reinforge::http::security_header_lines(false));
}

TEST(WireFormat, ResponseHeadWithLengthOrChunked) {
  EXPECT_EQ(response_head({.status = 200, .version = 11, .keep_alive = true, .content_type = "application/json",
                           .trace_id = "tr_1", .content_length = 42}),
            "HTTP/1.1 200 OK\r\nServer: reinforge\r\nContent-Type: application/json\r\n"
            "x-reinforge-trace-id: tr_1\r\n" + kSecurity + "Content-Length: 42\r\n\r\n");
  EXPECT_EQ(response_head({.status = 429, .version = 11, .keep_alive = false, .content_type = "text/event-stream",
                           .trace_id = "", .content_length = std::nullopt, .no_cache = true}),
            "HTTP/1.1 429 Too Many Requests\r\nServer: reinforge\r\nContent-Type: text/event-stream\r\n"
            "Cache-Control: no-cache\r\n" + kSecurity + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
}

TEST(WireFormat, EveryHeadCarriesTheSecurityHeadersAndHstsOnlyOverTls) {
  auto plain = response_head({.status = 200, .version = 11, .keep_alive = true, .content_type = "application/json",
                              .trace_id = "", .content_length = 0});
  EXPECT_NE(plain.find("\r\nContent-Security-Policy: default-src 'self'; script-src 'self';"), std::string::npos);
  EXPECT_NE(plain.find("\r\nReferrer-Policy: no-referrer\r\n"), std::string::npos);
  EXPECT_NE(plain.find("\r\nX-Content-Type-Options: nosniff\r\n"), std::string::npos);
  EXPECT_EQ(plain.find("Strict-Transport-Security"), std::string::npos);
  auto over_tls = response_head({.status = 200, .version = 11, .keep_alive = true, .content_type = "application/json",
                                 .trace_id = "", .content_length = 0, .over_tls = true});
  EXPECT_NE(over_tls.find("\r\nStrict-Transport-Security: max-age=31536000\r\n"), std::string::npos);
}

TEST(WireFormat, HttpOneZeroKeepsTheConnectionOnlyWhenAsked) {
  auto head = response_head({.status = 401, .version = 10, .keep_alive = true, .content_type = "application/json",
                             .trace_id = "", .content_length = 0});
  EXPECT_EQ(head.rfind("HTTP/1.0 401 Unauthorized\r\n", 0), 0u);
  EXPECT_NE(head.find("\r\nConnection: keep-alive\r\n"), std::string::npos);
  head = response_head({.status = 200, .version = 10, .keep_alive = false, .content_type = "application/json",
                        .trace_id = "", .content_length = 0});
  EXPECT_EQ(head.find("Connection"), std::string::npos);
}

TEST(WireFormat, UpstreamRequestCarriesTheProviderKeyAndLength) {
  EXPECT_EQ(upstream_request_head({.target = "/v1/chat/completions", .host = "127.0.0.1:8000", .api_key = "sk-x",
                                   .stream = true, .content_length = 17}),
            "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:8000\r\nUser-Agent: reinforge-gateway\r\n"
            "Content-Type: application/json\r\nAccept: text/event-stream\r\nAuthorization: Bearer sk-x\r\n"
            "Content-Length: 17\r\n\r\n");
  auto keyless = upstream_request_head({.target = "/embeddings", .host = "h", .api_key = "", .stream = false, .content_length = 0});
  EXPECT_EQ(keyless.find("Authorization"), std::string::npos);
  EXPECT_NE(keyless.find("\r\nAccept: application/json\r\n"), std::string::npos);
}

TEST(WireFormat, ChunkSizeLineIsHex) {
  char storage[24];
  EXPECT_EQ(chunk_size_line(255, storage), "ff\r\n");
  EXPECT_EQ(chunk_size_line(16384, storage), "4000\r\n");
  EXPECT_EQ(chunk_size_line(1, storage), "1\r\n");
}

TEST(WireFormat, PassesOnOnlyTheProviderHeadersACallerNeeds) {
  for (const char* name : {"x-request-id", "X-Request-Id", "retry-after", "Retry-After", "x-ratelimit-remaining-requests",
                           "X-RateLimit-Reset-Tokens", "openai-processing-ms"}) {
    EXPECT_TRUE(is_passed_upstream_header(name)) << name;
  }
  for (const char* name : {"set-cookie", "server", "content-length", "transfer-encoding", "connection",
                           "x-ratelimit-", "openai-organization", "x-request-idx"}) {
    EXPECT_FALSE(is_passed_upstream_header(name)) << name;
  }
  EXPECT_EQ(response_head({.status = 200, .version = 11, .keep_alive = true, .content_type = "application/json",
                           .trace_id = "tr_1", .content_length = 2, .upstream_headers = "x-request-id: req_1\r\n"}),
            "HTTP/1.1 200 OK\r\nServer: reinforge\r\nContent-Type: application/json\r\n"
            "x-reinforge-trace-id: tr_1\r\n" + kSecurity + "x-request-id: req_1\r\nContent-Length: 2\r\n\r\n");
}
