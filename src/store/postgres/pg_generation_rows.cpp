#include "store/postgres/pg_generation_rows.hpp"

namespace reinforge::store::postgres::generation_rows {

namespace {

constexpr const char* kRunColumns =
    "SELECT id, dataset_id, job_id, model, state, review, options_json, plan_json, summary_json, "
    "error, created_at, finished_at FROM generation_runs ";
constexpr const char* kRecordColumns =
    "SELECT id, run_id, topic, status, gate, reason, text, seed_ids_json, confidence, similarity, "
    "record_id, created_at FROM generation_records ";

GenerationRun read_run(const PgResult& rows, int row) {
  GenerationRun run;
  run.id = rows.int_at(row, 0);
  run.dataset_id = rows.int_at(row, 1);
  run.job_id = rows.int_at(row, 2);
  run.model = rows.text_at(row, 3);
  run.state = rows.text_at(row, 4);
  run.review = rows.bool_at(row, 5);
  run.options_json = rows.text_at(row, 6);
  run.plan_json = rows.text_at(row, 7);
  run.summary_json = rows.text_at(row, 8);
  run.error = rows.optional_text_at(row, 9);
  run.created_at = rows.int_at(row, 10);
  run.finished_at = rows.optional_int_at(row, 11);
  return run;
}

GeneratedRecord read_generated_record(const PgResult& rows, int row) {
  GeneratedRecord record;
  record.id = rows.int_at(row, 0);
  record.run_id = rows.int_at(row, 1);
  record.topic = rows.text_at(row, 2);
  record.status = rows.text_at(row, 3);
  record.gate = rows.text_at(row, 4);
  record.reason = rows.text_at(row, 5);
  record.text = rows.text_at(row, 6);
  record.seed_ids_json = rows.text_at(row, 7);
  record.confidence = rows.optional_double_at(row, 8);
  record.similarity = rows.optional_double_at(row, 9);
  record.record_id = rows.optional_int_at(row, 10);
  record.created_at = rows.int_at(row, 11);
  return record;
}

}  // namespace

int64_t insert_run(PgConnection& connection, const GenerationRun& run) {
  return connection
      .exec(
          "INSERT INTO generation_runs (dataset_id, job_id, model, state, review, options_json, "
          "plan_json, summary_json, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
          "RETURNING id",
          {run.dataset_id, run.job_id, run.model, run.state, int64_t{run.review}, run.options_json,
           run.plan_json, run.summary_json, run.created_at})
      .int_at(0, 0);
}

std::optional<GenerationRun> find_run(PgConnection& connection, int64_t run_id) {
  auto rows = connection.exec(std::string(kRunColumns) + "WHERE id = $1", {run_id});
  if (rows.rows() == 0) return std::nullopt;
  return read_run(rows, 0);
}

std::vector<GenerationRun> list_runs(PgConnection& connection, int64_t dataset_id) {
  auto rows = connection.exec(std::string(kRunColumns) + "WHERE dataset_id = $1 ORDER BY id DESC",
                              {dataset_id});
  std::vector<GenerationRun> runs;
  for (int row = 0; row < rows.rows(); ++row) runs.push_back(read_run(rows, row));
  return runs;
}

void update_run_outcome(PgConnection& connection, const GenerationRun& run) {
  connection.exec(
      "UPDATE generation_runs SET job_id = $1, state = $2, plan_json = $3, summary_json = $4, "
      "error = $5, finished_at = $6 WHERE id = $7",
      {run.job_id, run.state, run.plan_json, run.summary_json, optional_value(run.error),
       optional_value(run.finished_at), run.id});
}

int64_t insert_record(PgConnection& connection, const GeneratedRecord& record) {
  return connection
      .exec(
          "INSERT INTO generation_records (run_id, topic, status, gate, reason, text, "
          "seed_ids_json, confidence, similarity, record_id, created_at) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
          {record.run_id, record.topic, record.status, record.gate, record.reason, record.text,
           record.seed_ids_json, optional_value(record.confidence),
           optional_value(record.similarity), optional_value(record.record_id), record.created_at})
      .int_at(0, 0);
}

std::optional<GeneratedRecord> find_record(PgConnection& connection, int64_t run_id, int64_t id,
                                           bool for_update) {
  auto rows = connection.exec(std::string(kRecordColumns) + "WHERE run_id = $1 AND id = $2" +
                                  (for_update ? " FOR UPDATE" : ""),
                              {run_id, id});
  if (rows.rows() == 0) return std::nullopt;
  return read_generated_record(rows, 0);
}

std::vector<GeneratedRecord> list_records(PgConnection& connection, int64_t run_id,
                                          const std::optional<std::string>& status, int64_t offset,
                                          int64_t limit, int64_t* total) {
  if (total) {
    *total = connection
                 .exec(
                     "SELECT COUNT(*) FROM generation_records WHERE run_id = $1 AND "
                     "($2::text IS NULL OR status = $2)",
                     {run_id, optional_value(status)})
                 .int_at(0, 0);
  }
  auto rows = connection.exec(std::string(kRecordColumns) +
                                  "WHERE run_id = $1 AND ($2::text IS NULL OR status = $2) "
                                  "ORDER BY id LIMIT $3 OFFSET $4",
                              {run_id, optional_value(status), limit, offset});
  std::vector<GeneratedRecord> records;
  for (int row = 0; row < rows.rows(); ++row) records.push_back(read_generated_record(rows, row));
  return records;
}

void set_record_status(PgConnection& connection, int64_t id, const std::string& status,
                       std::optional<int64_t> record_id) {
  connection.exec("UPDATE generation_records SET status = $1, record_id = $2 WHERE id = $3",
                  {status, optional_value(record_id), id});
}

void set_record_text(PgConnection& connection, int64_t id, const std::string& text) {
  connection.exec("UPDATE generation_records SET text = $1 WHERE id = $2", {text, id});
}

std::vector<std::pair<std::string, int64_t>> count_by_status(PgConnection& connection,
                                                             int64_t run_id) {
  // Statuses sort byte-wise ("C"), as SQLite's BINARY collation does.
  auto rows = connection.exec(
      "SELECT status, COUNT(*) FROM generation_records WHERE run_id = $1 GROUP BY status "
      "ORDER BY status COLLATE \"C\"",
      {run_id});
  std::vector<std::pair<std::string, int64_t>> counts;
  for (int row = 0; row < rows.rows(); ++row)
    counts.emplace_back(rows.text_at(row, 0), rows.int_at(row, 1));
  return counts;
}

}  // namespace reinforge::store::postgres::generation_rows
