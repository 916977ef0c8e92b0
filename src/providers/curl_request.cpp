#include "providers/curl_request.hpp"

#include <curl/curl.h>

#include <cctype>
#include <memory>
#include <mutex>

namespace reinforge::providers {

namespace {

void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

size_t append_body(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

size_t read_header(char* data, size_t size, size_t count, void* user) {
  std::string_view line(data, size * count);
  constexpr std::string_view name = "retry-after:";
  if (line.size() > name.size()) {
    bool match = true;
    for (size_t i = 0; i < name.size() && match; ++i) {
      match = std::tolower(static_cast<unsigned char>(line[i])) == name[i];
    }
    if (match) {
      auto value = line.substr(name.size());
      while (!value.empty() && (value.back() == '\r' || value.back() == '\n'))
        value.remove_suffix(1);
      *static_cast<std::string*>(user) = std::string(value);
    }
  }
  return size * count;
}

// Returning non-zero aborts the transfer: how a cancelled job stops a call that is waiting.
int check_cancelled(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return static_cast<const CallControl*>(user)->is_cancelled() ? 1 : 0;
}

struct CurlDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

}  // namespace

HttpResponse post_json(const ProviderConfig& config, const std::string& url,
                       const std::string& body, const CallControl& control) {
  return send_request(config, "POST", url, body, "application/json", control);
}

HttpResponse send_request(const ProviderConfig& config, const std::string& method,
                          const std::string& url, const std::string& body,
                          const std::string& content_type, const CallControl& control) {
  init_curl_once();
  HttpResponse response;
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) {
    response.transport_error = "could not start an HTTP client";
    return response;
  }
  std::unique_ptr<curl_slist, SlistDeleter> headers;
  auto add_header = [&](const std::string& header) {
    headers.reset(curl_slist_append(headers.release(), header.c_str()));
  };
  if (method != "GET") {
    add_header("Content-Type: " + content_type);
    // No "Expect: 100-continue" round trip before a large body (an upload of a training file):
    // it costs a wait on servers that never answer it.
    add_header("Expect:");
  }
  add_header("Accept: application/json");
  if (!config.api_key.empty()) add_header("Authorization: Bearer " + config.api_key);

  CURL* handle = curl.get();
  curl_easy_setopt(handle, CURLOPT_URL, url.c_str());
  if (method == "GET") {
    curl_easy_setopt(handle, CURLOPT_HTTPGET, 1L);
  } else {
    curl_easy_setopt(handle, CURLOPT_POST, 1L);
    curl_easy_setopt(handle, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    if (method != "POST") curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, method.c_str());
  }
  curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, config.connect_timeout_ms);
  curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, config.total_timeout_ms);
  curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM: we run in threads
  curl_easy_setopt(handle, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(handle, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!config.ca_bundle.empty()) curl_easy_setopt(handle, CURLOPT_CAINFO, config.ca_bundle.c_str());
  curl_easy_setopt(handle, CURLOPT_ACCEPT_ENCODING, "");
  curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(handle, CURLOPT_WRITEDATA, &response.body);
  curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, read_header);
  curl_easy_setopt(handle, CURLOPT_HEADERDATA, &response.retry_after);
  curl_easy_setopt(handle, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, check_cancelled);
  curl_easy_setopt(handle, CURLOPT_XFERINFODATA, &control);

  CURLcode code = curl_easy_perform(handle);
  if (code != CURLE_OK) {
    response.cancelled = code == CURLE_ABORTED_BY_CALLBACK;
    response.transport_error = response.cancelled ? "cancelled" : curl_easy_strerror(code);
    response.body.clear();
    return response;
  }
  curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &response.status);
  return response;
}

}  // namespace reinforge::providers
