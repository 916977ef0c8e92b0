#pragma once
// One database for the trace store's suites, on either backend (docs/postgresql.md): a
// temporary folder for SQLite, a new database on the throwaway PostgreSQL server. It opens
// stores on it (each its own connections, as a second instance would have) and reads the tables
// the checks compare: the rollups against a recount of the raw rows, the counted size against a
// sum, no tag without its trace, and (SQLite) the full-text index against the traces.
#include <gtest/gtest.h>

#include <compare>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "store/latency_histogram.hpp"
#include "store/postgres/pg_connection.hpp"
#include "store/postgres/pg_trace_rollups.hpp"
#include "store/postgres/pg_trace_store.hpp"
#include "store/sqlite_connection.hpp"
#include "store/store.hpp"
#include "store/trace_store.hpp"
#include "support/postgres_server.hpp"
#include "support/temp_dir.hpp"

namespace reinforge::testing {

inline const auto kTraceBackends =
    ::testing::Values(std::string("sqlite"), std::string("postgresql"));

// A rollup row, the histogram as its (bucket, count) pairs.
struct RollupRow {
  int64_t bucket;
  std::string model_requested, model, provider;
  int64_t gateway_key_id, status;
  std::string endpoint;
  int64_t calls, prompt_tokens, completion_tokens, cached_tokens, reasoning_tokens;
  std::vector<std::pair<uint16_t, uint64_t>> latency;
  auto operator<=>(const RollupRow&) const = default;
};

// What a rollup ("hourly" or "daily") should hold for these traces, counted the plain way.
inline std::vector<RollupRow> recount_rollup(const std::vector<store::Trace>& traces,
                                             const std::string& level) {
  int64_t bucket_ms = level == "hourly" ? 3600000 : 86400000;
  using Key =
      std::tuple<int64_t, std::string, std::string, std::string, int64_t, int64_t, std::string>;
  std::map<Key, std::pair<RollupRow, store::LatencyHistogram>> rows;
  for (const auto& t : traces) {
    Key key{t.created_at_ms / bucket_ms,  t.model_requested, t.model,   t.provider,
            t.gateway_key_id.value_or(0), t.status,          t.endpoint};
    auto& [row, latency] = rows[key];
    row.bucket = std::get<0>(key);
    row.model_requested = t.model_requested;
    row.model = t.model;
    row.provider = t.provider;
    row.gateway_key_id = t.gateway_key_id.value_or(0);
    row.status = t.status;
    row.endpoint = t.endpoint;
    row.calls += 1;
    row.prompt_tokens += t.prompt_tokens.value_or(0);
    row.completion_tokens += t.completion_tokens.value_or(0);
    row.cached_tokens += t.cached_tokens.value_or(0);
    row.reasoning_tokens += t.reasoning_tokens.value_or(0);
    latency.add(t.latency_ms);
  }
  std::vector<RollupRow> out;
  for (auto& [key, entry] : rows) {
    entry.first.latency = entry.second.buckets();
    out.push_back(entry.first);
  }
  return out;
}

class TraceDatabase {
 public:
  explicit TraceDatabase(std::string backend) : backend_(std::move(backend)) {
    if (!sqlite()) conninfo_ = shared_postgres_server().create_database();
  }
  bool sqlite() const { return backend_ == "sqlite"; }
  const std::filesystem::path& folder() const { return temp_.path(); }

  std::unique_ptr<store::TraceStore> open() const {
    if (sqlite()) return store::open_sqlite_trace_store(temp_.path());
    return store::postgres::open_pg_trace_store(conninfo_);
  }

  // SQLite's own connection to the file (for the SQLite-only checks).
  store::Connection sqlite_connection() const {
    return store::Connection(temp_.path() / "reinforge.db");
  }

  int64_t single_int(const std::string& sql) {
    if (sqlite()) {
      auto connection = sqlite_connection();
      auto statement = connection.prepare(sql);
      return statement.step() ? statement.column_int(0) : -1;
    }
    store::postgres::PgConnection connection(conninfo_);
    auto rows = connection.exec(sql);
    return rows.rows() ? rows.int_at(0, 0) : -1;
  }

