#include "http/security_headers.hpp"

#include <array>

namespace reinforge::http {

namespace {

// A year, the usual value; no includeSubDomains, since other hosts under the same domain may
// not speak HTTPS.
constexpr HeaderField kStrictTransportSecurity{"Strict-Transport-Security", "max-age=31536000"};

template <std::size_t N>
std::string as_lines(const std::array<HeaderField, N>& fields) {
  std::string lines;
  for (const auto& field : fields)
    lines.append(field.name).append(": ").append(field.value).append("\r\n");
  return lines;
}

const std::array<HeaderField, 3>& plain_headers() {
  static const std::string policy = content_security_policy();
  static const std::array<HeaderField, 3> fields{{
      {"Content-Security-Policy", policy},
      {"Referrer-Policy", "no-referrer"},
      {"X-Content-Type-Options", "nosniff"},
  }};
  return fields;
}

const std::array<HeaderField, 4>& tls_headers() {
  static const std::array<HeaderField, 4> fields{
      {plain_headers()[0], plain_headers()[1], plain_headers()[2], kStrictTransportSecurity}};
  return fields;
}

}  // namespace

std::string content_security_policy(std::string_view style_nonce) {
  std::string policy = "default-src 'self'; script-src 'self'; style-src 'self'";
  if (!style_nonce.empty()) policy.append(" 'nonce-").append(style_nonce).append("'");
  policy +=
      "; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; "
      "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
  return policy;
}

std::span<const HeaderField> security_headers(bool tls) {
  if (tls) return tls_headers();
  return plain_headers();
}

std::string_view security_header_lines(bool tls) {
  static const std::string plain = as_lines(plain_headers());
  static const std::string over_tls = as_lines(tls_headers());
  return tls ? over_tls : plain;
}

}  // namespace reinforge::http
