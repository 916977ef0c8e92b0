// DeploymentStore on PostgreSQL: the same rows and rules as sqlite_deployment_store.cpp, for
// several instances on one database (docs/postgresql.md).
#include "store/postgres/pg_deployment_store.hpp"

#include "store/deployment_conflicts.hpp"
#include "store/postgres/pg_migrations.hpp"
#include "store/postgres/pg_pool.hpp"
#include "util/clock.hpp"

namespace reinforge::store::postgres {
namespace {

constexpr const char* kColumns =
    "id, dataset_id, run_id, mode, base_model, tuned_model, endpoint, provider, share_bp, state, "
    "history_json, created_at, ended_at, options_json, scored_through_seq";
constexpr const char* kBenchmarkColumns =
    "id, dataset_id, run_id, job_id, base_model, tuned_model, provider, options_json, report_json, "
    "created_at";
// Per arm: scored rows, failed ones (score NULL), and the sums for a mean and an interval. Arms
// sort byte-wise ("C"), as SQLite's BINARY collation does.
constexpr const char* kTotalsColumns =
    "arm, count(score), count(*) - count(score), coalesce(sum(score), 0), "
    "coalesce(sum(score * score), 0)";

Deployment read_deployment(const PgResult& rows, int row) {
  Deployment deployment;
  deployment.id = rows.int_at(row, 0);
  deployment.dataset_id = rows.optional_int_at(row, 1);
  deployment.run_id = rows.optional_int_at(row, 2);
  deployment.mode = rows.text_at(row, 3);
  deployment.base_model = rows.text_at(row, 4);
  deployment.tuned_model = rows.text_at(row, 5);
  deployment.endpoint = rows.text_at(row, 6);
  deployment.provider = rows.text_at(row, 7);
  deployment.share_bp = rows.int_at(row, 8);
  deployment.state = rows.text_at(row, 9);
  deployment.history_json = rows.text_at(row, 10);
  deployment.created_at = rows.int_at(row, 11);
  deployment.ended_at = rows.optional_int_at(row, 12);
  deployment.options_json = rows.text_at(row, 13);
  deployment.scored_through_seq = rows.int_at(row, 14);
  return deployment;
}

Benchmark read_benchmark(const PgResult& rows, int row) {
  Benchmark benchmark;
  benchmark.id = rows.int_at(row, 0);
  benchmark.dataset_id = rows.int_at(row, 1);
  benchmark.run_id = rows.optional_int_at(row, 2);
  benchmark.job_id = rows.int_at(row, 3);
  benchmark.base_model = rows.text_at(row, 4);
  benchmark.tuned_model = rows.text_at(row, 5);
  benchmark.provider = rows.text_at(row, 6);
  benchmark.options_json = rows.text_at(row, 7);
  benchmark.report_json = rows.text_at(row, 8);
  benchmark.created_at = rows.int_at(row, 9);
  return benchmark;
}

// Columns from `first_column` on: kTotalsColumns.
OnlineScoreTotals read_totals(const PgResult& rows, int row, int first_column) {
  OnlineScoreTotals totals;
  totals.arm = rows.text_at(row, first_column);
  totals.graded = rows.int_at(row, first_column + 1);
  totals.errors = rows.int_at(row, first_column + 2);
  totals.sum = rows.double_at(row, first_column + 3);
  totals.sum_squares = rows.double_at(row, first_column + 4);
  return totals;
}

class PgDeploymentStore final : public DeploymentStore {
 public:
  explicit PgDeploymentStore(const std::string& conninfo) : pool_(conninfo, 4) {
    auto connection = pool_.lease();
    apply_pg_migrations(*connection);
  }

  Deployment create_deployment(const Deployment& deployment) override {
    auto connection = pool_.lease();
    PgTransaction transaction(*connection);
    bump_routes_version(*connection);
    check_free(*connection, deployment);
    auto rows = connection->exec(
        "INSERT INTO deployments (dataset_id, run_id, mode, base_model, tuned_model, endpoint, "
        "provider, share_bp, state, history_json, created_at, options_json) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
        {optional_value(deployment.dataset_id), optional_value(deployment.run_id), deployment.mode,
         deployment.base_model, deployment.tuned_model, deployment.endpoint, deployment.provider,
         deployment.share_bp, deployment.state, deployment.history_json, deployment.created_at,
         deployment.options_json});
    Deployment created = deployment;
    created.id = rows.int_at(0, 0);
    transaction.commit();
    return created;
  }

  std::optional<Deployment> find_deployment(int64_t id) override {
    auto connection = pool_.lease();
    return find(*connection, id, "");
  }

