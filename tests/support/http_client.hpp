#pragma once
// A small blocking HTTP client for tests (libcurl).
#include <map>
#include <string>

namespace reinforge::testing {

struct HttpResult {
  long status = 0;
  std::string body;
  std::map<std::string, std::string> headers;  // lowercase names
};

class HttpClient {
 public:
  HttpClient(std::string base_url, std::string bearer_token = "")
      : base_url_(std::move(base_url)), token_(std::move(bearer_token)) {}
  // For an https:// server with a certificate of its own: the PEM file it is checked against.
  void trust_certificate(std::string ca_file) { ca_file_ = std::move(ca_file); }

  HttpResult get(const std::string& path) const;
  HttpResult post(const std::string& path, const std::string& body,
                  const std::string& content_type = "application/json") const;
  HttpResult put(const std::string& path, const std::string& body) const;
  HttpResult patch(const std::string& path, const std::string& body) const;
  HttpResult del(const std::string& path) const;
  HttpResult post_file(const std::string& path, const std::string& file) const;
  HttpResult request(const std::string& method, const std::string& path, const std::string& body,
                     const std::string& content_type, const std::string& upload_file = "",
                     const std::map<std::string, std::string>& extra_headers = {}) const;

 private:
  std::string base_url_;
  std::string token_;
  std::string ca_file_;
};

}  // namespace reinforge::testing
