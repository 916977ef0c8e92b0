#pragma once
// What the API handlers share: the store, the job runner and where files live.
#include <filesystem>

#include "jobs/job_runner.hpp"
#include "store/store.hpp"

namespace reinforge::api {

struct AppContext {
  store::Store& store;
  jobs::JobRunner& jobs;
  std::filesystem::path data_dir;

  std::filesystem::path uploads_dir() const { return data_dir / "uploads"; }
};

}  // namespace reinforge::api
