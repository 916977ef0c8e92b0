#include "gateway/wire_format.hpp"

#include <algorithm>
#include <boost/beast/http/status.hpp>
#include <cctype>
#include <charconv>
#include <ostream>  // before Beast under g++ 12 (boost/io needs the complete type)

#include "http/security_headers.hpp"

namespace reinforge::gateway {

namespace {

void append_number(std::string& out, std::size_t value) {
  char digits[24];
  auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  out.append(digits, end);
}

void append_header(std::string& out, std::string_view name, std::string_view value) {
  out.append(name).append(": ").append(value).append("\r\n");
}

}  // namespace

std::string response_head(const ResponseHead& head) {
  const std::string_view security_lines = http::security_header_lines(head.over_tls);
  std::string out;
  out.reserve(256 + security_lines.size() + head.upstream_headers.size());
  out += head.version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
  append_number(out, static_cast<std::size_t>(head.status));
  out += ' ';
  auto reason =
      boost::beast::http::obsolete_reason(static_cast<boost::beast::http::status>(head.status));
  out.append(reason.data(), reason.size()).append("\r\n");
  append_header(out, "Server", "reinforge");
  append_header(out, "Content-Type", head.content_type);
  if (head.no_cache) append_header(out, "Cache-Control", "no-cache");
  if (!head.trace_id.empty()) append_header(out, "x-reinforge-trace-id", head.trace_id);
  out += security_lines;
  out += head.upstream_headers;
  if (head.content_length) {
    out += "Content-Length: ";
    append_number(out, *head.content_length);
    out += "\r\n";
  } else {
    append_header(out, "Transfer-Encoding", "chunked");
  }
  // HTTP/1.1 keeps the connection unless told otherwise; HTTP/1.0 closes it unless asked.
  if (head.version == 10 && head.keep_alive) append_header(out, "Connection", "keep-alive");
  if (head.version != 10 && !head.keep_alive) append_header(out, "Connection", "close");
  out += "\r\n";
  return out;
}

bool is_passed_upstream_header(std::string_view name) {
  auto equals = [](std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
             return std::tolower(static_cast<unsigned char>(x)) == y;
           });
  };
  constexpr std::string_view kRateLimit = "x-ratelimit-";
  return equals(name, "retry-after") || equals(name, "x-request-id") ||
         equals(name, "openai-processing-ms") ||
         (name.size() > kRateLimit.size() && equals(name.substr(0, kRateLimit.size()), kRateLimit));
}

std::string upstream_request_head(const UpstreamRequestHead& head) {
  std::string out;
  out.reserve(256 + head.api_key.size() + head.anthropic_beta.size());
  out.append("POST ").append(head.base_path).append(head.target).append(" HTTP/1.1\r\n");
  append_header(out, "Host", head.host);
  append_header(out, "User-Agent", "reinforge-gateway");
  append_header(out, "Content-Type", "application/json");
  append_header(out, "Accept", head.stream ? "text/event-stream" : "application/json");
  if (head.anthropic) {
    if (!head.api_key.empty()) append_header(out, "x-api-key", head.api_key);
    append_header(out, "anthropic-version",
                  head.anthropic_version.empty() ? "2023-06-01" : head.anthropic_version);
    if (!head.anthropic_beta.empty()) append_header(out, "anthropic-beta", head.anthropic_beta);
  } else if (!head.api_key.empty()) {
    out.append("Authorization: Bearer ").append(head.api_key).append("\r\n");
  }
  out += "Content-Length: ";
  append_number(out, head.content_length);
  out += "\r\n\r\n";
  return out;
}

std::string_view chunk_size_line(std::size_t size, char (&storage)[24]) {
  auto end = std::to_chars(storage, storage + sizeof storage - 2, size, 16).ptr;
  *end++ = '\r';
  *end++ = '\n';
  return {storage, static_cast<std::size_t>(end - storage)};
}

}  // namespace reinforge::gateway
