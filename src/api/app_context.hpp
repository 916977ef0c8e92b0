#pragma once
// What the API handlers share: the store, the gateway's tables, the job runner, the models jobs
// can call and where files live.
#include <filesystem>
#include <memory>

#include "access/access_control.hpp"
#include "jobs/job_runner.hpp"
#include "steps/job_models.hpp"
#include "steps/training_job.hpp"
#include "store/store.hpp"
#include "store/deployment_store.hpp"
#include "store/trace_store.hpp"
#include "store/training_store.hpp"

namespace reinforge::api {

struct AppContext {
  store::Store& store;
  jobs::JobRunner& jobs;
  std::filesystem::path data_dir;
  const steps::JobModels& models;  // the server's provider config, for model settings
  // Traces, gateway keys and datasets' trace filters, on their own connection so that trace
  // reads never wait behind a job's writes on the main one.
  std::shared_ptr<store::TraceStore> traces;
  // Training runs (step 6) and what their jobs share: the run store, the data directory and
  // this server's URL, which the trainer endpoints are named by.
  steps::TrainingJobServices& training;
  // The admin token's SHA-256: the trainer endpoints take it as well as a run's token.
  std::string admin_token_sha256;
  // Step 7's deployments (the gateway reads them through its route table).
  store::DeploymentStore* deployments = nullptr;
  // Who may do what (docs/access.md): users, sessions, tokens and the audit log.
  access::AccessControl* access = nullptr;

  std::filesystem::path uploads_dir() const { return data_dir / "uploads"; }
};

}  // namespace reinforge::api
