#include "support/http_client.hpp"

#include <curl/curl.h>

#include <cstdio>
#include <stdexcept>

namespace reinforge::testing {

namespace {

size_t append_body(char* data, size_t size, size_t count, void* target) {
  static_cast<std::string*>(target)->append(data, size * count);
  return size * count;
}

size_t append_header(char* data, size_t size, size_t count, void* target) {
  std::string line(data, size * count);
  auto colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n')) value.pop_back();
    (*static_cast<std::map<std::string, std::string>*>(target))[name] = value;
  }
  return size * count;
}

}  // namespace

HttpResult HttpClient::request(const std::string& method, const std::string& path,
                               const std::string& body, const std::string& content_type,
                               const std::string& upload_file,
                               const std::map<std::string, std::string>& extra_headers) const {
  CURL* curl = curl_easy_init();
  if (!curl) throw std::runtime_error("curl_easy_init failed");
  HttpResult result;
  std::string url = base_url_ + path;
  curl_slist* headers = nullptr;
  if (!token_.empty()) headers = curl_slist_append(headers, ("Authorization: Bearer " + token_).c_str());
  if (!content_type.empty()) headers = curl_slist_append(headers, ("Content-Type: " + content_type).c_str());
  for (const auto& [name, value] : extra_headers) headers = curl_slist_append(headers, (name + ": " + value).c_str());
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &result.body);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, append_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &result.headers);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 120L);
  if (!ca_file_.empty()) curl_easy_setopt(curl, CURLOPT_CAINFO, ca_file_.c_str());
  FILE* upload = nullptr;
  if (!upload_file.empty()) {
    upload = std::fopen(upload_file.c_str(), "rb");
    if (!upload) throw std::runtime_error("cannot open " + upload_file);
    std::fseek(upload, 0, SEEK_END);
    long size = std::ftell(upload);
    std::fseek(upload, 0, SEEK_SET);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_READDATA, upload);
    curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(size));
  } else if (method != "GET" && method != "DELETE") {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  }
  CURLcode code = curl_easy_perform(curl);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &result.status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  if (upload) std::fclose(upload);
  if (code != CURLE_OK) throw std::runtime_error(std::string("HTTP request failed: ") + curl_easy_strerror(code));
  return result;
}

HttpResult HttpClient::get(const std::string& path) const { return request("GET", path, "", ""); }
HttpResult HttpClient::post(const std::string& path, const std::string& body,
                            const std::string& content_type) const {
  return request("POST", path, body, content_type);
}
HttpResult HttpClient::put(const std::string& path, const std::string& body) const {
  return request("PUT", path, body, "application/json");
}
HttpResult HttpClient::patch(const std::string& path, const std::string& body) const {
  return request("PATCH", path, body, "application/json");
}
HttpResult HttpClient::del(const std::string& path) const { return request("DELETE", path, "", ""); }
HttpResult HttpClient::post_file(const std::string& path, const std::string& file) const {
  return request("POST", path, "", "application/x-ndjson", file);
}

}  // namespace reinforge::testing
