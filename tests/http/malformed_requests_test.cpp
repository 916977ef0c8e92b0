// Requests the server cannot read get an answer before the connection closes, on the API and on
// the gateway alike (the header is read in one place): 431 for a header over the limit, 400 for
// broken framing. Sent as raw bytes, since no HTTP client will write them.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "support/server_process.hpp"
#include "support/temp_dir.hpp"

namespace reinforge::testing {
namespace {

constexpr const char* kMalformedRequestsToken = "malformed-requests-token";

// Sends `bytes`, then reads until the server closes the connection (or 10 s pass).
std::string exchange_raw(int port, const std::string& bytes) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval timeout{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    throw std::runtime_error("connect failed");
  }
  // The server may answer and stop reading before everything is sent; what it answered counts.
  for (std::size_t sent = 0; sent < bytes.size();) {
    ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<std::size_t>(n);
  }
  std::string answer;
  char buffer[4096];
  for (;;) {
    ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    answer.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return answer;
}

struct RawAnswer {
  int status = 0;
  std::string head;
  nlohmann::json body;
};

RawAnswer parse_answer(const std::string& answer) {
  RawAnswer parsed;
  auto end_of_head = answer.find("\r\n\r\n");
  if (answer.rfind("HTTP/1.1 ", 0) != 0 || end_of_head == std::string::npos) return parsed;
  parsed.status = std::stoi(answer.substr(9, 3));
  parsed.head = answer.substr(0, end_of_head + 2);
  parsed.body = nlohmann::json::parse(answer.substr(end_of_head + 4), nullptr, false);
  return parsed;
}

class MalformedRequestsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server = std::make_unique<ServerProcess>(temp.path() / "data", kMalformedRequestsToken);
  }

  TempDir temp;
  std::unique_ptr<ServerProcess> server;
};

void expect_refusal(const RawAnswer& answer, int status, const std::string& code) {
  EXPECT_EQ(answer.status, status) << answer.head;
  EXPECT_EQ(answer.body["error"]["code"], code) << answer.body.dump();
  EXPECT_NE(answer.head.find("\r\nConnection: close\r\n"), std::string::npos) << answer.head;
  EXPECT_NE(answer.head.find("\r\nContent-Security-Policy: "), std::string::npos) << answer.head;
}

TEST_F(MalformedRequestsTest, a_header_over_64_kb_gets_431_on_the_api_the_ui_and_the_gateway) {
  for (std::string target : {"/api/datasets", "/", "/v1/chat/completions"}) {
    SCOPED_TRACE(target);
    std::string request = "GET " + target +
                          " HTTP/1.1\r\nHost: x\r\nX-Padding: " + std::string(70 * 1024, 'a') +
                          "\r\n\r\n";
    expect_refusal(parse_answer(exchange_raw(server->port(), request)), 431, "header_too_large");
  }
  // Far larger than the limit: the server drops what it does not read and still answers.
  std::string huge =
      "GET / HTTP/1.1\r\nHost: x\r\nX-Padding: " + std::string(4 << 20, 'a') + "\r\n\r\n";
  expect_refusal(parse_answer(exchange_raw(server->port(), huge)), 431, "header_too_large");
}

TEST_F(MalformedRequestsTest, broken_framing_gets_400_on_the_api_and_the_gateway) {
  const std::string auth = std::string("Authorization: Bearer ") + kMalformedRequestsToken + "\r\n";
  struct Case {
    const char* name;
    std::string request;
  };
  std::vector<Case> cases;
  for (std::string path : {"/api/datasets", "/v1/chat/completions"}) {
    cases.push_back(
        {"a request line that is not HTTP", "POST " + path + " HTTP/x.y\r\nHost: x\r\n\r\n"});
    cases.push_back(
        {"a header line without a colon", "POST " + path + " HTTP/1.1\r\nHost x\r\n\r\n"});
    cases.push_back(
        {"two different Content-Lengths", "POST " + path + " HTTP/1.1\r\nHost: x\r\n" + auth +
                                              "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}"});
    cases.push_back(
        {"Content-Length and chunked together",
         "POST " + path + " HTTP/1.1\r\nHost: x\r\n" + auth +
             "Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n"});
    cases.push_back({"a chunk size that is not hex",
                     "POST " + path + " HTTP/1.1\r\nHost: x\r\n" + auth +
                         "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"});
  }
  cases.push_back({"garbage", "\x16\x03\x01 not http at all\r\n\r\n"});
  for (const auto& test : cases) {
    SCOPED_TRACE(test.name + (" " + test.request.substr(0, test.request.find('\r'))));
    expect_refusal(parse_answer(exchange_raw(server->port(), test.request)), 400, "bad_request");
  }
}

TEST_F(MalformedRequestsTest, the_server_keeps_serving_after_refusing) {
  exchange_raw(server->port(), "GARBAGE\r\n\r\n");
  auto answer = parse_answer(exchange_raw(
      server->port(), "GET /api/datasets HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
  EXPECT_EQ(answer.status, 401);
  EXPECT_EQ(answer.body["error"]["code"], "unauthorized");
}

}  // namespace
}  // namespace reinforge::testing
