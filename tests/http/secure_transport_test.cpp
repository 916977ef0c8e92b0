// Request::secure_transport, which the session cookie's Secure flag follows: true over the
// server's own TLS, or when a proxy in front says X-Forwarded-Proto: https. In process, with a
// route that answers what its handler saw.
#include <gtest/gtest.h>

#include <memory>
#include <thread>

#include "http/server.hpp"
#include "http/tls_credentials.hpp"
#include "support/http_client.hpp"
#include "support/self_signed_certificate.hpp"
#include "support/temp_dir.hpp"

namespace reinforge::testing {
namespace {

class EchoServer {
 public:
  explicit EchoServer(std::shared_ptr<const http::TlsCredentials> tls) : tls_(tls != nullptr) {
    http::Router router;
    router.add("GET", "/secure-transport", [](http::Request& request) {
      return http::Response::json(200, request.secure_transport ? "true" : "false");
    });
    http::ServerOptions options;
    options.port = 0;
    options.tls = std::move(tls);
    options.io_threads = 1;
    options.handler_threads = 1;
    server_ = std::make_unique<http::Server>(options, std::move(router));
    server_->listen();
    thread_ = std::thread([this] { server_->run(); });
  }
  ~EchoServer() {
    server_->stop();
    thread_.join();
  }

  std::string url() const {
    return (tls_ ? "https://127.0.0.1:" : "http://127.0.0.1:") + std::to_string(server_->port());
  }

 private:
  bool tls_;
  std::unique_ptr<http::Server> server_;
  std::thread thread_;
};

std::string seen(const HttpClient& client, std::map<std::string, std::string> headers = {}) {
  auto result = client.request("GET", "/secure-transport", "", "", "", headers);
  EXPECT_EQ(result.status, 200) << result.body;
  return result.body;
}

TEST(SecureTransport, is_false_over_plain_http_unless_a_proxy_says_https) {
  EchoServer server(nullptr);
  HttpClient client(server.url());
  EXPECT_EQ(seen(client), "false");
  EXPECT_EQ(seen(client, {{"X-Forwarded-Proto", "https"}}), "true");
  EXPECT_EQ(seen(client, {{"X-Forwarded-Proto", "HTTPS"}}), "true");
  // A chain of proxies: the first value is the hop nearest the client.
  EXPECT_EQ(seen(client, {{"X-Forwarded-Proto", "https, http"}}), "true");
  EXPECT_EQ(seen(client, {{"X-Forwarded-Proto", "http, https"}}), "false");
  EXPECT_EQ(seen(client, {{"X-Forwarded-Proto", "http"}}), "false");
}

TEST(SecureTransport, is_true_over_the_servers_own_tls) {
  TempDir temp;
  auto files = make_self_signed_certificate(temp.path(), "server");
  EchoServer server(std::make_shared<const http::TlsCredentials>(files.certificate, files.key));
  HttpClient client(server.url());
  client.trust_certificate(files.certificate.string());
  EXPECT_EQ(seen(client), "true");
  EXPECT_EQ(seen(client, {{"X-Forwarded-Proto", "http"}}), "true");
}

}  // namespace
}  // namespace reinforge::testing
