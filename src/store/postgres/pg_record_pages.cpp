#include "store/postgres/pg_record_pages.hpp"
#include "store/postgres/pg_sql_builder.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

#include "store/postgres/pg_text_search.hpp"
#include "store/record_columns.hpp"
#include "store/postgres/pg_record_rows.hpp"
#include "store/sql_builder.hpp"

namespace reinforge::store::postgres {
namespace {

// The records a filter selects (" FROM ... WHERE ...") and the key the list is ordered by: always
// the record's id, the last column of the index that serves the filter (migration 4), so that
// ORDER BY follows the index and LIMIT ends the walk.
struct ListQuery {
  SqlBuilder from_where;
  std::string_view key;
  bool newest_first = false;
};

// `after_id`: a page's keyset bound; none to count from the start. None when nothing can match.
std::optional<ListQuery> list_query(int64_t dataset_id, const RecordFilter& filter,
                                    std::optional<int64_t> after_id) {
  ListQuery query;
  SqlBuilder& sql = query.from_where;
  if (filter.text_query) {
    auto words = search_query(*filter.text_query);
    if (!words) return std::nullopt;
    // Every word must occur. The planner picks, from the vector's statistics and the words of
    // this search (the query is planned for its values: exec_planned_for_values), between
    // walking the dataset's ids newest first, checking each row (a word in most records: the
    // page fills at once; 2 ms at a million records) and sorting the GIN index's matches (a rare
    // word: 2 ms, where the walk took 1.7 s).
    sql.add(" FROM records AS r WHERE r.dataset_id = ? AND r.search @@ ?::tsquery",
            {dataset_id, *words});
    query.key = "r.id";
    query.newest_first = true;
    if (filter.issue_code) {
      // OFFSET 0 keeps this a check on each match (a semi-join read the whole code's index
      // backwards: 71 ms at a million records, 0.6 ms as a check).
      sql.add(
          " AND EXISTS (SELECT 1 FROM record_issue_codes WHERE record_id = r.id AND code = ? "
          "OFFSET 0)",
          {*filter.issue_code});
    }
  } else if (filter.issue_code) {
    // The issue index holds (dataset, code, record id): the records with a code, in id order,
    // each record read by its id. OFFSET 0 keeps that nested loop, as SQLite's CROSS JOIN: a
    // merge join walked the records from the dataset's first id to the page (445 ms at a
    // million records, 0.8 ms this way).
    sql.add(
        " FROM record_issue_codes AS c CROSS JOIN LATERAL "
        "(SELECT * FROM records WHERE records.id = c.record_id OFFSET 0) AS r "
        "WHERE c.dataset_id = ? AND c.code = ?",
        {dataset_id, *filter.issue_code});
    query.key = "c.record_id";
  } else {
    // The dataset's index for validity, origin or topic, each in id order.
    sql.add(" FROM records AS r WHERE r.dataset_id = ?", {dataset_id});
    query.key = "r.id";
  }
  if (after_id) {
    sql.add(" AND ").add(query.key).add(query.newest_first ? " < ?" : " > ?", {*after_id});
  }
  add_record_filters(sql, filter);
  return query;
}

// How many records the query selects, reading at most one past the cap; and whether that is all.
std::pair<int64_t, bool> count_up_to_cap(PgConnection& connection, const ListQuery& query) {
  SqlBuilder sql;
  sql.add("SELECT COUNT(*) FROM (SELECT 1")
      .add(query.from_where)
      .add(" LIMIT ?) AS capped", {kRecordTotalCap + 1});
  int64_t counted = exec_planned_for_values(connection, sql).int_at(0, 0);
  return {std::min(counted, kRecordTotalCap), counted <= kRecordTotalCap};
}

}  // namespace

RecordPage list_records(PgConnection& connection, int64_t dataset_id, const RecordFilter& filter,
                        std::optional<int64_t> known_total) {
  RecordPage page;
  auto query = list_query(dataset_id, filter, filter.after_id);
  if (!query) return page;
  SqlBuilder sql;
  sql.add("SELECT ").add(record_columns_of("r")).add(query->from_where);
  sql.add(" ORDER BY ").add(query->key).add(query->newest_first ? " DESC" : "");
  sql.add(" LIMIT ?", {filter.limit + 1});  // one more than asked says whether a page follows
  bool by_offset = !filter.after_id && filter.offset > 0;
  if (by_offset) sql.add(" OFFSET ?", {filter.offset});
  auto rows = exec_planned_for_values(connection, sql);
  for (int row = 0; row < rows.rows(); ++row) {
    if (static_cast<int64_t>(page.items.size()) == filter.limit) {
      page.more = true;
      break;
    }
    page.items.push_back(read_record(rows, row));
  }

  if (known_total) {
    page.total = *known_total;
  } else if (!filter.after_id && !by_offset && !page.more) {
    page.total = static_cast<int64_t>(page.items.size());  // the first page holds them all
  } else if (auto all = list_query(dataset_id, filter, std::nullopt)) {
    std::tie(page.total, page.total_exact) = count_up_to_cap(connection, *all);
  }
  return page;
}

}  // namespace reinforge::store::postgres
