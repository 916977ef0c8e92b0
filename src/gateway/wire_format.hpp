#pragma once
// Internal to gateway/: the HTTP/1.1 heads the proxy writes, built straight into one string.
// A call sends its head and body in one gathered write; building the same heads in Beast's
// field containers cost an allocation per header line and a copy of the body on every call
// (bench/README.md, Gateway).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace reinforge::gateway {

struct ResponseHead {
  int status = 200;
  unsigned version = 11;  // the caller's: 10 or 11
  bool keep_alive = true;
  std::string_view content_type;
  std::string_view trace_id;                  // empty: no x-reinforge-trace-id
  std::optional<std::size_t> content_length;  // none: chunked
  bool no_cache = false;                      // Cache-Control: no-cache (streams)
  std::string_view upstream_headers = {};     // "Name: value\r\n" lines passed on as they came
  bool over_tls = false;  // the caller's connection is HTTPS: adds Strict-Transport-Security
};

// Every head carries http/security_headers.hpp's headers, appended as one prebuilt string.
std::string response_head(const ResponseHead& head);

// The upstream response headers a caller gets too: the request id a provider's support asks for,
// Retry-After and the x-ratelimit-* budget an SDK backs off by, the provider's processing time.
// Everything else (cookies, the upstream's framing, its server name) stays with the gateway.
bool is_passed_upstream_header(std::string_view name);

struct UpstreamRequestHead {
  // The provider URL's path ("/v1"), written before `target` ("/chat/completions").
  std::string_view base_path = {};
  std::string_view target;
  std::string_view host;     // the Host header: "api.openai.com" or "127.0.0.1:8000"
  std::string_view api_key;  // the provider's; empty: no Authorization
  bool stream = false;       // what the caller asked for: the Accept header
  std::size_t content_length = 0;
  // Anthropic's API takes its key as x-api-key with an anthropic-version, not a bearer token.
  bool anthropic = false;
  std::string_view anthropic_version = {};
  std::string_view anthropic_beta = {};  // sent when not empty
};

// A keep-alive POST with a JSON body of `content_length` bytes to `base_path` + `target`.
std::string upstream_request_head(const UpstreamRequestHead& head);

// HTTP/1.1 chunked framing (RFC 9112 7.1): the size line before a chunk of `size` bytes, the
// line end after it, and the last chunk that ends the body.
std::string_view chunk_size_line(std::size_t size, char (&storage)[24]);
inline constexpr std::string_view kChunkEnd = "\r\n";
inline constexpr std::string_view kLastChunk = "0\r\n\r\n";

}  // namespace reinforge::gateway