  // A rollup's rows ("hourly" or "daily") in key order.
  std::vector<RollupRow> rollup(const std::string& level) {
    std::string sql =
        "SELECT bucket, model_requested, model, provider, gateway_key_id, status, endpoint, calls, "
        "prompt_tokens, completion_tokens, cached_tokens, reasoning_tokens, latency_histogram FROM "
        "trace_rollups_" +
        level;
    std::vector<RollupRow> rows;
    if (sqlite()) {
      auto connection = sqlite_connection();
      auto statement = connection.prepare(sql);
      while (statement.step()) {
        RollupRow row{statement.column_int(0),
                      statement.column_text(1),
                      statement.column_text(2),
                      statement.column_text(3),
                      statement.column_int(4),
                      statement.column_int(5),
                      statement.column_text(6),
                      statement.column_int(7),
                      statement.column_int(8),
                      statement.column_int(9),
                      statement.column_int(10),
                      statement.column_int(11),
                      {}};
        auto histogram = store::LatencyHistogram::decode(statement.column_text_view(12));
        EXPECT_TRUE(histogram);
        if (histogram) row.latency = histogram->buckets();
        rows.push_back(std::move(row));
      }
    } else {
      store::postgres::PgConnection connection(conninfo_);
      auto result = connection.exec(sql);
      for (int i = 0; i < result.rows(); ++i) {
        rows.push_back(
            {result.int_at(i, 0), result.text_at(i, 1), result.text_at(i, 2), result.text_at(i, 3),
             result.int_at(i, 4), result.int_at(i, 5), result.text_at(i, 6), result.int_at(i, 7),
             result.int_at(i, 8), result.int_at(i, 9), result.int_at(i, 10), result.int_at(i, 11),
             store::postgres::pg_trace_rollups::histogram_from_text(result.text_at(i, 12))
                 .buckets()});
      }
    }
    std::sort(rows.begin(), rows.end());
    return rows;
  }

  // The checks pruning and writing must keep true.
  void expect_consistent() {
    if (sqlite()) {
      auto connection = sqlite_connection();
      auto integrity = connection.prepare("PRAGMA integrity_check");
      ASSERT_TRUE(integrity.step());
      EXPECT_EQ(integrity.column_text(0), "ok");
      integrity.reset();
      // rank 1: checked against the content table too, which FTS5 skips otherwise for an
      // external content table.
      EXPECT_NO_THROW(
          connection
              .prepare("INSERT INTO traces_fts(traces_fts, rank) VALUES ('integrity-check', 1)")
              .execute());
      EXPECT_EQ(single_int("SELECT count(*) FROM traces_fts_docsize"),
                single_int("SELECT count(*) FROM traces"));
    }
    EXPECT_EQ(
        single_int(
            "SELECT count(*) FROM trace_tags WHERE trace_seq NOT IN (SELECT seq FROM traces)"),
        0);
    // What trace_space should hold: the stored text of the traces there are, summed anew.
    std::string bytes = sqlite() ? "length(CAST(x AS BLOB))" : "octet_length(x)";
    auto of = [&](const std::string& column) {
      std::string text = bytes;
      return text.replace(text.find('x'), 1, column);
    };
    EXPECT_EQ(single_int("SELECT bytes FROM trace_space"),
              single_int("SELECT coalesce(sum(" + of("request_json") + " + coalesce(" +
                         of("response_json") + ", 0) + coalesce(" + of("conversation_json") +
                         ", 0) + coalesce(" + of("error") + ", 0) + " + of("tags_json") +
                         "), 0) FROM traces"));
  }

  // A dataset with records made from these traces (what a pull leaves out). PostgreSQL's
  // datasets and records come with the main store's port: written directly until then.
  int64_t dataset_with_records_from(const std::string& name,
                                    const std::vector<std::string>& trace_ids) {
    if (sqlite()) {
      auto main_store = store::open_sqlite_store(temp_.path());
      auto dataset = main_store->create_dataset(name, "");
      std::vector<store::NewRecord> records;
      for (const auto& id : trace_ids) {
        store::NewRecord record;
        record.text = R"({"messages":[{"role":"user","content":"hi"}]})";
        record.origin = "trace";
        record.valid = true;
        record.content_hash = std::hash<std::string>{}(id);
        record.trace_id = id;
        records.push_back(record);
      }
      if (!records.empty()) main_store->insert_records(dataset.id, records);
      return dataset.id;
    }
    store::postgres::PgConnection connection(conninfo_);
    int64_t id = connection
                     .exec(
                         "INSERT INTO datasets (name, created_at, updated_at) VALUES ($1, 0, 0) "
                         "RETURNING id",
                         {name})
                     .int_at(0, 0);
    for (const auto& trace_id : trace_ids) {
      connection.exec(
          "INSERT INTO records (dataset_id, origin, valid, content_hash, updated_at, text, "
          "trace_id) "
          "VALUES ($1, 'trace', true, 0, 0, '{}', $2)",
          {store::postgres::PgValue(std::in_place_type<int64_t>, id), trace_id});
    }
    return id;
  }

 private:
  std::string backend_;
  TempDir temp_;
  std::string conninfo_;
};

inline std::string trace_backend_name(const ::testing::TestParamInfo<std::string>& info) {
  return info.param;
}

}  // namespace reinforge::testing
