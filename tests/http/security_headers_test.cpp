// Every kind of answer the real server writes carries the security headers
// (http/security_headers.hpp): the API's JSON, a streamed export, the UI's files and its 404s,
// and the gateway's /v1 answers, which are written as bytes by gateway/ code.
#include "http/security_headers.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"

namespace reinforge::testing {
namespace {

constexpr const char* kSecurityHeadersToken = "security-headers-token";

class SecurityHeadersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(temp / "web" / "assets");
    write_file(
        temp / "web" / "index.html",
        R"(<!doctype html><meta property="csp-nonce" nonce="REINFORGE_CSP_NONCE"><title>app</title>)");
    write_file(temp / "web" / "assets" / "app-1.js", "console.log(1)");
    server = std::make_unique<ServerProcess>(
        temp / "data", kSecurityHeadersToken,
        std::vector<std::string>{"--web-dir", (temp / "web").string()});
    client = std::make_unique<HttpClient>(server->base_url(), kSecurityHeadersToken);
  }

  TempDir temp;
  std::unique_ptr<ServerProcess> server;
  std::unique_ptr<HttpClient> client;
};

// `style_nonce`: the UI's page, whose policy also allows <style> elements with that nonce.
void expect_security_headers(const HttpResult& result, const std::string& what,
                             const std::string& style_nonce = "") {
  SCOPED_TRACE(what);
  EXPECT_EQ(result.headers.count("content-security-policy"), 1u);
  auto header = [&](const char* name) {
    auto it = result.headers.find(name);
    return it == result.headers.end() ? std::string("(missing)") : it->second;
  };
  EXPECT_EQ(header("content-security-policy"), http::content_security_policy(style_nonce));
  EXPECT_EQ(header("referrer-policy"), "no-referrer");
  EXPECT_EQ(header("x-content-type-options"), "nosniff");
  // Plain HTTP: a browser ignores HSTS there, and it would be a lie about this connection.
  EXPECT_EQ(result.headers.count("strict-transport-security"), 0u);
}

TEST_F(SecurityHeadersTest, api_answers_carry_them_refused_or_not) {
  auto refused = HttpClient(server->base_url()).get("/api/datasets");
  ASSERT_EQ(refused.status, 401);
  expect_security_headers(refused, "401 from the API");
  auto listed = client->get("/api/datasets");
  ASSERT_EQ(listed.status, 200);
  expect_security_headers(listed, "200 from the API");
  auto missing = client->get("/api/no-such-thing");
  ASSERT_EQ(missing.status, 404);
  expect_security_headers(missing, "404 from the API");
}

TEST_F(SecurityHeadersTest, a_streamed_export_carries_them) {
  auto created = client->post("/api/datasets", R"({"name": "d", "objective": "test"})");
  ASSERT_EQ(created.status, 201) << created.body;
  auto id = nlohmann::json::parse(created.body)["id"].get<int64_t>();
  auto exported = client->get("/api/datasets/" + std::to_string(id) + "/export");
  ASSERT_EQ(exported.status, 200) << exported.body;
  ASSERT_EQ(exported.headers["transfer-encoding"], "chunked");
  expect_security_headers(exported, "streamed export");
}

TEST_F(SecurityHeadersTest, the_web_ui_files_carry_them) {
  auto page = HttpClient(server->base_url()).get("/optimization/3");
  ASSERT_EQ(page.status, 200);
  auto nonce_at = page.body.find("nonce=\"") + 7;
  std::string nonce = page.body.substr(nonce_at, page.body.find('"', nonce_at) - nonce_at);
  EXPECT_EQ(nonce.size(), 32u) << page.body;
  expect_security_headers(page, "index.html (SPA fallback)", nonce);
  auto asset = HttpClient(server->base_url()).get("/assets/app-1.js");
  ASSERT_EQ(asset.status, 200);
  expect_security_headers(asset, "an asset");
  auto missing = HttpClient(server->base_url()).get("/assets/gone-2.js");
  ASSERT_EQ(missing.status, 404);
  expect_security_headers(missing, "a missing asset");
}

TEST_F(SecurityHeadersTest, gateway_answers_carry_them) {
  auto refused = HttpClient(server->base_url()).get("/v1/models");
  ASSERT_EQ(refused.status, 401);
  expect_security_headers(refused, "401 from /v1/models");
  auto models = client->get("/v1/models");
  ASSERT_EQ(models.status, 200) << models.body;
  expect_security_headers(models, "200 from /v1/models");
  auto call = HttpClient(server->base_url())
                  .post("/v1/chat/completions", R"({"model": "m", "messages": []})");
  ASSERT_EQ(call.status, 401);
  expect_security_headers(call, "401 from /v1/chat/completions");
}

}  // namespace
}  // namespace reinforge::testing
