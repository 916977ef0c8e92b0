#pragma once
// The SQL of generation runs and their records (migration 12), as functions on a connection
// so SqliteStore can run them inside its own transactions: a run's records join the dataset in
// the same transaction that ends the run.
#include <optional>
#include <vector>

#include "store/sqlite_connection.hpp"
#include "store/store_types.hpp"

namespace reinforge::store::generation_rows {

int64_t insert_run(Connection& connection, const GenerationRun& run);
std::optional<GenerationRun> find_run(Connection& connection, int64_t run_id);
std::vector<GenerationRun> list_runs(Connection& connection, int64_t dataset_id);  // newest first
void update_run_outcome(Connection& connection, const GenerationRun& run);  // state, summary, error

int64_t insert_record(Connection& connection, const GeneratedRecord& record);
std::optional<GeneratedRecord> find_record(Connection& connection, int64_t run_id, int64_t id);
std::vector<GeneratedRecord> list_records(Connection& connection, int64_t run_id,
                                          const std::optional<std::string>& status, int64_t offset,
                                          int64_t limit, int64_t* total);
void set_record_status(Connection& connection, int64_t id, const std::string& status,
                       std::optional<int64_t> record_id);
void set_record_text(Connection& connection, int64_t id, const std::string& text);
// Status → count for the run's records.
std::vector<std::pair<std::string, int64_t>> count_by_status(Connection& connection,
                                                             int64_t run_id);

}  // namespace reinforge::store::generation_rows
