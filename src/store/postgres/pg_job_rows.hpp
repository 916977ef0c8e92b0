#pragma once
// The SQL of jobs on PostgreSQL, as functions on a connection: several instances share the jobs
// table, and claim_job is what keeps two of them from running one job.
#include <optional>
#include <string>
#include <vector>

#include "store/postgres/pg_connection.hpp"
#include "store/store_types.hpp"

namespace reinforge::store::postgres::job_rows {

Job insert(PgConnection& connection, const Job& job, int64_t now);
std::optional<Job> find(PgConnection& connection, int64_t id);
std::vector<Job> list(PgConnection& connection, std::optional<int64_t> dataset_id, int64_t limit);
std::vector<Job> in_state(PgConnection& connection, JobState state);
// Returns whether the row was written: with a `holder`, only while that instance holds the
// job's lease (Store::update_held_job).
bool update(PgConnection& connection, const Job& job,
            const std::optional<std::string>& holder = std::nullopt);
void request_cancel(PgConnection& connection, int64_t id);
std::optional<Job> claim(PgConnection& connection, int64_t id, const std::string& instance,
                         int64_t now, int64_t lease_expires_at);
std::vector<int64_t> renew_leases(PgConnection& connection, const std::string& instance,
                                  int64_t lease_expires_at);
std::vector<Job> claimable(PgConnection& connection, const std::string& instance, int64_t limit);
std::vector<Job> abandoned(PgConnection& connection, const std::string& instance, int64_t now);
std::optional<Job> take_over(PgConnection& connection, int64_t id, const std::string& instance,
                             int64_t now, int64_t lease_expires_at);

}  // namespace reinforge::store::postgres::job_rows