  std::vector<Deployment> list_deployments(bool active_only) override {
    auto connection = pool_.lease();
    auto rows = connection->exec(
        std::string("SELECT ") + kColumns +
            " FROM deployments WHERE ($1::bigint = 0 OR state = 'active') ORDER BY id DESC",
        {int64_t{active_only ? 1 : 0}});
    std::vector<Deployment> deployments;
    for (int row = 0; row < rows.rows(); ++row) deployments.push_back(read_deployment(rows, row));
    return deployments;
  }

  std::optional<Deployment> modify_deployment(
      int64_t id, const std::function<void(Deployment&)>& change) override {
    auto connection = pool_.lease();
    PgTransaction transaction(*connection);
    bump_routes_version(*connection);
    auto deployment = find(*connection, id, " FOR UPDATE");
    if (!deployment) return std::nullopt;  // rolled back, the version with it
    change(*deployment);
    connection->exec(
        "UPDATE deployments SET mode = $1, tuned_model = $2, endpoint = $3, provider = $4, "
        "share_bp = $5, state = $6, history_json = $7, ended_at = $8, options_json = $9 "
        "WHERE id = $10",
        {deployment->mode, deployment->tuned_model, deployment->endpoint, deployment->provider,
         deployment->share_bp, deployment->state, deployment->history_json,
         optional_value(deployment->ended_at), deployment->options_json, id});
    transaction.commit();
    return deployment;
  }

  int64_t routes_version() override {
    auto connection = pool_.lease();
    auto rows = connection->exec("SELECT version FROM routes_version");
    return rows.rows() ? rows.int_at(0, 0) : 0;
  }

  void record_online_scores(int64_t deployment_id, int64_t scanned_through_seq,
                            const std::vector<OnlineScore>& scores) override {
    auto connection = pool_.lease();
    PgTransaction transaction(*connection);
    // Two instances scoring one deployment take turns, rather than insert the same traces in
    // opposite orders and deadlock.
    connection->exec("SELECT id FROM deployments WHERE id = $1 FOR UPDATE", {deployment_id});
    const int64_t now = util::now_unix_seconds();
    for (const auto& score : scores) {
      // A trace already scored keeps its first score (SQLite's INSERT OR IGNORE).
      connection->exec(
          "INSERT INTO online_scores (deployment_id, trace_seq, trace_id, arm, trace_created_at, "
          "score, reason, error, graded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
          "ON CONFLICT (deployment_id, trace_seq) DO NOTHING",
          {deployment_id, score.trace_seq, score.trace_id, score.arm, score.trace_created_at_ms,
           optional_value(score.score), score.reason, score.error, now});
    }
    connection->exec(
        "UPDATE deployments SET scored_through_seq = greatest(scored_through_seq, $1) "
        "WHERE id = $2",
        {scanned_through_seq, deployment_id});
    transaction.commit();
  }

  std::vector<OnlineScoreTotals> online_score_totals(int64_t deployment_id) override {
    auto connection = pool_.lease();
    auto rows = connection->exec(std::string("SELECT ") + kTotalsColumns +
                                     " FROM online_scores WHERE deployment_id = $1 GROUP BY arm "
                                     "ORDER BY arm COLLATE \"C\"",
                                 {deployment_id});
    std::vector<OnlineScoreTotals> totals;
    for (int row = 0; row < rows.rows(); ++row) totals.push_back(read_totals(rows, row, 0));
    return totals;
  }

  std::vector<OnlineScoreBucket> online_score_timeline(int64_t deployment_id,
                                                       int64_t bucket_ms) override {
    auto connection = pool_.lease();
    auto rows = connection->exec(std::string("SELECT trace_created_at / $1, ") + kTotalsColumns +
                                     " FROM online_scores WHERE deployment_id = $2 GROUP BY 1, arm "
                                     "ORDER BY 1, arm COLLATE \"C\"",
                                 {bucket_ms, deployment_id});
    std::vector<OnlineScoreBucket> buckets;
    for (int row = 0; row < rows.rows(); ++row) {
      buckets.push_back({rows.int_at(row, 0), read_totals(rows, row, 1)});
    }
    return buckets;
  }

  std::vector<OnlineScore> list_online_scores(int64_t deployment_id, int64_t offset,
                                              int64_t limit) override {
    auto connection = pool_.lease();
    auto rows = connection->exec(
        "SELECT trace_seq, trace_id, arm, trace_created_at, score, reason, error "
        "FROM online_scores WHERE deployment_id = $1 ORDER BY trace_seq LIMIT $2 OFFSET $3",
        {deployment_id, limit, offset});
    std::vector<OnlineScore> scores;
    for (int row = 0; row < rows.rows(); ++row) {
      auto& score = scores.emplace_back();
      score.trace_seq = rows.int_at(row, 0);
      score.trace_id = rows.text_at(row, 1);
      score.arm = rows.text_at(row, 2);
      score.trace_created_at_ms = rows.int_at(row, 3);
      score.score = rows.optional_double_at(row, 4);
      score.reason = rows.text_at(row, 5);
      score.error = rows.text_at(row, 6);
    }
    return scores;
  }

