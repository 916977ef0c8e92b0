#include <mutex>

#include "store/deployment_conflicts.hpp"
#include "store/deployment_store.hpp"
#include "store/migrations.hpp"
#include "store/sqlite_connection.hpp"
#include "util/clock.hpp"

namespace reinforge::store {
namespace {

constexpr const char* kColumns =
    "id, dataset_id, run_id, mode, base_model, tuned_model, endpoint, provider, share_bp, state, "
    "history_json, created_at, ended_at, options_json, scored_through_seq";
constexpr const char* kBenchmarkColumns =
    "id, dataset_id, run_id, job_id, base_model, tuned_model, provider, options_json, report_json, "
    "created_at";

Deployment read_deployment(const Statement& row) {
  Deployment deployment;
  deployment.id = row.column_int(0);
  deployment.dataset_id = row.column_optional_int(1);
  deployment.run_id = row.column_optional_int(2);
  deployment.mode = row.column_text(3);
  deployment.base_model = row.column_text(4);
  deployment.tuned_model = row.column_text(5);
  deployment.endpoint = row.column_text(6);
  deployment.provider = row.column_text(7);
  deployment.share_bp = row.column_int(8);
  deployment.state = row.column_text(9);
  deployment.history_json = row.column_text(10);
  deployment.created_at = row.column_int(11);
  deployment.ended_at = row.column_optional_int(12);
  deployment.options_json = row.column_text(13);
  deployment.scored_through_seq = row.column_int(14);
  return deployment;
}

Benchmark read_benchmark(const Statement& row) {
  Benchmark benchmark;
  benchmark.id = row.column_int(0);
  benchmark.dataset_id = row.column_int(1);
  benchmark.run_id = row.column_optional_int(2);
  benchmark.job_id = row.column_int(3);
  benchmark.base_model = row.column_text(4);
  benchmark.tuned_model = row.column_text(5);
  benchmark.provider = row.column_text(6);
  benchmark.options_json = row.column_text(7);
  benchmark.report_json = row.column_text(8);
  benchmark.created_at = row.column_int(9);
  return benchmark;
}

// Rows of (arm, score or NULL) summed per arm; `first_column` is where arm starts.
void add_to_totals(OnlineScoreTotals& totals, const Statement& row, int first_column) {
  totals.arm = row.column_text(first_column);
  totals.graded = row.column_int(first_column + 1);
  totals.errors = row.column_int(first_column + 2);
  totals.sum = row.column_double(first_column + 3);
  totals.sum_squares = row.column_double(first_column + 4);
}
constexpr const char* kTotalsColumns =
    "arm, COUNT(score), COUNT(*) - COUNT(score), coalesce(SUM(score), 0), "
    "coalesce(SUM(score * score), 0)";

class SqliteDeploymentStore final : public DeploymentStore {
 public:
  explicit SqliteDeploymentStore(const std::filesystem::path& db_file) : connection_(db_file) {
    apply_migrations(connection_);
  }

