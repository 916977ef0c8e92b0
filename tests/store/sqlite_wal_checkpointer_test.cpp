#include "store/sqlite_wal_checkpointer.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

#include "store/sqlite_connection.hpp"
#include "support/temp_dir.hpp"

namespace reinforge::store {
namespace {

// Commits `transactions` of about 4 MiB each (1,000 pages: each one asks for a checkpoint).
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

}  // namespace
}  // namespace reinforge::store
