#include "http/static_files.hpp"

#include <fstream>
#include <sstream>

#include "http/security_headers.hpp"
#include "util/secure_token.hpp"

namespace reinforge::http {

namespace {

// Where the build puts the page's nonce (web/vite.config.ts, html.cspNonce): on the
// <meta property="csp-nonce"> the UI's code editor reads it from, and on the page's own tags.
constexpr std::string_view kNoncePlaceholder = "REINFORGE_CSP_NONCE";

// A page gets a fresh nonce each time it is served, in its text and in its policy, so an
// attacker who could inject markup cannot know it in advance.
void add_style_nonce(Response& page) {
  const std::string nonce = util::generate_secret("").substr(0, 32);  // 128 bits, hex
  for (auto at = page.body.find(kNoncePlaceholder); at != std::string::npos;
       at = page.body.find(kNoncePlaceholder, at + nonce.size())) {
    page.body.replace(at, kNoncePlaceholder.size(), nonce);
  }
  page.headers.emplace_back("Content-Security-Policy", content_security_policy(nonce));
}

std::string content_type_for(const std::filesystem::path& file) {
  auto extension = file.extension().string();
  if (extension == ".html") return "text/html; charset=utf-8";
  if (extension == ".js" || extension == ".mjs") return "text/javascript; charset=utf-8";
  if (extension == ".css") return "text/css; charset=utf-8";
  if (extension == ".svg") return "image/svg+xml";
  if (extension == ".png") return "image/png";
  if (extension == ".ico") return "image/x-icon";
  if (extension == ".json") return "application/json";
  if (extension == ".woff2") return "font/woff2";
  return "application/octet-stream";
}

std::optional<std::string> read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

}  // namespace

Response serve_static(const std::filesystem::path& web_dir, const std::string& path) {
  auto index = web_dir / "index.html";
  if (web_dir.empty() || !std::filesystem::exists(index)) {
    Response response;
    response.status = 503;
    response.content_type = "text/plain; charset=utf-8";
    response.body =
        "The web UI is not built. Run the README's first command (it builds web/ with npm), "
        "or pass --web-dir to the built UI.\n";
    return response;
  }
  std::error_code error;
  auto root = std::filesystem::canonical(web_dir, error);
  auto relative = path.substr(std::min(path.size(), path.find_first_not_of('/')));
  auto candidate = std::filesystem::weakly_canonical(root / relative, error);
  // Compared with the separator, so a sibling folder such as "web-evil" is not "inside" "web".
  bool inside = !error && candidate.string().rfind(root.string() + "/", 0) == 0;
  Response response;
  if (inside && std::filesystem::is_regular_file(candidate)) {
    if (auto body = read_file(candidate)) {
      response.content_type = content_type_for(candidate);
      response.body = std::move(*body);
      // Vite puts a content hash in asset names, so they never change under the same name.
      if (candidate.parent_path().filename() == "assets") {
        response.headers.emplace_back("Cache-Control", "public, max-age=31536000, immutable");
      }
      if (candidate.extension() == ".html") add_style_nonce(response);
      return response;
    }
  }
  if (std::filesystem::path(path).has_extension()) {
    response.status = 404;
    response.content_type = "text/plain; charset=utf-8";
    response.body = "Not found\n";
    return response;
  }
  response.content_type = "text/html; charset=utf-8";
  response.headers.emplace_back("Cache-Control", "no-cache");
  response.body = read_file(index).value_or("");
  add_style_nonce(response);
  return response;
}

}  // namespace reinforge::http
