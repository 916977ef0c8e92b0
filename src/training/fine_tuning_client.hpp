#pragma once
// A client of OpenAI's fine-tuning API (files, fine_tuning/jobs, events, checkpoints, cancel) for
// OpenAI and every endpoint that speaks it. Each call takes the provider's retries; a call that
// still fails throws FineTuningApiError with the upstream's message, the key scrubbed.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "providers/llm_provider.hpp"
#include "providers/provider_config.hpp"

namespace reinforge::training {

struct FineTuningApiError : std::runtime_error {
  FineTuningApiError(const std::string& message, long http_status)
      : std::runtime_error(message), http_status(http_status) {}
  long http_status;  // 0: no answer came
  // A 4xx other than 408/409/429 will not change on retry: the request itself is refused.
  bool is_refusal() const {
    return http_status >= 400 && http_status < 500 && http_status != 408 && http_status != 409 &&
           http_status != 429;
  }
};

struct EventPage {
  std::vector<nlohmann::json> events;  // as the API lists them: newest first
  bool has_more = false;
};

class FineTuningClient {
 public:
  FineTuningClient(providers::ProviderConfig config, providers::CallControl control);

  // POST /files (multipart, purpose "fine-tune"); returns the File object.
  nlohmann::json upload_file(const std::string& filename, const std::string& jsonl);
  // POST /fine_tuning/jobs; returns the FineTuningJob. Not retried on a server error, which may
  // have created the job: the caller's restart logic decides.
  nlohmann::json create_job(const nlohmann::json& body);
  nlohmann::json get_job(const std::string& job_id);
  EventPage list_events(const std::string& job_id, const std::string& after, int limit);
  std::vector<nlohmann::json> list_checkpoints(const std::string& job_id);
  nlohmann::json cancel_job(const std::string& job_id);

 private:
  nlohmann::json call(const std::string& method, const std::string& path, const std::string& body,
                      const std::string& content_type, bool retry = true);

  providers::ProviderConfig config_;
  providers::CallControl control_;
};

// A multipart/form-data body (RFC 7578) with text fields and one file; `boundary` must not
// occur in the content.
std::string multipart_body(const std::string& boundary,
                           const std::vector<std::pair<std::string, std::string>>& fields,
                           const std::string& file_field, const std::string& filename,
                           const std::string& file_content);

}  // namespace reinforge::training
