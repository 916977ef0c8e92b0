#include "providers/fake_upstream.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <stdexcept>

namespace reinforge::testing {

FakeResponse chat_completion_response(const std::string& content, nlohmann::json tool_calls,
                                      const std::string& finish_reason) {
  nlohmann::json message = {{"role", "assistant"}, {"content", content}};
  if (!tool_calls.is_null()) message["tool_calls"] = tool_calls;
  nlohmann::json body = {
      {"id", "chatcmpl-test"},
      {"object", "chat.completion"},
      {"model", "fake"},
      {"choices", {{{"index", 0}, {"message", message}, {"finish_reason", finish_reason}}}},
      {"usage", {{"prompt_tokens", 11}, {"completion_tokens", 7}, {"total_tokens", 18}}}};
  return {200, body.dump(), {}, 0, false};
}

FakeUpstream::FakeUpstream(Handler handler) : handler_(std::move(handler)) {
  listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
  int yes = 1;
  ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::listen(listener_, 256) != 0) {
    throw std::runtime_error("fake upstream: cannot listen");
  }
  socklen_t length = sizeof address;
  ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
  port_ = ntohs(address.sin_port);
  acceptor_ = std::thread([this] { accept_loop(); });
}

FakeUpstream::~FakeUpstream() {
  stopping_ = true;
  ::shutdown(listener_, SHUT_RDWR);
  ::close(listener_);
  acceptor_.join();
  {
    std::lock_guard lock(mutex_);
    for (int client : clients_) ::shutdown(client, SHUT_RDWR);
  }
  stopped_.notify_all();
  for (auto& worker : workers_) worker.join();
}

std::vector<FakeRequest> FakeUpstream::received() const {
  std::lock_guard lock(mutex_);
  return received_;
}

void FakeUpstream::accept_loop() {
  while (!stopping_) {
    int client = ::accept(listener_, nullptr, nullptr);
    if (client < 0) continue;
    std::lock_guard lock(mutex_);
    if (stopping_) {
      ::close(client);
      break;
    }
    clients_.push_back(client);
    workers_.emplace_back([this, client] { serve(client); });
  }
}

namespace {

bool read_request(int client, FakeRequest& request) {
  std::string data;
  char buffer[65536];
  size_t header_end = std::string::npos;
  while (header_end == std::string::npos) {
    auto got = ::recv(client, buffer, sizeof buffer, 0);
    if (got <= 0) return false;
    data.append(buffer, got);
    header_end = data.find("\r\n\r\n");
  }
  auto first_line_end = data.find("\r\n");
  auto first_line = data.substr(0, first_line_end);
  auto space1 = first_line.find(' ');
  auto space2 = first_line.find(' ', space1 + 1);
  request.method = first_line.substr(0, space1);
  request.path = first_line.substr(space1 + 1, space2 - space1 - 1);
  size_t at = first_line_end + 2;
  while (at < header_end) {
    auto end = data.find("\r\n", at);
    auto line = data.substr(at, end - at);
    auto colon = line.find(':');
    if (colon != std::string::npos) {
      auto name = line.substr(0, colon);
      std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
      auto value = line.substr(colon + 1);
      value.erase(0, value.find_first_not_of(' '));
      request.headers[name] = value;
    }
    at = end + 2;
  }
  size_t length = request.headers.count("content-length") ? std::stoul(request.headers["content-length"]) : 0;
  request.body = data.substr(header_end + 4);
  while (request.body.size() < length) {
    auto got = ::recv(client, buffer, sizeof buffer, 0);
    if (got <= 0) return false;
    request.body.append(buffer, got);
  }
  return true;
}

void send_all(int client, const std::string& data) {
  size_t sent = 0;
  while (sent < data.size()) {
    auto wrote = ::send(client, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (wrote <= 0) return;
    sent += wrote;
  }
}

}  // namespace

void FakeUpstream::serve(int client) {
  FakeRequest request;
  if (read_request(client, request)) {
    ++requests_;
    {
      std::lock_guard lock(mutex_);
      received_.push_back(request);
    }
    auto response = handler_(request);
    std::unique_lock lock(mutex_);
    if (response.hang) {
      stopped_.wait(lock, [this] { return stopping_.load(); });
    } else if (response.delay_ms > 0) {
      stopped_.wait_for(lock, std::chrono::milliseconds(response.delay_ms), [this] { return stopping_.load(); });
    }
    lock.unlock();
    if (!stopping_) {
      std::string head = "HTTP/1.1 " + std::to_string(response.status) + " X\r\nContent-Type: application/json\r\n";
      for (const auto& [name, value] : response.headers) head += name + ": " + value + "\r\n";
      head += "Content-Length: " + std::to_string(response.body.size()) + "\r\nConnection: close\r\n\r\n";
      send_all(client, head + response.body);
    }
  }
  std::lock_guard lock(mutex_);
  clients_.erase(std::remove(clients_.begin(), clients_.end(), client), clients_.end());
  ::shutdown(client, SHUT_RDWR);
  ::close(client);
}

}  // namespace reinforge::testing
