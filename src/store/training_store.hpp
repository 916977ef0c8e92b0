#pragma once
// Step 6's state in the store: training runs with the record ids of their split, the metric
// time series and the event log of each run. Its own connection to the database file, so a
// trainer posting metrics never queues behind an import's writes.
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "store/training_types.hpp"

namespace reinforge::store {

class TrainingStore {
 public:
  virtual ~TrainingStore() = default;

  // Creates the run and its split in one transaction; returns it with its id.
  virtual TrainingRun create_run(const TrainingRun& run, std::span<const int64_t> train_ids,
                                 std::span<const int64_t> valid_ids) = 0;
  virtual std::optional<TrainingRun> find_run(int64_t run_id) = 0;
  virtual std::vector<TrainingRun> list_runs(int64_t dataset_id) = 0;  // newest first
  // Reads the run, lets `change` edit it and writes it back in one transaction, so the job
  // following a backend and a trainer posting metrics never overwrite each other's fields.
  // What a run's life changes is written back: job, state, remote status and job id, token,
  // backend state, progress, rewards, model, error, trainer result and times. What it started
  // with (backend, base model, revision, grader, options, counts) is not, even if `change` edits
  // it. Nullopt when there is no such run.
  virtual std::optional<TrainingRun> modify_run(
      int64_t run_id, const std::function<void(TrainingRun&)>& change) = 0;

  // Record id -> part for every record of the run's split.
  virtual std::unordered_map<int64_t, SplitPart> split_of(int64_t run_id) = 0;

  // Appends in one transaction; returns the points with their sequence numbers.
  virtual std::vector<TrainingMetric> append_metrics(int64_t run_id,
                                                     std::span<const TrainingMetric> metrics) = 0;
  virtual std::vector<TrainingMetric> list_metrics(int64_t run_id, int64_t after_seq,
                                                   int64_t limit) = 0;
  virtual void append_events(int64_t run_id, std::span<const TrainingEvent> events) = 0;
  virtual std::vector<TrainingEvent> list_events(int64_t run_id, int64_t after_seq,
                                                 int64_t limit) = 0;
};

// Opens `data_dir`/reinforge.db (creating it and applying migrations when needed).
std::unique_ptr<TrainingStore> open_sqlite_training_store(const std::filesystem::path& data_dir);

}  // namespace reinforge::store
