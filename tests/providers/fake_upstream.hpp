#pragma once
// A small OpenAI-compatible HTTP server for tests: plain sockets, one thread per connection,
// `Connection: close`. Each request goes to a handler that decides status, body, delay, or a
// hang (held open until the server stops).
#include <atomic>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

namespace reinforge::testing {

struct FakeRequest {
  std::string method;
  std::string path;
  std::map<std::string, std::string> headers;  // lowercase names
  std::string body;
  nlohmann::json json() const { return nlohmann::json::parse(body, nullptr, false); }
};

struct FakeResponse {
  int status = 200;
  std::string body;
  std::map<std::string, std::string> headers;
  int delay_ms = 0;
  bool hang = false;
};

// A chat completion answering `content` (and optional tool calls), in OpenAI's shape.
FakeResponse chat_completion_response(const std::string& content, nlohmann::json tool_calls = nullptr,
                                      const std::string& finish_reason = "stop");

class FakeUpstream {
 public:
  using Handler = std::function<FakeResponse(const FakeRequest&)>;
  explicit FakeUpstream(Handler handler);
  ~FakeUpstream();
  FakeUpstream(const FakeUpstream&) = delete;
  FakeUpstream& operator=(const FakeUpstream&) = delete;

  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/v1"; }
  int requests() const { return requests_.load(); }
  std::vector<FakeRequest> received() const;

 private:
  void accept_loop();
  void serve(int client);

  Handler handler_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> requests_{0};
  std::thread acceptor_;
  mutable std::mutex mutex_;
  std::condition_variable stopped_;
  std::vector<std::thread> workers_;
  std::vector<int> clients_;
  std::vector<FakeRequest> received_;
};

}  // namespace reinforge::testing
