// TrainingStore on PostgreSQL: the same rows and rules as sqlite_training_store.cpp, for several
// instances on one database (docs/postgresql.md).
#include "store/postgres/pg_training_store.hpp"

#include "store/postgres/pg_arrays.hpp"
#include "store/postgres/pg_migrations.hpp"
#include "store/postgres/pg_pool.hpp"

namespace reinforge::store::postgres {
namespace {

constexpr const char* kRunColumns =
    "id, dataset_id, job_id, backend, base_model, state, remote_status, dataset_revision, "
    "grader_version, grader_config_json, options_json, token_sha256, remote_job_id, "
    "backend_state_json, progress_json, rewards_json, train_count, valid_count, fine_tuned_model, "
    "model_url, error, trainer_result_json, created_at, started_at, finished_at";

TrainingRun read_run(const PgResult& rows, int row) {
  TrainingRun run;
  run.id = rows.int_at(row, 0);
  run.dataset_id = rows.int_at(row, 1);
  run.job_id = rows.optional_int_at(row, 2);
  run.backend = rows.text_at(row, 3);
  run.base_model = rows.text_at(row, 4);
  run.state = rows.text_at(row, 5);
  run.remote_status = rows.text_at(row, 6);
  run.dataset_revision = rows.int_at(row, 7);
  run.grader_version = rows.text_at(row, 8);
  run.grader_config_json = rows.text_at(row, 9);
  run.options_json = rows.text_at(row, 10);
  run.token_sha256 = rows.text_at(row, 11);
  run.remote_job_id = rows.text_at(row, 12);
  run.backend_state_json = rows.text_at(row, 13);
  run.progress_json = rows.text_at(row, 14);
  run.rewards_json = rows.text_at(row, 15);
  run.train_count = rows.int_at(row, 16);
  run.valid_count = rows.int_at(row, 17);
  run.fine_tuned_model = rows.optional_text_at(row, 18);
  run.model_url = rows.optional_text_at(row, 19);
  run.error = rows.optional_text_at(row, 20);
  run.trainer_result_json = rows.optional_text_at(row, 21);
  run.created_at = rows.int_at(row, 22);
  run.started_at = rows.optional_int_at(row, 23);
  run.finished_at = rows.optional_int_at(row, 24);
  return run;
}

// Holds the run's row until the transaction ends, so appends to one run take their sequence
// numbers in commit order: a reader paging after the last seq it saw never skips a point that
// another instance committed late.
void lock_run(PgConnection& connection, int64_t run_id) {
  connection.exec("SELECT id FROM training_runs WHERE id = $1 FOR UPDATE", {run_id});
}

class PgTrainingStore final : public TrainingStore {
 public:
  explicit PgTrainingStore(const std::string& conninfo) : pool_(conninfo, 4) {
    auto connection = pool_.lease();
    apply_pg_migrations(*connection);
  }

  TrainingRun create_run(const TrainingRun& run, std::span<const int64_t> train_ids,
                         std::span<const int64_t> valid_ids) override {
    const auto train_count = static_cast<int64_t>(train_ids.size());
    const auto valid_count = static_cast<int64_t>(valid_ids.size());
    auto connection = pool_.lease();
    PgTransaction transaction(*connection);
    auto rows = connection->exec(
        "INSERT INTO training_runs (dataset_id, job_id, backend, base_model, state, remote_status, "
        "dataset_revision, grader_version, grader_config_json, options_json, token_sha256, "
        "remote_job_id, progress_json, rewards_json, train_count, valid_count, created_at) VALUES "
        "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id",
        {run.dataset_id, optional_value(run.job_id), run.backend, run.base_model, run.state,
         run.remote_status, run.dataset_revision, run.grader_version, run.grader_config_json,
         run.options_json, run.token_sha256, run.remote_job_id, run.progress_json, run.rewards_json,
         train_count, valid_count, run.created_at});
    TrainingRun created = run;
    created.id = rows.int_at(0, 0);
    created.train_count = train_count;
    created.valid_count = valid_count;
    auto add_part = [&](std::span<const int64_t> ids, SplitPart part) {
      if (ids.empty()) return;
      connection->exec(
          "INSERT INTO training_split (run_id, record_id, part) "
          "SELECT $1, unnest($2::bigint[]), $3",
          {created.id, bigint_array(ids), int64_t{part == SplitPart::valid ? 1 : 0}});
    };
    add_part(train_ids, SplitPart::train);
    add_part(valid_ids, SplitPart::valid);
    transaction.commit();
    return created;
  }

  std::optional<TrainingRun> find_run(int64_t run_id) override {
    auto connection = pool_.lease();
    auto rows = connection->exec(
        std::string("SELECT ") + kRunColumns + " FROM training_runs WHERE id = $1", {run_id});
    if (rows.rows() == 0) return std::nullopt;
    return read_run(rows, 0);
  }

