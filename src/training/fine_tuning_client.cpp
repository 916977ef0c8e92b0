#include "training/fine_tuning_client.hpp"

#include "providers/api_call.hpp"
#include "util/secure_token.hpp"

namespace reinforge::training {

namespace {

std::string query_escape(const std::string& text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

}  // namespace

std::string multipart_body(const std::string& boundary,
                           const std::vector<std::pair<std::string, std::string>>& fields,
                           const std::string& file_field, const std::string& filename,
                           const std::string& file_content) {
  std::string body;
  for (const auto& [name, value] : fields) {
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" +
            value + "\r\n";
  }
  body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file_field +
          "\"; filename=\"" + filename + "\"\r\nContent-Type: application/jsonl\r\n\r\n";
  body += file_content;
  body += "\r\n--" + boundary + "--\r\n";
  return body;
}

FineTuningClient::FineTuningClient(providers::ProviderConfig config, providers::CallControl control)
    : config_(std::move(config)), control_(control) {}

nlohmann::json FineTuningClient::call(const std::string& method, const std::string& path,
                                      const std::string& body, const std::string& content_type,
                                      bool retry) {
  auto outcome = providers::call_api(config_, method, path, body, content_type, control_, retry);
  if (!outcome.ok) throw FineTuningApiError(outcome.error, outcome.http_status);
  auto parsed = nlohmann::json::parse(outcome.body, nullptr, false);
  if (!parsed.is_object()) {
    throw FineTuningApiError("provider '" + config_.name + "': " + method + " " + path +
                                 " answered something that is not a JSON object",
                             outcome.http_status);
  }
  return parsed;
}

nlohmann::json FineTuningClient::upload_file(const std::string& filename,
                                             const std::string& jsonl) {
  // 32 random hex digits cannot occur in JSONL by chance in any way that matters; checked anyway.
  std::string boundary = util::generate_secret("reinforge-");
  if (jsonl.find(boundary) != std::string::npos) boundary = util::generate_secret("reinforge-b-");
  auto body = multipart_body(boundary, {{"purpose", "fine-tune"}}, "file", filename, jsonl);
  return call("POST", "/files", body, "multipart/form-data; boundary=" + boundary);
}

nlohmann::json FineTuningClient::create_job(const nlohmann::json& body) {
  return call("POST", "/fine_tuning/jobs", body.dump(), "application/json", false);
}

nlohmann::json FineTuningClient::get_job(const std::string& job_id) {
  return call("GET", "/fine_tuning/jobs/" + query_escape(job_id), "", "");
}

EventPage FineTuningClient::list_events(const std::string& job_id, const std::string& after,
                                        int limit) {
  std::string path =
      "/fine_tuning/jobs/" + query_escape(job_id) + "/events?limit=" + std::to_string(limit);
  if (!after.empty()) path += "&after=" + query_escape(after);
  auto page = call("GET", path, "", "");
  EventPage result;
  if (page.contains("data") && page["data"].is_array()) {
    for (const auto& event : page["data"]) {
      if (event.is_object()) result.events.push_back(event);
    }
  }
  result.has_more = page.value("has_more", false);
  return result;
}

std::vector<nlohmann::json> FineTuningClient::list_checkpoints(const std::string& job_id) {
  auto page =
      call("GET", "/fine_tuning/jobs/" + query_escape(job_id) + "/checkpoints?limit=100", "", "");
  std::vector<nlohmann::json> checkpoints;
  if (page.contains("data") && page["data"].is_array()) {
    for (const auto& checkpoint : page["data"]) {
      if (checkpoint.is_object()) checkpoints.push_back(checkpoint);
    }
  }
  return checkpoints;
}

nlohmann::json FineTuningClient::cancel_job(const std::string& job_id) {
  return call("POST", "/fine_tuning/jobs/" + query_escape(job_id) + "/cancel", "",
              "application/json");
}

}  // namespace reinforge::training
