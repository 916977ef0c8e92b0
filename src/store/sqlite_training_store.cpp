#include <mutex>

#include "store/migrations.hpp"
#include "store/sqlite_connection.hpp"
#include "store/training_store.hpp"

namespace reinforge::store {
namespace {

constexpr const char* kRunColumns =
    "id, dataset_id, job_id, backend, base_model, state, remote_status, dataset_revision, "
    "grader_version, grader_config_json, options_json, token_sha256, remote_job_id, "
    "backend_state_json, progress_json, rewards_json, train_count, valid_count, fine_tuned_model, "
    "model_url, error, "
    "trainer_result_json, created_at, started_at, finished_at";

TrainingRun read_run(const Statement& row) {
  TrainingRun run;
  run.id = row.column_int(0);
  run.dataset_id = row.column_int(1);
  run.job_id = row.column_optional_int(2);
  run.backend = row.column_text(3);
  run.base_model = row.column_text(4);
  run.state = row.column_text(5);
  run.remote_status = row.column_text(6);
  run.dataset_revision = row.column_int(7);
  run.grader_version = row.column_text(8);
  run.grader_config_json = row.column_text(9);
  run.options_json = row.column_text(10);
  run.token_sha256 = row.column_text(11);
  run.remote_job_id = row.column_text(12);
  run.backend_state_json = row.column_text(13);
  run.progress_json = row.column_text(14);
  run.rewards_json = row.column_text(15);
  run.train_count = row.column_int(16);
  run.valid_count = row.column_int(17);
  run.fine_tuned_model = row.column_optional_text(18);
  run.model_url = row.column_optional_text(19);
  run.error = row.column_optional_text(20);
  run.trainer_result_json = row.column_optional_text(21);
  run.created_at = row.column_int(22);
  run.started_at = row.column_optional_int(23);
  run.finished_at = row.column_optional_int(24);
  return run;
}

class SqliteTrainingStore final : public TrainingStore {
 public:
  explicit SqliteTrainingStore(const std::filesystem::path& db_file) : connection_(db_file) {
    apply_migrations(connection_);
  }

