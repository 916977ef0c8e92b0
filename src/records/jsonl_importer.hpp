#pragma once
// Streams a JSONL file into a dataset: every non-blank line becomes a record (lines that
// are not JSON too, kept with their raw text), validated on every core, committed in
// batches. A checkpoint (byte offset and counts) is committed with each batch, so an import
// interrupted by a crash resumes after the last committed batch and never commits half of one.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "health/record_validator.hpp"
#include "store/store.hpp"

namespace reinforge::records {

struct ImportCounts {
  int64_t imported = 0;
  int64_t valid = 0;
  int64_t invalid = 0;
  int64_t blank_lines = 0;
  int64_t duplicates = 0;
};

struct ImportCheckpoint {
  int64_t offset = 0;  // bytes of the file already committed
  int64_t line = 0;    // physical lines already read
  bool replaced = false;  // replace mode: old records already deleted
  ImportCounts counts;
};
std::string checkpoint_to_json(const ImportCheckpoint& checkpoint);
ImportCheckpoint checkpoint_from_json(const std::string& json);  // "{}" gives a fresh start
std::string counts_to_json(const ImportCounts& counts);

enum class ImportMode { append, replace };
std::optional<ImportMode> import_mode_from_string(std::string_view text);

struct ImportOptions {
  ImportMode mode = ImportMode::append;
  health::ValidationOptions validation;
  std::string origin = "import";
  unsigned threads = 0;  // validator threads; 0: every core
  std::size_t batch_lines = 8192;
  std::optional<int64_t> job_id;  // when set, checkpoints are committed on this job's row
  std::string job_instance;       // the instance holding its lease (JobCheckpoint::holder)
  // Called after each committed batch with the bytes done and the file's size; may throw to
  // stop (cancel) — committed batches stay.
  std::function<void(int64_t bytes_done, int64_t bytes_total, const ImportCounts&)> on_progress;
};

ImportCounts import_jsonl(store::Store& store, int64_t dataset_id,
                          const std::filesystem::path& file, const ImportOptions& options,
                          ImportCheckpoint resume_from = {});

}  // namespace reinforge::records
