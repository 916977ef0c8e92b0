#include "store/sqlite_generation_rows.hpp"

namespace reinforge::store::generation_rows {

namespace {

constexpr const char* kRunColumns =
    "SELECT id, dataset_id, job_id, model, state, review, options_json, plan_json, summary_json, "
    "error, created_at, finished_at FROM generation_runs ";
constexpr const char* kRecordColumns =
    "SELECT id, run_id, topic, status, gate, reason, text, seed_ids_json, confidence, similarity, "
    "record_id, created_at FROM generation_records ";

GenerationRun read_run(const Statement& row) {
  GenerationRun run;
  run.id = row.column_int(0);
  run.dataset_id = row.column_int(1);
  run.job_id = row.column_int(2);
  run.model = row.column_text(3);
  run.state = row.column_text(4);
  run.review = row.column_int(5) != 0;
  run.options_json = row.column_text(6);
  run.plan_json = row.column_text(7);
  run.summary_json = row.column_text(8);
  run.error = row.column_optional_text(9);
  run.created_at = row.column_int(10);
  run.finished_at = row.column_optional_int(11);
  return run;
}

GeneratedRecord read_record(const Statement& row) {
  GeneratedRecord record;
  record.id = row.column_int(0);
  record.run_id = row.column_int(1);
  record.topic = row.column_text(2);
  record.status = row.column_text(3);
  record.gate = row.column_text(4);
  record.reason = row.column_text(5);
  record.text = row.column_text(6);
  record.seed_ids_json = row.column_text(7);
  record.confidence = row.column_optional_double(8);
  record.similarity = row.column_optional_double(9);
  record.record_id = row.column_optional_int(10);
  record.created_at = row.column_int(11);
  return record;
}

}  // namespace

int64_t insert_run(Connection& connection, const GenerationRun& run) {
  connection
      .prepare(
          "INSERT INTO generation_runs (dataset_id, job_id, model, state, review, options_json, "
          "plan_json, summary_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(1, run.dataset_id)
      .bind(2, run.job_id)
      .bind(3, run.model)
      .bind(4, run.state)
      .bind(5, int64_t{run.review})
      .bind(6, run.options_json)
      .bind(7, run.plan_json)
      .bind(8, run.summary_json)
      .bind(9, run.created_at)
      .execute();
  return connection.last_insert_id();
}

std::optional<GenerationRun> find_run(Connection& connection, int64_t run_id) {
  auto statement = connection.prepare(std::string(kRunColumns) + "WHERE id = ?");
  statement.bind(1, run_id);
  if (!statement.step()) return std::nullopt;
  return read_run(statement);
}

std::vector<GenerationRun> list_runs(Connection& connection, int64_t dataset_id) {
  auto statement =
      connection.prepare(std::string(kRunColumns) + "WHERE dataset_id = ? ORDER BY id DESC");
  statement.bind(1, dataset_id);
  std::vector<GenerationRun> runs;
  while (statement.step()) runs.push_back(read_run(statement));
  return runs;
}

void update_run_outcome(Connection& connection, const GenerationRun& run) {
  connection
      .prepare(
          "UPDATE generation_runs SET job_id = ?, state = ?, plan_json = ?, summary_json = ?, "
          "error = ?, finished_at = ? WHERE id = ?")
      .bind(1, run.job_id)
      .bind(2, run.state)
      .bind(3, run.plan_json)
      .bind(4, run.summary_json)
      .bind(5, run.error)
      .bind(6, run.finished_at)
      .bind(7, run.id)
      .execute();
}

int64_t insert_record(Connection& connection, const GeneratedRecord& record) {
  connection
      .prepare(
          "INSERT INTO generation_records (run_id, topic, status, gate, reason, text, "
          "seed_ids_json, confidence, similarity, record_id, created_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(1, record.run_id)
      .bind(2, record.topic)
      .bind(3, record.status)
      .bind(4, record.gate)
      .bind(5, record.reason)
      .bind(6, record.text)
      .bind(7, record.seed_ids_json)
      .bind(8, record.confidence)
      .bind(9, record.similarity)
      .bind(10, record.record_id)
      .bind(11, record.created_at)
      .execute();
  return connection.last_insert_id();
}

std::optional<GeneratedRecord> find_record(Connection& connection, int64_t run_id, int64_t id) {
  auto statement = connection.prepare(std::string(kRecordColumns) + "WHERE run_id = ? AND id = ?");
  statement.bind(1, run_id).bind(2, id);
  if (!statement.step()) return std::nullopt;
  return read_record(statement);
}

std::vector<GeneratedRecord> list_records(Connection& connection, int64_t run_id,
                                          const std::optional<std::string>& status, int64_t offset,
                                          int64_t limit, int64_t* total) {
  if (total) {
    auto count = connection.prepare(
        "SELECT COUNT(*) FROM generation_records WHERE run_id = ?1 AND (?2 IS NULL OR status = "
        "?2)");
    count.bind(1, run_id).bind(2, status);
    count.step();
    *total = count.column_int(0);
  }
  auto statement = connection.prepare(
      std::string(kRecordColumns) +
      "WHERE run_id = ?1 AND (?2 IS NULL OR status = ?2) ORDER BY id LIMIT ?3 OFFSET ?4");
  statement.bind(1, run_id).bind(2, status).bind(3, limit).bind(4, offset);
  std::vector<GeneratedRecord> records;
  while (statement.step()) records.push_back(read_record(statement));
  return records;
}

void set_record_status(Connection& connection, int64_t id, const std::string& status,
                       std::optional<int64_t> record_id) {
  connection.prepare("UPDATE generation_records SET status = ?, record_id = ? WHERE id = ?")
      .bind(1, status)
      .bind(2, record_id)
      .bind(3, id)
      .execute();
}

void set_record_text(Connection& connection, int64_t id, const std::string& text) {
  connection.prepare("UPDATE generation_records SET text = ? WHERE id = ?")
      .bind(1, text)
      .bind(2, id)
      .execute();
}

std::vector<std::pair<std::string, int64_t>> count_by_status(Connection& connection,
                                                             int64_t run_id) {
  auto statement = connection.prepare(
      "SELECT status, COUNT(*) FROM generation_records WHERE run_id = ? GROUP BY status ORDER BY "
      "status");
  statement.bind(1, run_id);
  std::vector<std::pair<std::string, int64_t>> counts;
  while (statement.step()) counts.push_back({statement.column_text(0), statement.column_int(1)});
  return counts;
}

}  // namespace reinforge::store::generation_rows
