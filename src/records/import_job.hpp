#pragma once
// The "import" job: streams an uploaded JSONL file into a dataset. Resumable: after a crash
// it continues after the last committed batch.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "jobs/job_runner.hpp"
#include "records/jsonl_importer.hpp"

namespace reinforge::records {

inline constexpr const char* kImportJobKind = "import";

void register_import_job(jobs::JobRunner& runner);

// Takes ownership of `upload` (moved into `uploads_dir`) and queues its import; `then` is queued
// when the import succeeds.
store::Job submit_import(jobs::JobRunner& runner, int64_t dataset_id,
                         const std::filesystem::path& upload,
                         const std::filesystem::path& uploads_dir, ImportMode mode,
                         const std::string& filename,
                         const std::optional<jobs::FollowUpJob>& then = std::nullopt);

}  // namespace reinforge::records
