#pragma once
// Checks of the trace store's tables that pruning must keep true, read with their own
// connection: the full-text index agrees with the traces, no tag points at a gone trace, the
// counted size equals a recount, and the rollups are as they were.
#include <gtest/gtest.h>

#include <string>

#include "store/sqlite_connection.hpp"

namespace reinforge::testing {

inline int64_t single_int(store::Connection& connection, const std::string& sql) {
  auto statement = connection.prepare(sql);
  return statement.step() ? statement.column_int(0) : -1;
}

// Rows of `left` (a table or a parenthesised query) missing from `right`.
inline int64_t rows_missing(store::Connection& connection, const std::string& left,
                            const std::string& right) {
  return single_int(connection, "SELECT count(*) FROM (SELECT * FROM " + left +
                                    " EXCEPT SELECT * FROM " + right + ")");
}

// The rollups as they are now, in temp tables, for expect_rollups_unchanged.
inline void snapshot_rollups(store::Connection& connection) {
  connection.execute_script(
      "CREATE TEMP TABLE hourly_before AS SELECT * FROM trace_rollups_hourly;"
      "CREATE TEMP TABLE daily_before AS SELECT * FROM trace_rollups_daily;");
}

inline void expect_rollups_unchanged(store::Connection& connection) {
  EXPECT_EQ(rows_missing(connection, "trace_rollups_hourly", "temp.hourly_before"), 0);
  EXPECT_EQ(rows_missing(connection, "temp.hourly_before", "trace_rollups_hourly"), 0);
  EXPECT_EQ(rows_missing(connection, "trace_rollups_daily", "temp.daily_before"), 0);
  EXPECT_EQ(rows_missing(connection, "temp.daily_before", "trace_rollups_daily"), 0);
}

inline void expect_trace_tables_consistent(store::Connection& connection) {
  auto integrity = connection.prepare("PRAGMA integrity_check");
  ASSERT_TRUE(integrity.step());
  EXPECT_EQ(integrity.column_text(0), "ok");
  integrity.reset();
  // rank 1: checked against the content table too, which FTS5 skips otherwise for an external
  // content table.
  EXPECT_NO_THROW(
      connection.prepare("INSERT INTO traces_fts(traces_fts, rank) VALUES ('integrity-check', 1)")
          .execute());
  EXPECT_EQ(single_int(connection, "SELECT count(*) FROM traces_fts_docsize"),
            single_int(connection, "SELECT count(*) FROM traces"));
  EXPECT_EQ(single_int(connection, "SELECT count(*) FROM trace_tags "
                                   "WHERE trace_seq NOT IN (SELECT seq FROM traces)"),
            0);
  // What trace_space should hold: the stored text of the traces there are, summed anew.
  EXPECT_EQ(single_int(connection, "SELECT bytes FROM trace_space"),
            single_int(connection,
                       "SELECT coalesce(sum(length(CAST(request_json AS BLOB)) + "
                       "coalesce(length(CAST(response_json AS BLOB)), 0) + "
                       "coalesce(length(CAST(conversation_json AS BLOB)), 0) + "
                       "coalesce(length(CAST(error AS BLOB)), 0) + "
                       "length(CAST(tags_json AS BLOB))), 0) FROM traces"));
}

}  // namespace reinforge::testing
