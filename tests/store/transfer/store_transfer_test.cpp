// reinforge migrate's copy (store/transfer/): a SQLite store with rows of every kind to
// PostgreSQL and back, read through the store interfaces on each side.
#include "store/transfer/store_transfer.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "store/postgres/pg_connection.hpp"
#include "store/sqlite_connection.hpp"
#include "store/sqlite_record_search.hpp"
#include "support/postgres_server.hpp"
#include "support/temp_dir.hpp"
#include "transfer/filled_store.hpp"

namespace reinforge::store::transfer {
namespace {

using reinforge::testing::fill_every_kind;
using reinforge::testing::open_stores;
using reinforge::testing::pg_location;
using reinforge::testing::sqlite_location;
using reinforge::testing::store_answers;

// Copies and compares; every table must match.
std::vector<std::string> migrate(const StoreLocation& from, const StoreLocation& to,
                                 bool force = false) {
  std::ostringstream progress;
  StoreTransfer transfer(from, to, progress);
  EXPECT_TRUE(transfer.plan().notes.empty()) << transfer.plan().notes.front();
  auto derived = transfer.copy(force);
  for (const auto& table : transfer.verify()) {
    EXPECT_TRUE(table.matches()) << table.table << ": " << table.source_rows << " rows, "
                                 << table.target_rows << " copied";
  }
  EXPECT_NE(progress.str().find("records: "), std::string::npos);
  return derived;
}

int64_t sqlite_int(const std::filesystem::path& dir, const std::string& sql) {
  Connection connection(dir / "reinforge.db");
  auto statement = connection.prepare(sql);
  return statement.step() ? statement.column_int(0) : -1;
}

// SQLite's full-text indexes agree with their tables (rank 1: checked against the content). The
// records' index, in its own file, keeps no content: one entry per record, well formed.
void expect_search_indexes_whole(const std::filesystem::path& dir) {
  Connection connection(dir / "reinforge.db");
  EXPECT_NO_THROW(
      connection.prepare("INSERT INTO traces_fts(traces_fts, rank) VALUES ('integrity-check', 1)")
          .execute());
  Connection records_index(dir / kRecordSearchFile);
  EXPECT_NO_THROW(
      records_index.prepare("INSERT INTO records_fts(records_fts) VALUES ('integrity-check')")
          .execute());
  auto indexed = records_index.prepare("SELECT count(*) FROM records_fts_docsize");
  ASSERT_TRUE(indexed.step());
  EXPECT_EQ(indexed.column_int(0), sqlite_int(dir, "SELECT count(*) FROM records"));
}

TEST(StoreTransferTest, copies_every_kind_of_row_to_postgresql_and_back) {
  reinforge::testing::TempDir source_dir, back_dir;
  fill_every_kind(source_dir.path());
  auto source = sqlite_location(source_dir.path());
  auto postgres = pg_location(reinforge::testing::shared_postgres_server().create_database());
  auto back = sqlite_location(back_dir.path() / "data");
  auto expected = store_answers(source);
  ASSERT_GT(expected.size(), 60u);

  auto derived = migrate(source, postgres);
  EXPECT_EQ(store_answers(postgres), expected);
  migrate(postgres, back);
  EXPECT_EQ(store_answers(back), expected);
  expect_search_indexes_whole(back.data_dir);

  // New rows get ids past every id the source drew, deleted ones included.
  for (const auto& location : {postgres, back}) {
    SCOPED_TRACE(location.describe());
    auto stores = open_stores(location);
    auto& main = *stores.main;
    auto dataset = main.create_dataset("after the move", "");
    EXPECT_EQ(dataset.id, 3);
    main.insert_records(dataset.id,
                        std::vector<NewRecord>{reinforge::testing::new_record("{}", true, 1)});
    EXPECT_EQ(main.list_records(dataset.id, {}).items.at(0).id, 5);
    GenerationRun run;
    run.dataset_id = dataset.id;
    run.model = "small";
    EXPECT_EQ(main.create_generation_run(run).id, 3);  // 2 was deleted in the source
    EXPECT_EQ(stores.access->create_user("new", "viewer", "").id, 3);  // 2 was removed
    Trace trace;
    trace.id = "tr_new";
    trace.endpoint = "chat.completions";
    trace.request_json = "{}";
    stores.traces->insert_traces(std::vector<Trace>{trace});
    EXPECT_EQ(stores.traces->find_trace("tr_new")->seq, 41);
    auto runs = stores.training->list_runs(1);
    auto metrics = stores.training->append_metrics(runs.at(0).id,
                                                   std::vector<TrainingMetric>{{0, 0, 1, "{}"}});
    EXPECT_EQ(metrics.at(0).seq, 3);
    EXPECT_EQ(stores.deployments->routes_version(), 1);
  }
}

TEST(StoreTransferTest, refuses_a_target_holding_data_unless_forced_and_then_replaces_it) {
  reinforge::testing::TempDir source_dir;
  fill_every_kind(source_dir.path());
  auto source = sqlite_location(source_dir.path());
  auto postgres = pg_location(reinforge::testing::shared_postgres_server().create_database());
  open_stores(postgres).main->create_dataset("already here", "");

  std::ostringstream progress;
  {
    StoreTransfer transfer(source, postgres, progress);
    try {
      transfer.copy(false);
      FAIL() << "copied into a target holding data";
    } catch (const TargetNotEmpty& error) {
      EXPECT_EQ(error.tables, std::vector<std::string>{"datasets"});
      EXPECT_NE(std::string(error.what()).find("--force"), std::string::npos);
    }
  }
  EXPECT_TRUE(open_stores(postgres).main->find_dataset_by_name("already here"));

  migrate(source, postgres, true);
  EXPECT_FALSE(open_stores(postgres).main->find_dataset_by_name("already here"));
  EXPECT_EQ(store_answers(postgres), store_answers(source));
  // Forced again over a full target (SQLite this time): the same answers.
  reinforge::testing::TempDir back_dir;
  auto back = sqlite_location(back_dir.path());
  migrate(postgres, back);
  migrate(postgres, back, true);
  EXPECT_EQ(store_answers(back), store_answers(source));
  expect_search_indexes_whole(back.data_dir);
}

TEST(StoreTransferTest, reports_a_table_changed_between_the_copy_and_the_comparison) {
  reinforge::testing::TempDir source_dir;
  fill_every_kind(source_dir.path());
  auto conninfo = reinforge::testing::shared_postgres_server().create_database();
  std::ostringstream progress;
  StoreTransfer transfer(sqlite_location(source_dir.path()), pg_location(conninfo), progress);
  transfer.copy(false);
  postgres::PgConnection(conninfo).exec("UPDATE records SET preview = preview || '!' WHERE id = 2");
  postgres::PgConnection(conninfo).exec("DELETE FROM trace_tags WHERE tag = 'eu'");
  std::vector<std::string> differing;
  for (const auto& table : transfer.verify()) {
    if (!table.matches()) differing.push_back(table.table);
    if (table.table == "records") {
      EXPECT_EQ(table.target_rows, table.source_rows);
      EXPECT_NE(table.target_checksum, table.source_checksum);
    }
    if (table.table == "trace_tags") {
      EXPECT_EQ(table.target_rows, table.source_rows - 1);
    }
  }
  EXPECT_EQ(differing, (std::vector<std::string>{"records", "trace_tags"}));
}

// PostgreSQL's TEXT cannot hold invalid UTF-8 or NUL: the copy stores U+FFFD for each such byte
// (docs/postgresql.md) and the comparison counts that as equal.
TEST(StoreTransferTest, text_postgresql_cannot_hold_arrives_with_replacement_characters) {
  reinforge::testing::TempDir source_dir, back_dir;
  auto source = sqlite_location(source_dir.path());
  {
    auto main = open_sqlite_store(source_dir.path());
    auto dataset = main->create_dataset("broken", "");
    main->insert_records(dataset.id, std::vector<NewRecord>{reinforge::testing::new_record(
                                         std::string("caf\xE9 \xFF\xFE ok\0end", 14), false, 1)});
  }
  auto postgres = pg_location(reinforge::testing::shared_postgres_server().create_database());
  migrate(source, postgres);
  const std::string replaced =
      "caf\xEF\xBF\xBD \xEF\xBF\xBD\xEF\xBF\xBD ok\xEF\xBF\xBD"
      "end";
  EXPECT_EQ(open_stores(postgres).main->get_record(1, 1)->text, replaced);
  auto back = sqlite_location(back_dir.path());
  migrate(postgres, back);
  EXPECT_EQ(open_stores(back).main->get_record(1, 1)->text, replaced);
}

TEST(StoreTransferTest, refuses_a_source_directory_without_a_store) {
  reinforge::testing::TempDir empty;
  std::ostringstream progress;
  auto postgres = pg_location(reinforge::testing::shared_postgres_server().create_database());
  EXPECT_THROW(StoreTransfer(sqlite_location(empty.path() / "typo"), postgres, progress),
               std::runtime_error);
  EXPECT_FALSE(std::filesystem::exists(empty.path() / "typo"));
  EXPECT_THROW(StoreTransfer(postgres, postgres, progress), std::runtime_error);
}

TEST(StoreTransferTest, refuses_a_store_written_by_a_newer_reinforge) {
  reinforge::testing::TempDir source_dir, target_dir;
  fill_every_kind(source_dir.path());
  Connection(source_dir.path() / "reinforge.db").execute_script("PRAGMA user_version = 999");
  std::ostringstream progress;
  try {
    StoreTransfer(sqlite_location(source_dir.path()), sqlite_location(target_dir.path()), progress);
    FAIL() << "a newer schema was read";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("newer than this Reinforge knows"), std::string::npos)
        << error.what();
  }
}

// Between two stores of one kind values are copied as they are stored.
TEST(StoreTransferTest, copies_between_two_sqlite_stores_too) {
  reinforge::testing::TempDir source_dir, target_dir;
  fill_every_kind(source_dir.path());
  migrate(sqlite_location(source_dir.path()), sqlite_location(target_dir.path()));
  EXPECT_EQ(store_answers(sqlite_location(target_dir.path())),
            store_answers(sqlite_location(source_dir.path())));
}

}  // namespace
}  // namespace reinforge::store::transfer
