#pragma once
// The Store interface: the only way the rest of Reinforge reads or writes state.
// SQLite is the embedded implementation (open_sqlite_store below); PostgreSQL serves several
// instances on one database (postgres/pg_store.hpp).
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

// Thrown when this instance lost a job's lease (it could not renew it in time, and another
// instance took the job over): the job must stop here and write nothing more. A batch written
// with a JobCheckpoint whose holder lost the lease is refused with it, none of it written.
struct JobLeaseLost : std::runtime_error {
  JobLeaseLost() : std::runtime_error("lease lost to another instance") {}
};

// The clash of a dataset's name, in the same words from every backend.
inline ConflictError dataset_name_taken(const std::string& name) {
  return ConflictError("A dataset named '" + name + "' already exists; choose another name.");
}

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
  virtual RecordPage list_records(int64_t dataset_id, const RecordFilter& filter) = 0;
  virtual std::optional<Record> get_record(int64_t dataset_id, int64_t record_id) = 0;
  virtual bool replace_record(int64_t dataset_id, int64_t record_id, const NewRecord& record) = 0;
  virtual int64_t delete_records(int64_t dataset_id, std::span<const int64_t> record_ids) = 0;
  // Streams the records with their text in import order; `visit` returns false to stop.
  virtual void for_each_record(int64_t dataset_id, bool valid_only,
                               const std::function<bool(const Record&)>& visit) = 0;

  // Topics (steps 2 and 3).
  virtual std::optional<DatasetTopics> get_topics(int64_t dataset_id) = 0;
  // Saves the hierarchy (and its method); `clear_assignments` uncategorizes every record, manual
  // ones too.
  virtual void put_topics(int64_t dataset_id, const DatasetTopics& topics, bool clear_assignments) = 0;
  // Replaces only the method of the saved hierarchy (a categorization job's report); false when
  // the dataset has no topics.
  virtual bool put_topics_method(int64_t dataset_id, const std::string& method_json) = 0;
  // Valid records in id order, a page at a time, for categorization.
  virtual void for_each_record_for_topics(
      int64_t dataset_id, bool unlabeled_only,
      const std::function<bool(const std::vector<RecordForTopics>&)>& visit_page) = 0;
  // Writes assignments in one transaction. A record a person assigned keeps its topic unless
  // `manual` (this is a person's choice too).
  virtual void assign_topics(int64_t dataset_id, std::span<const TopicAssignment> assignments,
                             bool manual) = 0;
  // Records whose topic is not in `topic_ids` become uncategorized; returns how many.
  virtual int64_t uncategorize_topics_not_in(int64_t dataset_id,
                                             const std::vector<std::string>& topic_ids) = 0;
  // Saves a hierarchy edit that moves records (merge, split) in one transaction; returns how
  // many records moved.
  virtual int64_t apply_topic_edit(int64_t dataset_id, const TopicEdit& edit) = 0;
  virtual std::vector<TopicRecordCount> count_records_by_topic(int64_t dataset_id) = 0;
  // Valid records per token count: (tokens, records), one pair per distinct count (a few
  // thousand at most); coverage::token_length_histogram buckets them.
  virtual std::vector<std::pair<int64_t, int64_t>> token_length_counts(int64_t dataset_id) = 0;

  // Graders (step 4): the newest saved version is the dataset's grader.
  virtual GraderRow save_grader(int64_t dataset_id, const std::string& version,
                                const std::string& config_json) = 0;
  virtual std::optional<GraderRow> current_grader(int64_t dataset_id) = 0;
  virtual void save_grader_test(int64_t grader_id, const std::string& test_json) = 0;
  // Up to `count` valid records picked at random, with their text.
  virtual std::vector<Record> random_valid_records(int64_t dataset_id, int64_t count) = 0;

  // What a step keeps between runs (JSON), e.g. coverage skipped at a revision.
  virtual std::optional<std::string> get_step_state(int64_t dataset_id, const std::string& step) = 0;
  virtual void put_step_state(int64_t dataset_id, const std::string& step,
                              const std::string& state_json) = 0;

  // Generation runs (step 3) and the records they produced (PRODUCT.md §5).
  virtual GenerationRun create_generation_run(const GenerationRun& run) = 0;
  virtual std::optional<GenerationRun> find_generation_run(int64_t run_id) = 0;
  virtual std::vector<GenerationRun> list_generation_runs(int64_t dataset_id) = 0;  // newest first
  // Ends a run in one transaction: its state and summary, every record it produced with its
  // verdict and, unless the run waits for review, the accepted ones added to the dataset
  // (origin generated, with their topic). `records` are the verdicts; `accepted` holds the rows
  // of those whose status is "accepted" or "pending", in the same order as they appear there.
  virtual void finish_generation_run(const GenerationRun& run,
                                     std::span<const GeneratedRecord> records,
                                     std::span<const GeneratedRecordToAdd> accepted) = 0;
  virtual std::vector<GeneratedRecord> list_generated_records(
      int64_t run_id, const std::optional<std::string>& status, int64_t offset, int64_t limit,
      int64_t* total) = 0;
  virtual std::optional<GeneratedRecord> find_generated_record(int64_t run_id, int64_t id) = 0;
  virtual std::vector<std::pair<std::string, int64_t>> count_generated_records(int64_t run_id) = 0;
  // Pending (or rejected, overruled by a person) records join the dataset, each `generated_id`
  // naming one; returns how many did.
  virtual int64_t accept_generated_records(int64_t run_id,
                                           std::span<const GeneratedRecordToAdd> records) = 0;
  // A person's edit: the text (and, when it is in the dataset, the record) are replaced.
  virtual bool edit_generated_record(int64_t run_id, int64_t id, const NewRecord& record) = 0;
  // Marks it deleted and removes it from the dataset when it was there.
  virtual bool delete_generated_record(int64_t run_id, int64_t id) = 0;
  // Removes the run, its records from the dataset and its verdicts; returns the records removed
  // from the dataset, nullopt when there is no such run.
  virtual std::optional<int64_t> delete_generation_run(int64_t run_id) = 0;

  // Jobs. Several instances may share one store: each job runs on one of them at a time, under
  // a lease the instance renews while it runs (docs/architecture.md, "Jobs and crash safety").
  virtual Job create_job(const Job& job) = 0;  // kind, dataset, params, message, runs_on
  virtual std::optional<Job> find_job(int64_t id) = 0;
  virtual std::vector<Job> list_jobs(std::optional<int64_t> dataset_id, int64_t limit) = 0;
  virtual std::vector<Job> jobs_in_state(JobState state) = 0;
  // State, progress, message, error, result; a job leaving `running` gives up its lease (queued
  // again, it forgets whose it was; finished, it keeps the name of the instance that ran it).
  virtual void update_job(const Job& job) = 0;
  // As update_job, by the instance running the job: written only while `instance` still holds
  // its lease (the job running and leased to it); false, and nothing written, once another
  // instance has taken the job over or it was cancelled before this one claimed it. An instance
  // paused past its lease (a stopped VM, a long GC-like stall) must not write over the outcome
  // of the instance that took its job over.
  virtual bool update_held_job(const Job& job, const std::string& instance) = 0;
  virtual void request_job_cancel(int64_t id) = 0;
  // Moves a queued job that `instance` may run (runs_on none or `instance`) to running, leased
  // to `instance` until `lease_expires_at` (Unix ms), started_at kept when it has one; none when
  // it is not queued (cancelled, or claimed already): the instance whose claim succeeds runs it.
  virtual std::optional<Job> claim_job(int64_t id, const std::string& instance,
                                       int64_t lease_expires_at) = 0;
  // Extends every lease `instance` holds on a running job; returns the ids it still holds.
  virtual std::vector<int64_t> renew_job_leases(const std::string& instance,
                                                int64_t lease_expires_at) = 0;
  // Queued jobs `instance` may run, oldest first.
  virtual std::vector<Job> claimable_jobs(const std::string& instance, int64_t limit) = 0;
  // Running jobs nobody holds: the lease lapsed before `now` (Unix ms), there is none (a job of a
  // version before leases), or `instance` held it before it restarted.
  virtual std::vector<Job> abandoned_jobs(const std::string& instance, int64_t now) = 0;
  // Takes over an abandoned job's lease, so that one instance alone decides whether it resumes
  // or fails; none when another instance got it first or it is no longer abandoned.
  virtual std::optional<Job> take_over_job(int64_t id, const std::string& instance, int64_t now,
                                           int64_t lease_expires_at) = 0;
};

// Opens (creating when missing) the SQLite store in `data_dir`/reinforge.db and applies
// pending migrations.
std::unique_ptr<Store> open_sqlite_store(const std::filesystem::path& data_dir);

}  // namespace reinforge::store
