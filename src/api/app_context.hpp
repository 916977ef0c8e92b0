#pragma once
// What the API handlers share: the store, the gateway's tables, the job runner, the models jobs
// can call and where files live.
#include <filesystem>
#include <memory>

#include "jobs/job_runner.hpp"
#include "steps/job_models.hpp"
#include "store/store.hpp"
#include "store/trace_store.hpp"

namespace reinforge::api {

struct AppContext {
  store::Store& store;
  jobs::JobRunner& jobs;
  std::filesystem::path data_dir;
  const steps::JobModels& models;  // the server's provider config, for model settings
  // Traces, gateway keys and datasets' trace filters, on their own connection so that trace
  // reads never wait behind a job's writes on the main one.
  std::shared_ptr<store::TraceStore> traces;

  std::filesystem::path uploads_dir() const { return data_dir / "uploads"; }
};

}  // namespace reinforge::api