  Benchmark create_benchmark(const Benchmark& benchmark) override {
    auto connection = pool_.lease();
    auto rows = connection->exec(
        "INSERT INTO benchmarks (dataset_id, run_id, job_id, base_model, tuned_model, provider, "
        "options_json, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        {benchmark.dataset_id, optional_value(benchmark.run_id), benchmark.job_id,
         benchmark.base_model, benchmark.tuned_model, benchmark.provider, benchmark.options_json,
         benchmark.created_at});
    Benchmark created = benchmark;
    created.id = rows.int_at(0, 0);
    return created;
  }

  void set_benchmark_job(int64_t id, int64_t job_id) override {
    auto connection = pool_.lease();
    connection->exec("UPDATE benchmarks SET job_id = $1 WHERE id = $2", {job_id, id});
  }

  void save_benchmark_report(int64_t id, const std::string& report_json,
                             const std::string& samples_json) override {
    auto connection = pool_.lease();
    connection->exec("UPDATE benchmarks SET report_json = $1, samples_json = $2 WHERE id = $3",
                     {report_json, samples_json, id});
  }

  std::optional<Benchmark> find_benchmark(int64_t id) override {
    auto connection = pool_.lease();
    auto rows = connection->exec(
        std::string("SELECT ") + kBenchmarkColumns + " FROM benchmarks WHERE id = $1", {id});
    if (rows.rows() == 0) return std::nullopt;
    return read_benchmark(rows, 0);
  }

  std::optional<std::string> benchmark_samples(int64_t id) override {
    auto connection = pool_.lease();
    auto rows = connection->exec("SELECT samples_json FROM benchmarks WHERE id = $1", {id});
    if (rows.rows() == 0) return std::nullopt;
    return rows.text_at(0, 0);
  }

  std::vector<Benchmark> list_benchmarks(std::optional<int64_t> dataset_id,
                                         std::optional<int64_t> run_id) override {
    auto connection = pool_.lease();
    auto rows =
        connection->exec(std::string("SELECT ") + kBenchmarkColumns +
                             " FROM benchmarks WHERE ($1::bigint IS NULL OR dataset_id = $1) AND "
                             "($2::bigint IS NULL OR run_id = $2) ORDER BY id DESC",
                         {optional_value(dataset_id), optional_value(run_id)});
    std::vector<Benchmark> benchmarks;
    for (int row = 0; row < rows.rows(); ++row) benchmarks.push_back(read_benchmark(rows, row));
    return benchmarks;
  }

 private:
  // `lock`: "" or " FOR UPDATE".
  static std::optional<Deployment> find(PgConnection& connection, int64_t id, const char* lock) {
    auto rows = connection.exec(
        std::string("SELECT ") + kColumns + " FROM deployments WHERE id = $1" + lock, {id});
    if (rows.rows() == 0) return std::nullopt;
    return read_deployment(rows, 0);
  }

  // Every change bumps the version first: the row lock this takes puts the deployment changes of
  // all instances in one order, so the check below sees every deployment committed before it and
  // none can commit beside it until this transaction ends.
  static void bump_routes_version(PgConnection& connection) {
    connection.exec("UPDATE routes_version SET version = version + 1");
  }

  // Inside the creating transaction, after bump_routes_version, so two deployments on one model
  // cannot both pass. The candidates are the deployments answering the new one's name or
  // starting from its endpoint.
  static void check_free(PgConnection& connection, const Deployment& deployment) {
    auto rows = connection.exec(
        "SELECT id, mode, base_model, endpoint FROM deployments WHERE state = 'active' "
        "AND ((CASE WHEN mode = 'endpoint' THEN endpoint ELSE base_model END) = $1 OR "
        "($2 = 'endpoint' AND base_model = $3)) ORDER BY id",
        {answered_name(deployment), deployment.mode, deployment.endpoint});
    for (int row = 0; row < rows.rows(); ++row) {
      Deployment other;
      other.id = rows.int_at(row, 0);
      other.mode = rows.text_at(row, 1);
      other.base_model = rows.text_at(row, 2);
      other.endpoint = rows.text_at(row, 3);
      if (auto conflict = deployment_conflict(other, deployment)) throw ConflictError(*conflict);
    }
  }

  PgPool pool_;
};

}  // namespace

std::unique_ptr<DeploymentStore> open_pg_deployment_store(const std::string& conninfo) {
  return std::make_unique<PgDeploymentStore>(conninfo);
}

}  // namespace reinforge::store::postgres