  Deployment create_deployment(const Deployment& deployment) override {
    std::lock_guard lock(mutex_);
    Transaction transaction(connection_);
    check_free(deployment, 0);
    connection_
        .prepare(
            "INSERT INTO deployments (dataset_id, run_id, mode, base_model, tuned_model, endpoint, "
            "provider, share_bp, state, history_json, created_at, options_json) VALUES (?, ?, ?, ?, "
            "?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(1, deployment.dataset_id)
        .bind(2, deployment.run_id)
        .bind(3, deployment.mode)
        .bind(4, deployment.base_model)
        .bind(5, deployment.tuned_model)
        .bind(6, deployment.endpoint)
        .bind(7, deployment.provider)
        .bind(8, deployment.share_bp)
        .bind(9, deployment.state)
        .bind(10, deployment.history_json)
        .bind(11, deployment.created_at)
        .bind(12, deployment.options_json)
        .execute();
    Deployment created = deployment;
    created.id = connection_.last_insert_id();
    bump_routes_version();
    transaction.commit();
    return created;
  }

  std::optional<Deployment> find_deployment(int64_t id) override {
    std::lock_guard lock(mutex_);
    return find(id);
  }

  std::vector<Deployment> list_deployments(bool active_only) override {
    std::lock_guard lock(mutex_);
    auto statement =
        connection_.prepare(std::string("SELECT ") + kColumns +
                            " FROM deployments WHERE (? = 0 OR state = 'active') ORDER BY id DESC");
    statement.bind(1, active_only ? 1 : 0);
    std::vector<Deployment> deployments;
    while (statement.step()) deployments.push_back(read_deployment(statement));
    return deployments;
  }

  std::optional<Deployment> modify_deployment(
      int64_t id, const std::function<void(Deployment&)>& change) override {
    std::lock_guard lock(mutex_);
    Transaction transaction(connection_);
    auto deployment = find(id);
    if (!deployment) return std::nullopt;
    change(*deployment);
    connection_
        .prepare(
            "UPDATE deployments SET mode = ?, tuned_model = ?, endpoint = ?, provider = ?, "
            "share_bp = ?, "
            "state = ?, history_json = ?, ended_at = ?, options_json = ? WHERE id = ?")
        .bind(1, deployment->mode)
        .bind(2, deployment->tuned_model)
        .bind(3, deployment->endpoint)
        .bind(4, deployment->provider)
        .bind(5, deployment->share_bp)
        .bind(6, deployment->state)
        .bind(7, deployment->history_json)
        .bind(8, deployment->ended_at)
        .bind(9, deployment->options_json)
        .bind(10, id)
        .execute();
    bump_routes_version();
    transaction.commit();
    return deployment;
  }

  int64_t routes_version() override {
    std::lock_guard lock(mutex_);
    auto statement = connection_.prepare("SELECT value FROM settings WHERE key = 'routes_version'");
    return statement.step() ? std::stoll(statement.column_text(0)) : 0;
  }

  void record_online_scores(int64_t deployment_id, int64_t scanned_through_seq,
                            const std::vector<OnlineScore>& scores) override {
    std::lock_guard lock(mutex_);
    Transaction transaction(connection_);
    auto insert = connection_.prepare(
        "INSERT OR IGNORE INTO online_scores (deployment_id, trace_seq, trace_id, arm, "
        "trace_created_at, score, reason, error, graded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    const int64_t now = util::now_unix_seconds();
    for (const auto& score : scores) {
      insert.bind(1, deployment_id)
          .bind(2, score.trace_seq)
          .bind(3, score.trace_id)
          .bind(4, score.arm)
          .bind(5, score.trace_created_at_ms)
          .bind(6, score.score)
          .bind(7, score.reason)
          .bind(8, score.error)
          .bind(9, now)
          .execute();
      insert.reset();
    }
    connection_
        .prepare(
            "UPDATE deployments SET scored_through_seq = max(scored_through_seq, ?) WHERE id = ?")
        .bind(1, scanned_through_seq)
        .bind(2, deployment_id)
        .execute();
    transaction.commit();
  }

  std::vector<OnlineScoreTotals> online_score_totals(int64_t deployment_id) override {
    std::lock_guard lock(mutex_);
    auto statement = connection_.prepare(std::string("SELECT ") + kTotalsColumns +
                                         " FROM online_scores WHERE deployment_id = ? GROUP BY arm "
                                         "ORDER BY arm");
    statement.bind(1, deployment_id);
    std::vector<OnlineScoreTotals> totals;
    while (statement.step()) add_to_totals(totals.emplace_back(), statement, 0);
    return totals;
  }

  std::vector<OnlineScoreBucket> online_score_timeline(int64_t deployment_id,
                                                       int64_t bucket_ms) override {
    std::lock_guard lock(mutex_);
    auto statement = connection_.prepare(
        std::string("SELECT trace_created_at / ?1, ") + kTotalsColumns +
        " FROM online_scores WHERE deployment_id = ?2 GROUP BY trace_created_at / ?1, arm "
        "ORDER BY 1, arm");
    statement.bind(1, bucket_ms).bind(2, deployment_id);
    std::vector<OnlineScoreBucket> buckets;
    while (statement.step()) {
      auto& bucket = buckets.emplace_back();
      bucket.bucket = statement.column_int(0);
      add_to_totals(bucket.totals, statement, 1);
    }
    return buckets;
  }

  std::vector<OnlineScore> list_online_scores(int64_t deployment_id, int64_t offset,
                                             int64_t limit) override {
    std::lock_guard lock(mutex_);
    auto statement = connection_.prepare(
        "SELECT trace_seq, trace_id, arm, trace_created_at, score, reason, error FROM "
        "online_scores WHERE deployment_id = ? ORDER BY trace_seq LIMIT ? OFFSET ?");
    statement.bind(1, deployment_id).bind(2, limit).bind(3, offset);
    std::vector<OnlineScore> scores;
    while (statement.step()) {
      auto& score = scores.emplace_back();
      score.trace_seq = statement.column_int(0);
      score.trace_id = statement.column_text(1);
      score.arm = statement.column_text(2);
      score.trace_created_at_ms = statement.column_int(3);
      score.score = statement.column_optional_double(4);
      score.reason = statement.column_text(5);
      score.error = statement.column_text(6);
    }
    return scores;
  }

  Benchmark create_benchmark(const Benchmark& benchmark) override {
    std::lock_guard lock(mutex_);
    connection_
        .prepare(
            "INSERT INTO benchmarks (dataset_id, run_id, job_id, base_model, tuned_model, "
            "provider, options_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(1, benchmark.dataset_id)
        .bind(2, benchmark.run_id)
        .bind(3, benchmark.job_id)
        .bind(4, benchmark.base_model)
        .bind(5, benchmark.tuned_model)
        .bind(6, benchmark.provider)
        .bind(7, benchmark.options_json)
        .bind(8, benchmark.created_at)
        .execute();
    Benchmark created = benchmark;
    created.id = connection_.last_insert_id();
    return created;
  }

  void set_benchmark_job(int64_t id, int64_t job_id) override {
    std::lock_guard lock(mutex_);
    connection_.prepare("UPDATE benchmarks SET job_id = ? WHERE id = ?")
        .bind(1, job_id)
        .bind(2, id)
        .execute();
  }

  void save_benchmark_report(int64_t id, const std::string& report_json,
                             const std::string& samples_json) override {
    std::lock_guard lock(mutex_);
    connection_.prepare("UPDATE benchmarks SET report_json = ?, samples_json = ? WHERE id = ?")
        .bind(1, report_json)
        .bind(2, samples_json)
        .bind(3, id)
        .execute();
  }

  std::optional<Benchmark> find_benchmark(int64_t id) override {
    std::lock_guard lock(mutex_);
    auto statement = connection_.prepare(std::string("SELECT ") + kBenchmarkColumns +
                                         " FROM benchmarks WHERE id = ?");
    statement.bind(1, id);
    if (!statement.step()) return std::nullopt;
    return read_benchmark(statement);
  }

  std::optional<std::string> benchmark_samples(int64_t id) override {
    std::lock_guard lock(mutex_);
    auto statement = connection_.prepare("SELECT samples_json FROM benchmarks WHERE id = ?");
    statement.bind(1, id);
    if (!statement.step()) return std::nullopt;
    return statement.column_text(0);
  }

  std::vector<Benchmark> list_benchmarks(std::optional<int64_t> dataset_id,
                                         std::optional<int64_t> run_id) override {
    std::lock_guard lock(mutex_);
    auto statement = connection_.prepare(
        std::string("SELECT ") + kBenchmarkColumns +
        " FROM benchmarks WHERE (?1 IS NULL OR dataset_id = ?1) AND (?2 IS NULL OR run_id = ?2) "
        "ORDER BY id DESC");
    statement.bind(1, dataset_id).bind(2, run_id);
    std::vector<Benchmark> benchmarks;
    while (statement.step()) benchmarks.push_back(read_benchmark(statement));
    return benchmarks;
  }

 private:
  std::optional<Deployment> find(int64_t id) {
    auto statement =
        connection_.prepare(std::string("SELECT ") + kColumns + " FROM deployments WHERE id = ?");
    statement.bind(1, id);
    if (!statement.step()) return std::nullopt;
    return read_deployment(statement);
  }

  // Inside the creating transaction, so two deployments on one model cannot both pass. The
  // candidates are the deployments answering the new one's name or starting from its endpoint.
  void check_free(const Deployment& deployment, int64_t except_id) {
    auto statement = connection_.prepare(
        "SELECT id, mode, base_model, endpoint FROM deployments WHERE state = 'active' AND id != ? "
        "AND ((CASE WHEN mode = 'endpoint' THEN endpoint ELSE base_model END) = ? OR "
        "(? = 'endpoint' AND base_model = ?)) ORDER BY id");
    statement.bind(1, except_id)
        .bind(2, answered_name(deployment))
        .bind(3, deployment.mode)
        .bind(4, deployment.endpoint);
    while (statement.step()) {
      Deployment other;
      other.id = statement.column_int(0);
      other.mode = statement.column_text(1);
      other.base_model = statement.column_text(2);
      other.endpoint = statement.column_text(3);
      if (auto conflict = deployment_conflict(other, deployment)) throw ConflictError(*conflict);
    }
  }

  void bump_routes_version() {
    connection_
        .prepare(
            "UPDATE settings SET value = CAST(value AS INTEGER) + 1 WHERE key = 'routes_version'")
        .execute();
  }

  std::mutex mutex_;
  Connection connection_;
};

}  // namespace

std::unique_ptr<DeploymentStore> open_sqlite_deployment_store(
    const std::filesystem::path& data_dir) {
  std::filesystem::create_directories(data_dir);
  return std::make_unique<SqliteDeploymentStore>(data_dir / "reinforge.db");
}

}  // namespace reinforge::store
