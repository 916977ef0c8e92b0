#include "store/sqlite_record_pages.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

#include "store/fts_query.hpp"
#include "store/record_columns.hpp"
#include "store/sql_builder.hpp"
#include "store/sqlite_record_rows.hpp"

namespace reinforge::store::record_pages {
namespace {

// The records a filter selects (" FROM ... WHERE ...") and the key the list is ordered by:
// always the record's id, read from the index that drives the query, so that ORDER BY costs
// nothing and LIMIT ends the scan.
struct ListQuery {
  SqlBuilder from_where;
  std::string_view key;
  bool newest_first = false;
};

// The dataset's lowest and highest record id (two index lookups); none without records.
std::optional<std::pair<int64_t, int64_t>> id_range(Connection& connection, int64_t dataset_id) {
  auto statement = connection.prepare(
      "SELECT (SELECT MIN(id) FROM records WHERE dataset_id = ?1), "
      "(SELECT MAX(id) FROM records WHERE dataset_id = ?1)");
  statement.bind(1, dataset_id);
  if (!statement.step() || statement.column_is_null(0)) return std::nullopt;
  return std::pair{statement.column_int(0), statement.column_int(1)};
}

// `after_id`: a page's keyset bound; none to count from the start. None when nothing can match.
std::optional<ListQuery> list_query(Connection& connection, int64_t dataset_id,
                                    const RecordFilter& filter, std::optional<int64_t> after_id) {
  ListQuery query;
  SqlBuilder& sql = query.from_where;
  if (filter.text_query) {
    std::string words = fts_all_words(*filter.text_query);
    auto ids = id_range(connection, dataset_id);
    if (words.empty() || !ids) return std::nullopt;
    int64_t last = after_id ? std::min(ids->second, *after_id - 1) : ids->second;
    // The search reads FTS5's matches newest first and stops at the page's end, instead of
    // joining the whole match set (a word in most of a million records took 451 ms). One
    // full-text index serves every dataset: bounding its rowids by this dataset's ids skips the
    // other datasets' matches (a dataset's records are mostly one run of ids), and the keyset
    // bound is the range's only upper end so FTS5 starts reading there. CROSS JOIN keeps the
    // index the outer loop; the other filters are checked on each match's row. The index is in
    // its own file (store/sqlite_record_search.hpp), attached as `search`.
    sql.add(
        " FROM search.records_fts CROSS JOIN records AS r ON r.id = records_fts.rowid "
        "WHERE records_fts MATCH ? AND records_fts.rowid BETWEEN ? AND ? AND r.dataset_id = ?",
        {words, ids->first, last, dataset_id});
    query.key = "records_fts.rowid";
    query.newest_first = true;
    if (filter.issue_code) {
      // On the index's rowid, not r.id, so SQLite checks it before reading the record's row.
      sql.add(
          " AND EXISTS (SELECT 1 FROM record_issue_codes "
          "WHERE record_id = records_fts.rowid AND code = ?)",
          {*filter.issue_code});
    }
  } else if (filter.issue_code) {
    // The issue index holds (dataset, code, record id): the records with a code, in id order.
    sql.add(
        " FROM record_issue_codes AS c CROSS JOIN records AS r ON r.id = c.record_id "
        "WHERE c.dataset_id = ? AND c.code = ?",
        {dataset_id, *filter.issue_code});
    query.key = "c.record_id";
  } else {
    // SQLite picks the dataset's index for validity, origin or topic, each in id order.
    sql.add(" FROM records AS r WHERE r.dataset_id = ?", {dataset_id});
    query.key = "r.id";
  }
  if (after_id && !filter.text_query) sql.add(" AND ").add(query.key).add(" > ?", {*after_id});
  add_record_filters(sql, filter);
  return query;
}

// How many records the query selects, reading at most one past the cap; and whether that is all.
std::pair<int64_t, bool> count_up_to_cap(Connection& connection, const ListQuery& query) {
  SqlBuilder sql;
  sql.add("SELECT COUNT(*) FROM (SELECT 1")
      .add(query.from_where)
      .add(" LIMIT ?)", {kRecordTotalCap + 1});
  auto statement = sql.prepare(connection);
  statement.step();
  int64_t counted = statement.column_int(0);
  return {std::min(counted, kRecordTotalCap), counted <= kRecordTotalCap};
}

}  // namespace

RecordPage list_records(Connection& connection, int64_t dataset_id, const RecordFilter& filter,
                        std::optional<int64_t> known_total) {
  RecordPage page;
  auto query = list_query(connection, dataset_id, filter, filter.after_id);
  if (!query) return page;
  SqlBuilder sql;
  sql.add("SELECT ").add(record_columns_of("r")).add(query->from_where);
  sql.add(" ORDER BY ").add(query->key).add(query->newest_first ? " DESC" : "");
  sql.add(" LIMIT ?", {filter.limit + 1});  // one more than asked says whether a page follows
  bool by_offset = !filter.after_id && filter.offset > 0;
  if (by_offset) sql.add(" OFFSET ?", {filter.offset});
  auto statement = sql.prepare(connection);
  while (statement.step()) {
    if (static_cast<int64_t>(page.items.size()) == filter.limit) {
      page.more = true;
      break;
    }
    page.items.push_back(read_record(statement));
  }

  if (known_total) {
    page.total = *known_total;
  } else if (!filter.after_id && !by_offset && !page.more) {
    page.total = static_cast<int64_t>(page.items.size());  // the first page holds them all
  } else if (auto all = list_query(connection, dataset_id, filter, std::nullopt)) {
    std::tie(page.total, page.total_exact) = count_up_to_cap(connection, *all);
  }
  return page;
}

}  // namespace reinforge::store::record_pages
