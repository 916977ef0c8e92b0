#pragma once
// The writes PgStore's records, generation runs and duplicates share, as functions on a
// connection inside the caller's transaction: a batch of records with their issue codes, a
// record's deletion as a generation run sees it, and the dataset's revision and aggregates
// version.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "store/postgres/pg_connection.hpp"
#include "store/store_types.hpp"

namespace reinforge::store::postgres::record_writes {

// PostgreSQL's TEXT holds only valid UTF-8 without NUL, where SQLite keeps a line's bytes as they
// came: a broken line (an invalid record) is stored with U+FFFD for each byte that cannot be, so
// it does not fail its whole batch. `text` itself when it can be stored (the common case, no
// copy); otherwise the replacement, kept in `scratch`.
const std::string& storable_text(const std::string& text, std::string& scratch);

// Inserts the batch in three statements whatever its size; returns the new ids in batch order.
// Call after forget_aggregates, which orders the batches of one dataset.
std::vector<int64_t> insert_records(PgConnection& connection, int64_t dataset_id,
                                    std::span<const NewRecord> records, int64_t now);
void insert_issue_codes(PgConnection& connection, int64_t dataset_id,
                        std::span<const int64_t> record_ids, std::span<const NewRecord> records);
// Deletes those of `record_ids` in the dataset (their issue codes go with them); a generation
// run that wrote one shows it deleted. Returns how many were there.
int64_t delete_records(PgConnection& connection, int64_t dataset_id,
                       std::span<const int64_t> record_ids);

// Locks the dataset's row until the transaction ends and marks its cached aggregates stale on
// every instance (pg_aggregate_cache.hpp). Called first by each write to a dataset's records, so
// writes to one dataset take turns as under SQLite's single writer, and always in the same order
// (dataset, then anything else), so they cannot deadlock.
void forget_aggregates(PgConnection& connection, int64_t dataset_id);
void bump_revision(PgConnection& connection, int64_t dataset_id, int64_t now);

}  // namespace reinforge::store::postgres::record_writes
