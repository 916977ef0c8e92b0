#include <gtest/gtest.h>

#include "http/security_headers.hpp"
#include "http/static_files.hpp"
#include "support/temp_dir.hpp"

namespace reinforge::http {
namespace {

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(temp / "web" / "assets");
    testing::write_file(temp / "web" / "index.html", "<html>app</html>");
    testing::write_file(temp / "web" / "assets" / "app-1234.js", "console.log(1)");
    testing::write_file(temp / "secret.txt", "do not serve");
    std::filesystem::create_directories(temp / "web-evil");
    testing::write_file(temp / "web-evil" / "x.txt", "do not serve");
  }
  testing::TempDir temp;
};

TEST_F(StaticFilesTest, serves_assets_with_long_caching) {
  auto response = serve_static(temp / "web", "/assets/app-1234.js");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "console.log(1)");
  EXPECT_EQ(response.content_type, "text/javascript; charset=utf-8");
  ASSERT_FALSE(response.headers.empty());
  EXPECT_NE(response.headers[0].second.find("immutable"), std::string::npos);
}

TEST_F(StaticFilesTest, app_routes_get_the_index_page) {
  EXPECT_EQ(serve_static(temp / "web", "/optimization/3").body, "<html>app</html>");
  EXPECT_EQ(serve_static(temp / "web", "/").body, "<html>app</html>");
}

TEST_F(StaticFilesTest, the_page_gets_a_fresh_style_nonce_in_its_text_and_its_policy) {
  testing::write_file(temp / "web" / "index.html",
                      R"(<meta property="csp-nonce" nonce="REINFORGE_CSP_NONCE"><script nonce="REINFORGE_CSP_NONCE">)");
  auto nonce_of = [](const Response& page) {
    for (const auto& [name, value] : page.headers) {
      if (name != "Content-Security-Policy") continue;
      auto start = value.find("'nonce-");
      if (start == std::string::npos) return std::string();
      start += 7;
      return value.substr(start, value.find('\'', start) - start);
    }
    return std::string();
  };
  for (const char* path : {"/", "/optimization/3", "/index.html"}) {
    SCOPED_TRACE(path);
    auto page = serve_static(temp / "web", path);
    auto nonce = nonce_of(page);
    ASSERT_EQ(nonce.size(), 32u);
    EXPECT_EQ(page.body, R"(<meta property="csp-nonce" nonce=")" + nonce + R"("><script nonce=")" + nonce + "\">");
    EXPECT_NE(nonce_of(serve_static(temp / "web", path)), nonce);
    // Only style-src takes it: a script is never allowed inline.
    auto policy = page.headers.back().second;
    EXPECT_EQ(policy, content_security_policy(nonce));
    EXPECT_NE(policy.find("script-src 'self';"), std::string::npos);
  }
  // Other files keep the policy every answer gets (set by the server).
  for (const auto& header : serve_static(temp / "web", "/assets/app-1234.js").headers) {
    EXPECT_NE(header.first, "Content-Security-Policy");
  }
}

TEST_F(StaticFilesTest, never_serves_files_outside_the_web_folder) {
  auto response = serve_static(temp / "web", "/../secret.txt");
  EXPECT_NE(response.body, "do not serve");
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(serve_static(temp / "web", "/../web-evil/x.txt").status, 404);
  EXPECT_EQ(serve_static(temp / "web", "/assets/missing.js").status, 404);
}

TEST_F(StaticFilesTest, explains_when_the_ui_is_not_built) {
  auto response = serve_static(temp / "nothing", "/");
  EXPECT_EQ(response.status, 503);
  EXPECT_NE(response.body.find("README"), std::string::npos);
}

}  // namespace
}  // namespace reinforge::http