  TrainingRun create_run(const TrainingRun& run, std::span<const int64_t> train_ids,
                         std::span<const int64_t> valid_ids) override {
    std::lock_guard lock(mutex_);
    Transaction transaction(connection_);
    connection_
        .prepare(
            "INSERT INTO training_runs (dataset_id, job_id, backend, base_model, state, "
            "remote_status, dataset_revision, grader_version, grader_config_json, options_json, "
            "token_sha256, remote_job_id, progress_json, rewards_json, train_count, valid_count, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(1, run.dataset_id)
        .bind(2, run.job_id)
        .bind(3, run.backend)
        .bind(4, run.base_model)
        .bind(5, run.state)
        .bind(6, run.remote_status)
        .bind(7, run.dataset_revision)
        .bind(8, run.grader_version)
        .bind(9, run.grader_config_json)
        .bind(10, run.options_json)
        .bind(11, run.token_sha256)
        .bind(12, run.remote_job_id)
        .bind(13, run.progress_json)
        .bind(14, run.rewards_json)
        .bind(15, static_cast<int64_t>(train_ids.size()))
        .bind(16, static_cast<int64_t>(valid_ids.size()))
        .bind(17, run.created_at)
        .execute();
    TrainingRun created = run;
    created.id = connection_.last_insert_id();
    created.train_count = static_cast<int64_t>(train_ids.size());
    created.valid_count = static_cast<int64_t>(valid_ids.size());
    auto add_part = [&](std::span<const int64_t> ids, SplitPart part) {
      for (int64_t record_id : ids) {
        connection_.prepare("INSERT INTO training_split (run_id, record_id, part) VALUES (?, ?, ?)")
            .bind(1, created.id)
            .bind(2, record_id)
            .bind(3, part == SplitPart::valid ? 1 : 0)
            .execute();
      }
    };
    add_part(train_ids, SplitPart::train);
    add_part(valid_ids, SplitPart::valid);
    transaction.commit();
    return created;
  }

  std::optional<TrainingRun> find_run(int64_t run_id) override {
    std::lock_guard lock(mutex_);
    auto statement = connection_.prepare(std::string("SELECT ") + kRunColumns +
                                         " FROM training_runs WHERE id = ?");
    statement.bind(1, run_id);
    if (!statement.step()) return std::nullopt;
    return read_run(statement);
  }

  std::vector<TrainingRun> list_runs(int64_t dataset_id) override {
    std::lock_guard lock(mutex_);
    auto statement =
        connection_.prepare(std::string("SELECT ") + kRunColumns +
                            " FROM training_runs WHERE dataset_id = ? ORDER BY id DESC");
    statement.bind(1, dataset_id);
    std::vector<TrainingRun> runs;
    while (statement.step()) runs.push_back(read_run(statement));
    return runs;
  }

  std::optional<TrainingRun> modify_run(int64_t run_id,
                                        const std::function<void(TrainingRun&)>& change) override {
    std::lock_guard lock(mutex_);
    Transaction transaction(connection_);
    std::optional<TrainingRun> run;
    {
      auto statement = connection_.prepare(std::string("SELECT ") + kRunColumns +
                                           " FROM training_runs WHERE id = ?");
      statement.bind(1, run_id);
      if (!statement.step()) return std::nullopt;
      run = read_run(statement);
    }
    change(*run);
    connection_
        .prepare(
            "UPDATE training_runs SET job_id = ?, state = ?, remote_status = ?, token_sha256 = ?, "
            "remote_job_id = ?, backend_state_json = ?, progress_json = ?, rewards_json = ?, "
            "fine_tuned_model = ?, model_url = ?, error = ?, trainer_result_json = ?, started_at = "
            "?, "
            "finished_at = ? WHERE id = ?")
        .bind(1, run->job_id)
        .bind(2, run->state)
        .bind(3, run->remote_status)
        .bind(4, run->token_sha256)
        .bind(5, run->remote_job_id)
        .bind(6, run->backend_state_json)
        .bind(7, run->progress_json)
        .bind(8, run->rewards_json)
        .bind(9, run->fine_tuned_model)
        .bind(10, run->model_url)
        .bind(11, run->error)
        .bind(12, run->trainer_result_json)
        .bind(13, run->started_at)
        .bind(14, run->finished_at)
        .bind(15, run_id)
        .execute();
    transaction.commit();
    return run;
  }

  std::unordered_map<int64_t, SplitPart> split_of(int64_t run_id) override {
    std::lock_guard lock(mutex_);
    auto statement =
        connection_.prepare("SELECT record_id, part FROM training_split WHERE run_id = ?");
    statement.bind(1, run_id);
    std::unordered_map<int64_t, SplitPart> split;
    while (statement.step()) {
      split.emplace(statement.column_int(0),
                    statement.column_int(1) ? SplitPart::valid : SplitPart::train);
    }
    return split;
  }

  std::vector<TrainingMetric> append_metrics(int64_t run_id,
                                             std::span<const TrainingMetric> metrics) override {
    std::lock_guard lock(mutex_);
    Transaction transaction(connection_);
    std::vector<TrainingMetric> stored;
    for (const auto& metric : metrics) {
      connection_
          .prepare("INSERT INTO training_metrics (run_id, at_ms, values_json) VALUES (?, ?, ?)")
          .bind(1, run_id)
          .bind(2, metric.at_ms)
          .bind(3, metric.values_json)
          .execute();
      stored.push_back(metric);
      stored.back().run_id = run_id;
      stored.back().seq = connection_.last_insert_id();
    }
    transaction.commit();
    return stored;
  }

  std::vector<TrainingMetric> list_metrics(int64_t run_id, int64_t after_seq,
                                           int64_t limit) override {
    std::lock_guard lock(mutex_);
    auto statement = connection_.prepare(
        "SELECT seq, run_id, at_ms, values_json FROM training_metrics WHERE run_id = ? AND seq > ? "
        "ORDER BY seq LIMIT ?");
    statement.bind(1, run_id).bind(2, after_seq).bind(3, limit);
    std::vector<TrainingMetric> metrics;
    while (statement.step()) {
      metrics.push_back({statement.column_int(0), statement.column_int(1), statement.column_int(2),
                         statement.column_text(3)});
    }
    return metrics;
  }

  void append_events(int64_t run_id, std::span<const TrainingEvent> events) override {
    if (events.empty()) return;
    std::lock_guard lock(mutex_);
    Transaction transaction(connection_);
    for (const auto& event : events) {
      connection_
          .prepare(
              "INSERT INTO training_events (run_id, at_ms, level, message) VALUES (?, ?, ?, ?)")
          .bind(1, run_id)
          .bind(2, event.at_ms)
          .bind(3, event.level)
          .bind(4, event.message)
          .execute();
    }
    transaction.commit();
  }

  std::vector<TrainingEvent> list_events(int64_t run_id, int64_t after_seq,
                                         int64_t limit) override {
    std::lock_guard lock(mutex_);
    auto statement = connection_.prepare(
        "SELECT seq, run_id, at_ms, level, message FROM training_events WHERE run_id = ? AND seq > "
        "? "
        "ORDER BY seq LIMIT ?");
    statement.bind(1, run_id).bind(2, after_seq).bind(3, limit);
    std::vector<TrainingEvent> events;
    while (statement.step()) {
      events.push_back({statement.column_int(0), statement.column_int(1), statement.column_int(2),
                        statement.column_text(3), statement.column_text(4)});
    }
    return events;
  }

 private:
  std::mutex mutex_;
  Connection connection_;
};

}  // namespace

std::unique_ptr<TrainingStore> open_sqlite_training_store(const std::filesystem::path& data_dir) {
  std::filesystem::create_directories(data_dir);
  return std::make_unique<SqliteTrainingStore>(data_dir / "reinforge.db");
}

}  // namespace reinforge::store
