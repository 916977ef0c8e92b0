#include "store/postgres/pg_record_writes.hpp"

#include <algorithm>

#include "store/postgres/pg_arrays.hpp"
#include "store/postgres/pg_copy_feed.hpp"
#include "store/postgres/pg_text_search.hpp"
#include "util/utf8.hpp"

namespace reinforge::store::postgres::record_writes {

const std::string& storable_text(const std::string& text, std::string& scratch) {
  if (text.find('\0') == std::string::npos && util::is_valid_utf8(text)) return text;
  scratch = util::replace_invalid_utf8(text);
  for (std::size_t at = scratch.find('\0'); at != std::string::npos; at = scratch.find('\0', at)) {
    scratch.replace(at, 1, "\xEF\xBF\xBD");
  }
  return scratch;
}

std::vector<int64_t> insert_records(PgConnection& connection, int64_t dataset_id,
                                    std::span<const NewRecord> records, int64_t now) {
  if (records.empty()) return {};
  // The ids first, so the issue codes know their records without relying on the order of
  // RETURNING; sorted, so the batch keeps its order in the list (ids of other datasets' batches
  // may fall between them). The caller holds the dataset's row (forget_aggregates), so this
  // dataset's ids commit in the order they are drawn and a keyset page never skips a batch.
  auto id_rows = connection.exec("SELECT nextval('records_id_seq') FROM generate_series(1, $1)",
                                 {static_cast<int64_t>(records.size())});
  std::vector<int64_t> ids;
  for (int row = 0; row < id_rows.rows(); ++row) ids.push_back(id_rows.int_at(row, 0));
  std::sort(ids.begin(), ids.end());

  // COPY rather than INSERT ... unnest(arrays): the server parses each value once, not first as
  // an array literal, and stores the first rows while the rest are formatted (pg_copy_feed.hpp).
  // The search words are found here (pg_text_search.hpp says why).
  PgCopyFeed feed(
      connection,
      "COPY records (id, dataset_id, line, origin, valid, issues_json, token_count, preview, "
      "content_hash, trace_id, updated_at, text, generation_run_id, search) FROM STDIN");
  for (std::size_t i = 0; i < records.size(); ++i) {
    const auto& record = records[i];
    auto& rows = feed.rows();
    rows.integer(ids[i]);
    rows.integer(dataset_id);
    rows.integer(record.line);
    rows.text(record.origin);
    rows.boolean(record.valid);
    rows.text(record.issues_json);
    rows.integer(record.token_count);
    rows.text(record.preview);
    rows.integer(static_cast<int64_t>(record.content_hash));
    rows.text(record.trace_id);
    rows.integer(now);
    rows.text(record.text);
    rows.integer(record.generation_run_id);
    rows.text(record_search_vector(record.text));
    rows.end_row();
    feed.row_written();
  }
  feed.finish();
  insert_issue_codes(connection, dataset_id, ids, records);
  return ids;
}

void insert_issue_codes(PgConnection& connection, int64_t dataset_id,
                        std::span<const int64_t> record_ids, std::span<const NewRecord> records) {
  ArrayLiteral ids, codes, errors;
  bool any = false;
  for (std::size_t i = 0; i < records.size(); ++i) {
    for (const auto& [code, is_error] : records[i].issue_codes) {
      ids.add(record_ids[i]);
      codes.add(code);
      errors.add(is_error);
      any = true;
    }
  }
  if (!any) return;
  // A code listed twice for one record is kept once, as SQLite's INSERT OR IGNORE does.
  connection.exec(
      "INSERT INTO record_issue_codes (record_id, dataset_id, code, is_error) "
      "SELECT record_id, $1, code, is_error FROM unnest($2::bigint[], $3::text[], $4::boolean[]) "
      "AS codes(record_id, code, is_error) ON CONFLICT DO NOTHING",
      {dataset_id, ids.text(), codes.text(), errors.text()});
}

int64_t delete_records(PgConnection& connection, int64_t dataset_id,
                       std::span<const int64_t> record_ids) {
  if (record_ids.empty()) return 0;
  auto deleted = connection.exec(
      "DELETE FROM records WHERE dataset_id = $1 AND id = ANY($2::bigint[]) RETURNING id",
      {dataset_id, bigint_array(record_ids)});
  if (deleted.rows() == 0) return 0;
  std::vector<int64_t> gone;
  for (int row = 0; row < deleted.rows(); ++row) gone.push_back(deleted.int_at(row, 0));
  connection.exec(
      "UPDATE generation_records SET status = 'deleted', record_id = NULL "
      "WHERE record_id = ANY($1::bigint[])",
      {bigint_array(gone)});
  return deleted.rows();
}

void forget_aggregates(PgConnection& connection, int64_t dataset_id) {
  connection.exec("UPDATE datasets SET aggregates_version = aggregates_version + 1 WHERE id = $1",
                  {dataset_id});
}

void bump_revision(PgConnection& connection, int64_t dataset_id, int64_t now) {
  connection.exec("UPDATE datasets SET revision = revision + 1, updated_at = $1 WHERE id = $2",
                  {now, dataset_id});
}

}  // namespace reinforge::store::postgres::record_writes
