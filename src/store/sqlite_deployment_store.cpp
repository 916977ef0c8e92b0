#include <mutex>

#include "store/deployment_store.hpp"
#include "store/migrations.hpp"
#include "store/sqlite_connection.hpp"

namespace reinforge::store {
namespace {

constexpr const char* kColumns =
    "id, dataset_id, run_id, mode, base_model, tuned_model, endpoint, provider, share_bp, state, "
    "history_json, created_at, ended_at";

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
  return deployment;
}

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
            "provider, share_bp, state, history_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
            "?, ?, ?)")
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
            "state = ?, history_json = ?, ended_at = ? WHERE id = ?")
        .bind(1, deployment->mode)
        .bind(2, deployment->tuned_model)
        .bind(3, deployment->endpoint)
        .bind(4, deployment->provider)
        .bind(5, deployment->share_bp)
        .bind(6, deployment->state)
        .bind(7, deployment->history_json)
        .bind(8, deployment->ended_at)
        .bind(9, id)
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

 private:
  std::optional<Deployment> find(int64_t id) {
    auto statement =
        connection_.prepare(std::string("SELECT ") + kColumns + " FROM deployments WHERE id = ?");
    statement.bind(1, id);
    if (!statement.step()) return std::nullopt;
    return read_deployment(statement);
  }

  // Inside the creating transaction, so two deployments on one model cannot both pass.
  void check_free(const Deployment& deployment, int64_t except_id) {
    auto statement = connection_.prepare(
        "SELECT id, base_model, endpoint FROM deployments WHERE state = 'active' AND id != ? AND "
        "(base_model = ? OR (? != '' AND endpoint = ?))");
    statement.bind(1, except_id)
        .bind(2, deployment.base_model)
        .bind(3, deployment.endpoint)
        .bind(4, deployment.endpoint);
    if (!statement.step()) return;
    auto other = statement.column_int(0);
    if (statement.column_text(1) == deployment.base_model) {
      throw ConflictError("Deployment " + std::to_string(other) + " already routes " +
                          deployment.base_model + "; roll it back or promote it first.");
    }
    throw ConflictError("Deployment " + std::to_string(other) + " already answers to '" +
                        deployment.endpoint + "'.");
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
