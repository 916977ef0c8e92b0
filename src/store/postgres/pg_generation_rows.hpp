#pragma once
// The SQL of generation runs and their records on PostgreSQL, as sqlite_generation_rows.hpp:
// functions on a connection so PgStore runs them inside its own transactions (a run's records
// join the dataset in the same transaction that ends the run).
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/postgres/pg_connection.hpp"
#include "store/store_types.hpp"

namespace reinforge::store::postgres::generation_rows {

int64_t insert_run(PgConnection& connection, const GenerationRun& run);
std::optional<GenerationRun> find_run(PgConnection& connection, int64_t run_id);
std::vector<GenerationRun> list_runs(PgConnection& connection, int64_t dataset_id);  // newest first
void update_run_outcome(PgConnection& connection,
                        const GenerationRun& run);  // state, summary, error

int64_t insert_record(PgConnection& connection, const GeneratedRecord& record);
// `for_update`: holds the row until the transaction ends, so two instances deciding on the same
// record (accept, delete) take turns and the second sees the first one's verdict.
std::optional<GeneratedRecord> find_record(PgConnection& connection, int64_t run_id, int64_t id,
                                           bool for_update = false);
std::vector<GeneratedRecord> list_records(PgConnection& connection, int64_t run_id,
                                          const std::optional<std::string>& status, int64_t offset,
                                          int64_t limit, int64_t* total);
void set_record_status(PgConnection& connection, int64_t id, const std::string& status,
                       std::optional<int64_t> record_id);
void set_record_text(PgConnection& connection, int64_t id, const std::string& text);
// Status → count for the run's records.
std::vector<std::pair<std::string, int64_t>> count_by_status(PgConnection& connection,
                                                             int64_t run_id);

}  // namespace reinforge::store::postgres::generation_rows
