// `reinforge serve --tls-cert FILE --tls-key FILE`: HTTPS with Strict-Transport-Security on every
// answer, and a clear refusal to start (exit status 2) when the files are wrong.
#include <gtest/gtest.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "support/command_run.hpp"
#include "support/http_client.hpp"
#include "support/self_signed_certificate.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"

namespace reinforge::testing {
namespace {

constexpr const char* kTlsToken = "tls-test-token";

class TlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    make_self_signed_certificate(temp.path(), "server");
    std::filesystem::create_directories(temp / "web");
    write_file(temp / "web" / "index.html", "<!doctype html><title>app</title>");
  }

  std::unique_ptr<ServerProcess> start_https() {
    return std::make_unique<ServerProcess>(
        temp / "data", kTlsToken,
        std::vector<std::string>{"--tls-cert", (temp / "server.pem").string(), "--tls-key",
                                 (temp / "server-key.pem").string(), "--web-dir",
                                 (temp / "web").string()});
  }

  // What `reinforge serve` says when it refuses to start; it must not listen.
  CommandRun serve_with(const std::string& tls_arguments) {
    return run_reinforge(
        "serve --port 0 --data-dir '" + (temp / "refused").string() + "' " + tls_arguments, true);
  }

  std::string file(const std::string& name) const { return "'" + (temp / name).string() + "'"; }

  TempDir temp;
};

TEST_F(TlsTest, serves_https_with_hsts_on_the_api_the_ui_and_the_gateway) {
  auto server = start_https();
  ASSERT_EQ(server->base_url().rfind("https://", 0), 0u) << server->base_url();
  HttpClient client(server->base_url(), kTlsToken);
  client.trust_certificate((temp / "server.pem").string());
  for (std::string path : {"/api/datasets", "/", "/v1/models"}) {
    SCOPED_TRACE(path);
    auto result = client.get(path);
    EXPECT_EQ(result.status, 200) << result.body;
    EXPECT_EQ(result.headers["strict-transport-security"], "max-age=31536000");
    EXPECT_EQ(result.headers["referrer-policy"], "no-referrer");
    EXPECT_EQ(result.headers.count("content-security-policy"), 1u);
  }
  HttpClient anonymous(server->base_url());
  anonymous.trust_certificate((temp / "server.pem").string());
  auto refused = anonymous.get("/v1/models");
  EXPECT_EQ(refused.status, 401);
  EXPECT_EQ(refused.headers["strict-transport-security"], "max-age=31536000");
}

TEST_F(TlsTest, a_plain_http_server_sends_no_hsts) {
  ServerProcess server(temp / "data", kTlsToken, {"--web-dir", (temp / "web").string()});
  ASSERT_EQ(server.base_url().rfind("http://", 0), 0u);
  HttpClient client(server.base_url(), kTlsToken);
  for (std::string path : {"/api/datasets", "/", "/v1/models"}) {
    auto result = client.get(path);
    EXPECT_EQ(result.status, 200) << path;
    EXPECT_EQ(result.headers.count("strict-transport-security"), 0u) << path;
  }
}

TEST_F(TlsTest, the_certificate_is_checked_by_clients_and_old_tls_is_refused) {
  auto server = start_https();
  // Without the certificate to check against, curl refuses the self-signed server.
  EXPECT_THROW(HttpClient(server->base_url()).get("/"), std::runtime_error);
  std::string url = server->base_url() + "/";
  std::string tls11 =
      "curl -s -o /dev/null --cacert " + file("server.pem") + " --tlsv1.1 --tls-max 1.1 " + url;
  EXPECT_NE(std::system(tls11.c_str()), 0) << "TLS 1.1 was accepted";
  std::string tls12 =
      "curl -s -o /dev/null --cacert " + file("server.pem") + " --tlsv1.2 --tls-max 1.2 " + url;
  EXPECT_EQ(std::system(tls12.c_str()), 0) << "TLS 1.2 was refused";
}

TEST_F(TlsTest, refuses_to_start_with_a_missing_unreadable_or_mismatched_certificate_or_key) {
  make_self_signed_certificate(temp.path(), "other");
  write_file(temp / "not-pem.txt", "hello");
  struct Case {
    std::string arguments;
    std::string says;
  };
  const std::vector<Case> cases = {
      {"--tls-cert " + file("server.pem"), "--tls-cert FILE and --tls-key FILE"},
      {"--tls-key " + file("server-key.pem"), "--tls-cert FILE and --tls-key FILE"},
      {"--tls-cert " + file("missing.pem") + " --tls-key " + file("server-key.pem"),
       "cannot read the TLS certificate " + (temp / "missing.pem").string() +
           ": No such file or directory"},
      {"--tls-cert " + file("server.pem") + " --tls-key " + file("missing-key.pem"),
       "cannot read the TLS key " + (temp / "missing-key.pem").string()},
      {"--tls-cert " + file("not-pem.txt") + " --tls-key " + file("server-key.pem"),
       "the TLS certificate " + (temp / "not-pem.txt").string() + " is not a PEM certificate"},
      {"--tls-cert " + file("server.pem") + " --tls-key " + file("server.pem"),
       "the TLS key " + (temp / "server.pem").string() + " is not an unencrypted PEM private key"},
      {"--tls-cert " + file("server.pem") + " --tls-key " + file("other-key.pem"),
       "the TLS key " + (temp / "other-key.pem").string() + " does not belong to the certificate"},
  };
  for (const auto& test : cases) {
    SCOPED_TRACE(test.arguments);
    auto run = serve_with(test.arguments);
    EXPECT_EQ(run.status, 2) << run.output;
    EXPECT_NE(run.output.find(test.says), std::string::npos) << run.output;
    EXPECT_EQ(run.output.find("running at"), std::string::npos) << run.output;
  }
  // Nothing was opened before the refusal.
  EXPECT_FALSE(std::filesystem::exists(temp / "refused"));
}

TEST_F(TlsTest, the_config_file_can_name_the_certificate_and_key) {
  write_file(temp / "config.json",
             nlohmann::json{{"server",
                             {{"tls_cert", (temp / "server.pem").string()},
                              {"tls_key", (temp / "server-key.pem").string()}}}}
                 .dump());
  ServerProcess server(temp / "data", kTlsToken, {"--config", (temp / "config.json").string()});
  ASSERT_EQ(server.base_url().rfind("https://", 0), 0u) << server.output();
  HttpClient client(server.base_url(), kTlsToken);
  client.trust_certificate((temp / "server.pem").string());
  EXPECT_EQ(client.get("/api/datasets").status, 200);
}

}  // namespace
}  // namespace reinforge::testing
