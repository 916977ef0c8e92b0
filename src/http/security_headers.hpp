#pragma once
// The headers every response carries, whoever writes it: server.cpp's JSON, streamed, static
// and error answers, and the gateway's heads written as bytes (gateway/wire_format.hpp).
// One list, so no writer can miss one (docs/access.md, "Hardened HTTP").
#include <span>
#include <string>
#include <string_view>

namespace reinforge::http {

struct HeaderField {
  std::string_view name;
  std::string_view value;
};

// `tls`: the connection itself is HTTPS (not a proxy's X-Forwarded-Proto), which adds
// Strict-Transport-Security: a browser told that over plain HTTP would ignore it anyway, and a
// proxy that terminates TLS sets its own.
std::span<const HeaderField> security_headers(bool tls);

// The same headers as "Name: value\r\n" lines, built once, for heads written as bytes.
std::string_view security_header_lines(bool tls);

// The Content-Security-Policy: the web UI's own scripts, styles, images and fonts only, no
// inline script, no plugins, never framed; a JSON answer opened in a browser runs nothing either.
// With `style_nonce`, a <style> element carrying that nonce is allowed too: the UI's page gets
// one (static_files.cpp) for the code editor, which adds its styles that way.
std::string content_security_policy(std::string_view style_nonce = {});

}  // namespace reinforge::http
