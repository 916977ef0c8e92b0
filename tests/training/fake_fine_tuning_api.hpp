#pragma once
// A stateful stand-in for OpenAI's fine-tuning API (files, reinforcement fine-tuning jobs,
// events, checkpoints, cancel, pause, resume) for tests. Field names follow the openai SDK's
// generated types and the RFT guide (docs/training.md's `openai` backend); request bodies are
// validated as strictly as the real service, faults answer in OpenAI's error shape.
//
// A job's state is a pure function of the time elapsed since it was created (minus time spent
// paused), so a client may poll at any rate: validating_files for `validating_ms`, queued for
// `queued_ms`, then one training step every `step_ms` until `total_steps`, then the outcome.
#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "providers/fake_upstream.hpp"

namespace reinforge::testing {

enum class FakeJobOutcome { succeeded, failed };

// One injected fault: the `nth` request (1-based) on `route` (see FakeFineTuningApi::calls for
// the names; empty = counted over all routes) gets `status` with an OpenAI error body.
struct FakeFault {
  std::string route;
  int nth = 1;
  int status = 500;
  int retry_after_ms = -1;  // >= 0 adds Retry-After (seconds, rounded up) and retry-after-ms
  bool hang = false;        // hold the connection open until the server stops (timeouts)
};

struct FineTuningScenario {
  std::string api_key = "sk-test-fine-tuning";
  std::string organization_id = "org-reinforge-test";
  std::string model_owner = "reinforge-test";  // ft:<model>:<owner>:<suffix>:<id>

  // Timeline of every job created while this scenario is in force.
  int validating_ms = 30;
  int queued_ms = 30;
  int total_steps = 10;
  int step_ms = 40;
  int eval_interval = 2;  // steps between validation rewards and checkpoints (used when the
                          // job's hyperparameters say "auto")
  double train_reward_start = 0.30;
  double train_reward_end = 0.70;
  double valid_reward_start = 0.28;
  double valid_reward_end = 0.66;

  FakeJobOutcome outcome = FakeJobOutcome::succeeded;
  int fail_after_steps = 4;  // failed outcome: fails when this many steps are done (0: while
                             // validating files)
  nlohmann::json failure_error = {{"code", "server_error"},
                                  {"message", "The job failed due to an internal error."},
                                  {"param", nullptr}};

  // Faults. The first `rate_limited_requests` requests (any route) get 429 + Retry-After;
  // request number `server_error_on_request` (1-based, any route; 0 = never) gets 500.
  int rate_limited_requests = 0;
  int retry_after_ms = 0;
  int server_error_on_request = 0;
  std::vector<FakeFault> faults;

  // Validation switches, on by default because the real service enforces them.
  bool reject_system_role = true;  // RFT lines take developer/user/assistant/tool messages
  bool reject_unknown_hyperparameters = true;
  std::vector<std::string> fine_tunable_models;  // empty: any model name is accepted
};

// A file received on POST /v1/files.
struct FakeFile {
  std::string id;
  std::string filename;
  std::string purpose;
  std::string content;
  std::vector<nlohmann::json> lines;  // each line parsed
  bool deleted = false;
};

class FakeFineTuningApi {
 public:
  explicit FakeFineTuningApi(FineTuningScenario scenario = {});
  ~FakeFineTuningApi();
  FakeFineTuningApi(const FakeFineTuningApi&) = delete;
  FakeFineTuningApi& operator=(const FakeFineTuningApi&) = delete;

  // "http://127.0.0.1:<port>/v1", what a provider's base_url takes.
  std::string base_url() const;
  std::string api_key() const;

  // Applies to requests from now on; jobs already created keep the timeline they started with
  // except for the fault and validation fields.
  void set_scenario(FineTuningScenario scenario);

  std::vector<FakeFile> files() const;
  std::optional<FakeFile> file(const std::string& id) const;
  std::vector<nlohmann::json> job_requests() const;  // bodies of accepted POST /fine_tuning/jobs
  std::vector<std::string> job_ids() const;          // in creation order
  nlohmann::json job(const std::string& id) const;   // the FineTuningJob object as served now
  bool cancelled(const std::string& id) const;

  // Requests per route, counted as they arrive (faulted ones included). Route names:
  // "POST /files", "GET /files/{id}", "DELETE /files/{id}", "POST /fine_tuning/jobs",
  // "GET /fine_tuning/jobs", "GET /fine_tuning/jobs/{id}", "GET /fine_tuning/jobs/{id}/events",
  // "GET /fine_tuning/jobs/{id}/checkpoints", "POST /fine_tuning/jobs/{id}/cancel",
  // "POST /fine_tuning/jobs/{id}/pause", "POST /fine_tuning/jobs/{id}/resume".
  int calls(const std::string& route) const;
  int total_requests() const;
  std::vector<FakeRequest> received() const { return server_->received(); }

 private:
  struct Job;
  using Clock = std::chrono::steady_clock;

  FakeResponse handle(const FakeRequest& request);
  std::optional<FakeResponse> injected_fault(const std::string& route_name);
  FakeResponse upload_file(const FakeRequest& request);
  FakeResponse delete_file(const std::string& id);
  FakeResponse create_job(const FakeRequest& request);
  std::optional<FakeResponse> invalid_job_body(const nlohmann::json& body) const;
  FakeResponse list_jobs(const std::map<std::string, std::string>& query);
  FakeResponse list_events(Job& job, const std::map<std::string, std::string>& query);
  FakeResponse list_checkpoints(Job& job, const std::map<std::string, std::string>& query);
  FakeResponse cancel_job(Job& job);
  FakeResponse pause_job(Job& job);
  FakeResponse resume_job(Job& job);

  nlohmann::json file_object(const FakeFile& file) const;
  nlohmann::json job_object(const Job& job, Clock::time_point now) const;
  std::vector<nlohmann::json> events_newest_first(const Job& job, Clock::time_point now) const;
  std::vector<nlohmann::json> checkpoints_newest_first(const Job& job, Clock::time_point now) const;
  Job* find_job(const std::string& id);

  mutable std::mutex mutex_;
  FineTuningScenario scenario_;
  std::vector<FakeFile> files_;
  std::vector<std::unique_ptr<Job>> jobs_;
  std::vector<nlohmann::json> job_requests_;
  std::map<std::string, int> calls_;
  int total_requests_ = 0;
  std::unique_ptr<FakeUpstream> server_;  // last: stops before the state it reads goes away
};

// Helpers for tests that drive the fake by hand.
// A multipart/form-data body with the fields `purpose` and `file` (named `filename`).
std::string fine_tune_upload_body(const std::string& boundary, const std::string& purpose,
                                  const std::string& filename, const std::string& content);

}  // namespace reinforge::testing