  std::vector<TrainingRun> list_runs(int64_t dataset_id) override {
    auto connection = pool_.lease();
    auto rows = connection->exec(std::string("SELECT ") + kRunColumns +
                                     " FROM training_runs WHERE dataset_id = $1 ORDER BY id DESC",
                                 {dataset_id});
    std::vector<TrainingRun> runs;
    for (int row = 0; row < rows.rows(); ++row) runs.push_back(read_run(rows, row));
    return runs;
  }

  // The row stays locked from the read to the write: another instance's modify_run waits and
  // then reads what this one wrote, so neither overwrites the other's fields.
  std::optional<TrainingRun> modify_run(int64_t run_id,
                                        const std::function<void(TrainingRun&)>& change) override {
    auto connection = pool_.lease();
    PgTransaction transaction(*connection);
    auto rows = connection->exec(
        std::string("SELECT ") + kRunColumns + " FROM training_runs WHERE id = $1 FOR UPDATE",
        {run_id});
    if (rows.rows() == 0) return std::nullopt;
    auto run = read_run(rows, 0);
    change(run);
    connection->exec(
        "UPDATE training_runs SET job_id = $1, state = $2, remote_status = $3, token_sha256 = $4, "
        "remote_job_id = $5, backend_state_json = $6, progress_json = $7, rewards_json = $8, "
        "fine_tuned_model = $9, model_url = $10, error = $11, trainer_result_json = $12, "
        "started_at = $13, finished_at = $14 WHERE id = $15",
        {optional_value(run.job_id), run.state, run.remote_status, run.token_sha256,
         run.remote_job_id, run.backend_state_json, run.progress_json, run.rewards_json,
         optional_value(run.fine_tuned_model), optional_value(run.model_url),
         optional_value(run.error), optional_value(run.trainer_result_json),
         optional_value(run.started_at), optional_value(run.finished_at), run_id});
    transaction.commit();
    return run;
  }

  std::unordered_map<int64_t, SplitPart> split_of(int64_t run_id) override {
    auto connection = pool_.lease();
    auto rows =
        connection->exec("SELECT record_id, part FROM training_split WHERE run_id = $1", {run_id});
    std::unordered_map<int64_t, SplitPart> split;
    for (int row = 0; row < rows.rows(); ++row) {
      split.emplace(rows.int_at(row, 0), rows.int_at(row, 1) ? SplitPart::valid : SplitPart::train);
    }
    return split;
  }

  std::vector<TrainingMetric> append_metrics(int64_t run_id,
                                             std::span<const TrainingMetric> metrics) override {
    auto connection = pool_.lease();
    PgTransaction transaction(*connection);
    lock_run(*connection, run_id);
    std::vector<TrainingMetric> stored;
    for (const auto& metric : metrics) {
      auto rows = connection->exec(
          "INSERT INTO training_metrics (run_id, at_ms, values_json) VALUES ($1, $2, $3) "
          "RETURNING seq",
          {run_id, metric.at_ms, metric.values_json});
      stored.push_back(metric);
      stored.back().run_id = run_id;
      stored.back().seq = rows.int_at(0, 0);
    }
    transaction.commit();
    return stored;
  }

  std::vector<TrainingMetric> list_metrics(int64_t run_id, int64_t after_seq,
                                           int64_t limit) override {
    auto connection = pool_.lease();
    auto rows = connection->exec(
        "SELECT seq, run_id, at_ms, values_json FROM training_metrics "
        "WHERE run_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
        {run_id, after_seq, limit});
    std::vector<TrainingMetric> metrics;
    for (int row = 0; row < rows.rows(); ++row) {
      metrics.push_back(
          {rows.int_at(row, 0), rows.int_at(row, 1), rows.int_at(row, 2), rows.text_at(row, 3)});
    }
    return metrics;
  }

  void append_events(int64_t run_id, std::span<const TrainingEvent> events) override {
    if (events.empty()) return;
    auto connection = pool_.lease();
    PgTransaction transaction(*connection);
    lock_run(*connection, run_id);
    for (const auto& event : events) {
      connection->exec(
          "INSERT INTO training_events (run_id, at_ms, level, message) VALUES ($1, $2, $3, $4)",
          {run_id, event.at_ms, event.level, event.message});
    }
    transaction.commit();
  }

  std::vector<TrainingEvent> list_events(int64_t run_id, int64_t after_seq,
                                         int64_t limit) override {
    auto connection = pool_.lease();
    auto rows = connection->exec(
        "SELECT seq, run_id, at_ms, level, message FROM training_events "
        "WHERE run_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
        {run_id, after_seq, limit});
    std::vector<TrainingEvent> events;
    for (int row = 0; row < rows.rows(); ++row) {
      events.push_back({rows.int_at(row, 0), rows.int_at(row, 1), rows.int_at(row, 2),
                        rows.text_at(row, 3), rows.text_at(row, 4)});
    }
    return events;
  }

 private:
  PgPool pool_;
};

}  // namespace

std::unique_ptr<TrainingStore> open_pg_training_store(const std::string& conninfo) {
  return std::make_unique<PgTrainingStore>(conninfo);
}

}  // namespace reinforge::store::postgres
