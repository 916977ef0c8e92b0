#pragma once
// The Store interface: the only way the rest of Reinforge reads or writes state.
// SQLite is the embedded implementation (sqlite_store.hpp).
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "store/store_types.hpp"

namespace reinforge::store {

// Thrown for a unique-name clash; the API turns it into 409.
struct ConflictError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Store {
 public:
  virtual ~Store() = default;

  // Settings: small key/value pairs (the admin token's hash, ...).
  virtual std::optional<std::string> get_setting(const std::string& key) = 0;
  virtual void put_setting(const std::string& key, const std::string& value) = 0;

  // Datasets.
  virtual Dataset create_dataset(const std::string& name, const std::string& objective) = 0;
  virtual std::optional<Dataset> find_dataset(int64_t id) = 0;
  virtual std::optional<Dataset> find_dataset_by_name(const std::string& name) = 0;
  virtual std::vector<Dataset> list_datasets() = 0;
  virtual Dataset update_dataset(const Dataset& dataset) = 0;  // name, objective, settings
  virtual Dataset duplicate_dataset(int64_t id, const std::string& new_name) = 0;
  virtual bool delete_dataset(int64_t id) = 0;

  // Records.
  virtual RecordCounts count_records(int64_t dataset_id) = 0;
  virtual std::vector<IssueCodeCount> count_issue_codes(int64_t dataset_id) = 0;
  // Appends a batch in one transaction, with the job's checkpoint when given.
  virtual void insert_records(int64_t dataset_id, std::span<const NewRecord> records,
                              const std::optional<JobCheckpoint>& checkpoint = std::nullopt) = 0;
  virtual std::vector<uint64_t> record_content_hashes(int64_t dataset_id) = 0;
  virtual int64_t delete_all_records(int64_t dataset_id) = 0;
  virtual std::vector<Record> list_records(int64_t dataset_id, const RecordFilter& filter,
                                           int64_t* total) = 0;
  virtual std::optional<Record> get_record(int64_t dataset_id, int64_t record_id) = 0;
  virtual bool replace_record(int64_t dataset_id, int64_t record_id, const NewRecord& record) = 0;
  virtual int64_t delete_records(int64_t dataset_id, std::span<const int64_t> record_ids) = 0;
  // Streams the records with their text in import order; `visit` returns false to stop.
  virtual void for_each_record(int64_t dataset_id, bool valid_only,
                               const std::function<bool(const Record&)>& visit) = 0;

  // Jobs.
  virtual Job create_job(const Job& job) = 0;
  virtual std::optional<Job> find_job(int64_t id) = 0;
  virtual std::vector<Job> list_jobs(std::optional<int64_t> dataset_id, int64_t limit) = 0;
  virtual std::vector<Job> jobs_in_state(JobState state) = 0;
  virtual void update_job(const Job& job) = 0;  // state, progress, message, error, result
  virtual void request_job_cancel(int64_t id) = 0;
};

// Opens (creating when missing) the SQLite store in `data_dir`/reinforge.db and applies
// pending migrations.
std::unique_ptr<Store> open_sqlite_store(const std::filesystem::path& data_dir);

}  // namespace reinforge::store
