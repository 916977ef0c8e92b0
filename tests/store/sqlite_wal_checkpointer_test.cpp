#include "store/sqlite_wal_checkpointer.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <thread>
#include <utility>

#include "store/sqlite_connection.hpp"
#include "support/temp_dir.hpp"

namespace reinforge::store {
namespace {

// Commits `transactions` of about 4 MiB each (each one takes the log past the hook's 4 MB and
// asks for a checkpoint).
void write_4mib_transactions(Connection& connection, int transactions) {
  const std::string blob(64 * 1024, 'x');
  for (int t = 0; t < transactions; ++t) {
    Transaction transaction(connection);
    for (int i = 0; i < 64; ++i)
      connection.prepare("INSERT INTO blobs(data) VALUES (?)").bind_blob(1, blob).execute();
    transaction.commit();
  }
}

TEST(WalCheckpointer, copies_committed_pages_into_the_database) {
  testing::TempDir dir;
  auto file = dir / "test.db";
  Connection connection(file);
  connection.execute_script("CREATE TABLE blobs(id INTEGER PRIMARY KEY, data BLOB NOT NULL)");
  connection.checkpoint_in_background();
  write_4mib_transactions(connection, 2);
  // Until a checkpoint copies them, the pages are in the log only.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::filesystem::file_size(file) < 8u * 1024 * 1024 &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_GE(std::filesystem::file_size(file), 8u * 1024 * 1024);
}

TEST(WalCheckpointer, keeps_the_log_from_growing_by_the_whole_of_a_long_write) {
  testing::TempDir dir;
  auto file = dir / "test.db";
  Connection connection(file);
  connection.execute_script("CREATE TABLE blobs(id INTEGER PRIMARY KEY, data BLOB NOT NULL)");
  connection.checkpoint_in_background();
  write_4mib_transactions(connection, 24);  // 96 MiB
  auto log = std::filesystem::path(file.string() + "-wal");
  // The writer catches up past 64 MiB of log, so it starts over: at most that and one transaction.
  EXPECT_LE(std::filesystem::file_size(log), 72u * 1024 * 1024);
  auto rows = connection.prepare("SELECT COUNT(*) FROM blobs");
  ASSERT_TRUE(rows.step());
  EXPECT_EQ(rows.column_int(0), 24 * 64);
}

int64_t page_size(Connection& connection) {
  auto statement = connection.prepare("PRAGMA page_size");
  EXPECT_TRUE(statement.step());
  return statement.column_int(0);
}

// A new store gets 16 KiB pages; one made before keeps its 4 KiB. Either way the log is copied
// back once it holds 4 MB (a count of pages would wait for 16 MB with the larger pages).
TEST(WalCheckpointer, a_new_database_has_16_kib_pages_and_both_sizes_checkpoint_after_4_mb) {
  testing::TempDir dir;
  {
    sqlite3* made_before = nullptr;
    ASSERT_EQ(sqlite3_open((dir / "old.db").c_str(), &made_before), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(made_before,
                           "PRAGMA page_size=4096; PRAGMA journal_mode=WAL; CREATE TABLE t(x)",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(made_before);
  }
  for (auto [name, expected_page_size] : {std::pair{"old.db", 4096}, std::pair{"new.db", 16384}}) {
    auto file = dir / name;
    Connection connection(file);
    EXPECT_EQ(page_size(connection), expected_page_size) << name;
    connection.execute_script("CREATE TABLE blobs(id INTEGER PRIMARY KEY, data BLOB NOT NULL)");
    write_4mib_transactions(connection, 1);
    write_4mib_transactions(connection, 1);
    // Without a checkpointer thread the commit hook copies the log itself, before returning.
    EXPECT_GE(std::filesystem::file_size(file), 4u * 1024 * 1024) << name;
  }
}

}  // namespace
}  // namespace reinforge::store
