#pragma once
// What the API handlers share: the store, the job runner, the models jobs can call and where
// files live.
#include <filesystem>

#include "jobs/job_runner.hpp"
#include "steps/job_models.hpp"
#include "store/store.hpp"

namespace reinforge::api {

struct AppContext {
  store::Store& store;
  jobs::JobRunner& jobs;
  std::filesystem::path data_dir;
  const steps::JobModels& models;  // the server's provider config, for model settings

  std::filesystem::path uploads_dir() const { return data_dir / "uploads"; }
};

}  // namespace reinforge::api
