#include "store/postgres/pg_job_rows.hpp"

#include <string>

namespace reinforge::store::postgres::job_rows {
namespace {

constexpr const char* kJobColumns =
    "id, dataset_id, kind, state, done, total, message, error, params_json, checkpoint_json, "
    "result_json, cancel_requested, created_at, started_at, finished_at, runs_on, lease_owner, "
    "lease_expires_at";

Job read_job(const PgResult& rows, int row) {
  Job job;
  job.id = rows.int_at(row, 0);
  job.dataset_id = rows.optional_int_at(row, 1);
  job.kind = rows.text_at(row, 2);
  job.state = job_state_from_string(rows.text_at(row, 3)).value_or(JobState::failed);
  job.done = rows.int_at(row, 4);
  job.total = rows.int_at(row, 5);
  job.message = rows.text_at(row, 6);
  job.error = rows.optional_text_at(row, 7);
  job.params_json = rows.text_at(row, 8);
  job.checkpoint_json = rows.text_at(row, 9);
  job.result_json = rows.optional_text_at(row, 10);
  job.cancel_requested = rows.bool_at(row, 11);
  job.created_at = rows.int_at(row, 12);
  job.started_at = rows.optional_int_at(row, 13);
  job.finished_at = rows.optional_int_at(row, 14);
  job.runs_on = rows.optional_text_at(row, 15);
  job.lease_owner = rows.optional_text_at(row, 16);
  job.lease_expires_at = rows.optional_int_at(row, 17);
  return job;
}

std::vector<Job> read_jobs(const PgResult& rows) {
  std::vector<Job> jobs;
  for (int row = 0; row < rows.rows(); ++row) jobs.push_back(read_job(rows, row));
  return jobs;
}

}  // namespace

Job insert(PgConnection& connection, const Job& job, int64_t now) {
  auto rows = connection.exec(
      std::string("INSERT INTO jobs (dataset_id, kind, state, total, message, params_json, "
                  "created_at, runs_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ") +
          kJobColumns,
      {optional_value(job.dataset_id), job.kind, std::string(to_string(job.state)), job.total,
       job.message, job.params_json, now, optional_value(job.runs_on)});
  return read_job(rows, 0);
}

std::optional<Job> find(PgConnection& connection, int64_t id) {
  auto rows =
      connection.exec(std::string("SELECT ") + kJobColumns + " FROM jobs WHERE id = $1", {id});
  if (rows.rows() == 0) return std::nullopt;
  return read_job(rows, 0);
}

std::vector<Job> list(PgConnection& connection, std::optional<int64_t> dataset_id, int64_t limit) {
  return read_jobs(connection.exec(
      std::string("SELECT ") + kJobColumns +
          " FROM jobs WHERE ($1::bigint IS NULL OR dataset_id = $1) ORDER BY id DESC LIMIT $2",
      {optional_value(dataset_id), limit}));
}

std::vector<Job> in_state(PgConnection& connection, JobState state) {
  return read_jobs(connection.exec(
      std::string("SELECT ") + kJobColumns + " FROM jobs WHERE state = $1 ORDER BY id",
      {std::string(to_string(state))}));
}

bool update(PgConnection& connection, const Job& job, const std::optional<std::string>& holder) {
  return connection
             .exec(
                 "UPDATE jobs SET state = $1, done = $2, total = $3, message = $4, error = $5, "
                 "result_json = $6, started_at = $7, finished_at = $8, "
                 "lease_owner = CASE WHEN $1 = 'queued' THEN NULL ELSE lease_owner END, "
                 "lease_expires_at = CASE WHEN $1 = 'running' THEN lease_expires_at END "
                 "WHERE id = $9 AND ($10::text IS NULL OR (state = 'running' AND lease_owner = "
                 "$10))",
                 {std::string(to_string(job.state)), job.done, job.total, job.message,
                  optional_value(job.error), optional_value(job.result_json),
                  optional_value(job.started_at), optional_value(job.finished_at), job.id,
                  optional_value(holder)})
             .affected() > 0;
}

void request_cancel(PgConnection& connection, int64_t id) {
  connection.exec("UPDATE jobs SET cancel_requested = true WHERE id = $1", {id});
}

std::optional<Job> claim(PgConnection& connection, int64_t id, const std::string& instance,
                         int64_t now, int64_t lease_expires_at) {
  // SKIP LOCKED: a queued job's row is locked only by another claim or a cancel, and either way
  // this instance must not run it; it does not wait to find that out.
  auto rows = connection.exec(
      std::string("UPDATE jobs SET state = 'running', started_at = coalesce(started_at, $2), "
                  "lease_owner = $3, lease_expires_at = $4 "
                  "WHERE id = (SELECT id FROM jobs WHERE id = $1 AND state = 'queued' AND "
                  "(runs_on IS NULL OR runs_on = $3) FOR UPDATE SKIP LOCKED) RETURNING ") +
          kJobColumns,
      {id, now, instance, lease_expires_at});
  if (rows.rows() == 0) return std::nullopt;
  return read_job(rows, 0);
}

std::vector<int64_t> renew_leases(PgConnection& connection, const std::string& instance,
                                  int64_t lease_expires_at) {
  auto rows = connection.exec(
      "UPDATE jobs SET lease_expires_at = $2 WHERE state = 'running' AND lease_owner = $1 "
      "RETURNING id",
      {instance, lease_expires_at});
  std::vector<int64_t> held;
  for (int row = 0; row < rows.rows(); ++row) held.push_back(rows.int_at(row, 0));
  return held;
}

std::vector<Job> claimable(PgConnection& connection, const std::string& instance, int64_t limit) {
  return read_jobs(connection.exec(
      std::string("SELECT ") + kJobColumns +
          " FROM jobs WHERE state = 'queued' AND (runs_on IS NULL OR runs_on = $1) ORDER BY id "
          "LIMIT $2",
      {instance, limit}));
}

std::vector<Job> abandoned(PgConnection& connection, const std::string& instance, int64_t now) {
  return read_jobs(connection.exec(
      std::string("SELECT ") + kJobColumns +
          " FROM jobs WHERE state = 'running' AND (lease_expires_at IS NULL OR "
          "lease_expires_at < $2 OR lease_owner = $1) ORDER BY id",
      {instance, now}));
}

std::optional<Job> take_over(PgConnection& connection, int64_t id, const std::string& instance,
                             int64_t now, int64_t lease_expires_at) {
  // Under READ COMMITTED a second instance's UPDATE waits for the first's row lock and then
  // checks the condition again on the new row, whose lease no longer lapsed: one wins.
  auto rows = connection.exec(
      std::string("UPDATE jobs SET lease_owner = $2, lease_expires_at = $4 WHERE id = $1 AND "
                  "state = 'running' AND (lease_expires_at IS NULL OR lease_expires_at < $3 OR "
                  "lease_owner = $2) RETURNING ") +
          kJobColumns,
      {id, instance, now, lease_expires_at});
  if (rows.rows() == 0) return std::nullopt;
  return read_job(rows, 0);
}

}  // namespace reinforge::store::postgres::job_rows
