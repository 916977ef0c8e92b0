// Record search finds exactly the records whose text holds the words, whatever was added,
// re-worded, deleted or copied before: on SQLite the index is a file of its own filled behind the
// store's writes (store/sqlite_record_search.hpp), on PostgreSQL a column written with the row.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "store/sqlite_record_search.hpp"
#include "store/store.hpp"
#include "store_backends.hpp"
#include "support/postgres_server.hpp"
#include "support/temp_dir.hpp"

namespace reinforge::store {
namespace {

NewRecord record_with_text(const std::string& text) {
  NewRecord record;
  record.text = text;
  record.preview = text;
  record.content_hash = std::hash<std::string>{}(text);
  return record;
}

bool has_word(const std::string& text, const std::string& word) {
  std::istringstream words(text);
  std::string each;
  while (words >> each) {
    if (each == word) return true;
  }
  return false;
}

// A search's first page once the index has taken in every change made before it (a search
// waits a second for that; a loaded test machine may need more). Fails the test when it never does.
RecordPage caught_up_page(Store& store, int64_t dataset_id, const RecordFilter& filter) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  auto page = store.list_records(dataset_id, filter);
  while (page.search_catching_up && std::chrono::steady_clock::now() < deadline)
    page = store.list_records(dataset_id, filter);
  EXPECT_FALSE(page.search_catching_up) << "the search index never caught up";
  return page;
}

// Every page of the filter, by cursor.
std::vector<int64_t> all_ids(Store& store, int64_t dataset_id, RecordFilter filter) {
  filter.limit = 500;
  std::vector<int64_t> ids;
  for (;;) {
    auto page = caught_up_page(store, dataset_id, filter);
    for (const auto& item : page.items) ids.push_back(item.id);
    if (!page.more) break;
    filter.after_id = page.items.back().id;
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

// The ids of the dataset's records whose text holds `word`, read record by record.
std::vector<int64_t> ids_holding(Store& store, int64_t dataset_id, const std::string& word) {
  std::vector<int64_t> ids;
  for (int64_t id : all_ids(store, dataset_id, {})) {
    if (has_word(store.get_record(dataset_id, id)->text, word)) ids.push_back(id);
  }
  return ids;
}

// What the SQLite index file holds, read with a connection of the test's own.
struct IndexFile {
  int64_t documents = 0;
  std::string integrity;
};

IndexFile read_index_file(const std::filesystem::path& data_dir) {
  sqlite3* db = nullptr;
  IndexFile file;
  EXPECT_EQ(sqlite3_open((data_dir / kRecordSearchFile).c_str(), &db), SQLITE_OK);
  sqlite3_stmt* count = nullptr;
  sqlite3_prepare_v2(db, "SELECT count(*) FROM records_fts_docsize", -1, &count, nullptr);
  if (sqlite3_step(count) == SQLITE_ROW) file.documents = sqlite3_column_int64(count, 0);
  sqlite3_finalize(count);
  char* error = nullptr;
  sqlite3_exec(db, "INSERT INTO records_fts(records_fts) VALUES ('integrity-check')", nullptr,
               nullptr, &error);
  file.integrity = error ? error : "ok";
  sqlite3_free(error);
  sqlite3_close(db);
  return file;
}

std::vector<int64_t> ids_from(sqlite3* db, const char* sql, const std::string& word) {
  sqlite3_stmt* statement = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql, -1, &statement, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  sqlite3_bind_text(statement, 1, word.c_str(), -1, SQLITE_TRANSIENT);
  std::vector<int64_t> ids;
  while (sqlite3_step(statement) == SQLITE_ROW) ids.push_back(sqlite3_column_int64(statement, 0));
  sqlite3_finalize(statement);
  std::sort(ids.begin(), ids.end());
  return ids;
}

// The index file itself, not through a search: each word's entries are exactly the records that
// hold it now. A deleted record left in the index (invisible to a search until its id comes
// back) or words a delete failed to take out show here.
void expect_index_equals_records(const std::filesystem::path& data_dir,
                                 const std::vector<std::string>& words) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((data_dir / "reinforge.db").c_str(), &db), SQLITE_OK);
  sqlite3_stmt* attach = nullptr;
  sqlite3_prepare_v2(db, "ATTACH DATABASE ? AS search", -1, &attach, nullptr);
  sqlite3_bind_text(attach, 1, (data_dir / kRecordSearchFile).c_str(), -1, SQLITE_TRANSIENT);
  EXPECT_EQ(sqlite3_step(attach), SQLITE_DONE);
  sqlite3_finalize(attach);
  for (const auto& word : words) {
    auto indexed =
        ids_from(db, "SELECT rowid FROM search.records_fts WHERE records_fts MATCH ?", word);
    std::vector<int64_t> holding;
    sqlite3_stmt* records = nullptr;
    sqlite3_prepare_v2(db, "SELECT id, text FROM records", -1, &records, nullptr);
    while (sqlite3_step(records) == SQLITE_ROW) {
      std::string text = reinterpret_cast<const char*>(sqlite3_column_text(records, 1));
      if (has_word(text, word)) holding.push_back(sqlite3_column_int64(records, 0));
    }
    sqlite3_finalize(records);
    std::sort(holding.begin(), holding.end());
    EXPECT_EQ(indexed, holding) << "\"" << word << "\"";
  }
  sqlite3_close(db);
}

class RecordSearchIndexTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgresql")
      conninfo_ = reinforge::testing::shared_postgres_server().create_database();
    store = reinforge::testing::open_test_store(GetParam(), temp.path(), conninfo_);
  }

  reinforge::testing::TempDir temp;
  std::string conninfo_;
  std::unique_ptr<Store> store;
};

TEST_P(RecordSearchIndexTest, finds_exactly_the_records_holding_the_words_after_random_changes) {
  const std::vector<std::string> vocabulary = {"refund", "invoice", "shipping", "password",
                                               "cancel", "upgrade", "delivery", "receipt"};
  std::mt19937 random(20261207);
  auto pick = [&](size_t n) { return static_cast<size_t>(random() % n); };
  auto text = [&](int n) {
    std::string out = "r" + std::to_string(n);
    for (size_t words = 1 + pick(4); words > 0; --words)
      out += " " + vocabulary[pick(vocabulary.size())];
    return out;
  };
  int next_text = 0;
  std::vector<int64_t> datasets;
  int next_name = 0;
  auto new_dataset = [&] {
    datasets.push_back(store->create_dataset("d" + std::to_string(next_name++), "").id);
  };
  for (int i = 0; i < 3; ++i) new_dataset();

  for (int round = 0; round < 60; ++round) {
    int64_t dataset = datasets[pick(datasets.size())];
    auto ids = all_ids(*store, dataset, {});
    switch (pick(6)) {
      case 0:
      case 1: {  // an import batch
        std::vector<NewRecord> batch;
        for (size_t n = 1 + pick(40); n > 0; --n)
          batch.push_back(record_with_text(text(next_text++)));
        store->insert_records(dataset, batch);
        break;
      }
      case 2:  // re-worded records, some twice in a row (before the index took in the first)
        for (size_t n = 0; n < 3 && !ids.empty(); ++n) {
          int64_t id = ids[pick(ids.size())];
          for (size_t times = 1 + pick(2); times > 0; --times)
            ASSERT_TRUE(store->replace_record(dataset, id, record_with_text(text(next_text++))));
        }
        break;
      case 3:  // records deleted
        if (!ids.empty()) {
          std::vector<int64_t> doomed = {ids[pick(ids.size())], ids.back()};
          store->delete_records(dataset, doomed);
        }
        break;
      case 4:  // the newest dataset deleted and a new one made: on SQLite its ids come back
        ASSERT_TRUE(store->delete_dataset(datasets.back()));
        datasets.pop_back();
        new_dataset();
        break;
      case 5:  // a copy
        if (datasets.size() < 6) {
          datasets.push_back(
              store->duplicate_dataset(dataset, "d" + std::to_string(next_name++)).id);
        } else {
          store->delete_all_records(dataset);
        }
        break;
    }
    if (round % 5 != 4) continue;
    for (int64_t each : datasets) {
      for (const auto& word : {std::string("refund"), std::string("receipt")}) {
        RecordFilter search;
        search.text_query = word;
        EXPECT_EQ(all_ids(*store, each, search), ids_holding(*store, each, word))
            << "round " << round << ", dataset " << each << ", \"" << word << "\"";
      }
    }
  }
  if (GetParam() != "sqlite") return;
  // The index holds one entry per record, each with the words it was given: a delete with
  // other words than the index holds passes the searches above but not FTS5's own check.
  int64_t records = 0;
  for (int64_t each : datasets) records += static_cast<int64_t>(all_ids(*store, each, {}).size());
  store.reset();
  auto file = read_index_file(temp.path());
  EXPECT_EQ(file.documents, records);
  EXPECT_EQ(file.integrity, "ok");
  expect_index_equals_records(temp.path(), vocabulary);
}

INSTANTIATE_TEST_SUITE_P(Backends, RecordSearchIndexTest, reinforge::testing::kStoreBackends,
                         reinforge::testing::backend_test_name);

int64_t search_total(Store& store, int64_t dataset_id, const std::string& words) {
  RecordFilter search;
  search.text_query = words;
  return caught_up_page(store, dataset_id, search).total;
}

std::vector<NewRecord> texts(const std::string& word, int count) {
  std::vector<NewRecord> records;
  for (int n = 0; n < count; ++n)
    records.push_back(record_with_text(word + " number" + std::to_string(n)));
  return records;
}

// A SQLite store in `dir` with one dataset of `count` records holding `word`, all searchable
// before the store closes; the dataset's id.
int64_t store_with_searchable(const std::filesystem::path& dir, const std::string& word,
                              int count) {
  auto store = open_sqlite_store(dir);
  int64_t dataset_id = store->create_dataset("d", "").id;
  store->insert_records(dataset_id, texts(word, count));
  EXPECT_EQ(search_total(*store, dataset_id, word), count);
  return dataset_id;
}

TEST(SqliteRecordSearchIndex, holds_one_entry_per_record_and_passes_its_integrity_check) {
  reinforge::testing::TempDir temp;
  {
    auto store = open_sqlite_store(temp.path());
    auto dataset = store->create_dataset("d", "");
    store->insert_records(dataset.id, texts("alpha", 300));
    auto ids = all_ids(*store, dataset.id, {});
    store->delete_records(dataset.id, std::vector<int64_t>(ids.begin(), ids.begin() + 100));
    ASSERT_TRUE(store->replace_record(dataset.id, ids[200], record_with_text("beta gamma")));
    EXPECT_EQ(search_total(*store, dataset.id, "alpha"), 199);
    EXPECT_EQ(search_total(*store, dataset.id, "gamma"), 1);
  }
  auto file = read_index_file(temp.path());
  EXPECT_EQ(file.documents, 200);
  EXPECT_EQ(file.integrity, "ok");
}

TEST(SqliteRecordSearchIndex,
     a_batch_bigger_than_a_step_changed_while_it_is_indexed_is_searched_exactly) {
  reinforge::testing::TempDir temp;
  const int kRecords = static_cast<int>(RecordSearchIndexer::kRecordsPerStep) * 2 + 500;
  {
    auto store = open_sqlite_store(temp.path());
    auto dataset = store->create_dataset("big", "");
    store->insert_records(dataset.id, texts("alpha", kRecords));
    auto ids = all_ids(*store, dataset.id, {});  // not a search: the index has not started
    ASSERT_EQ(ids.size(), static_cast<size_t>(kRecords));
    // Changes to records in every part of the batch, made as the index goes through it in
    // steps (it starts once the writes have paused for a second): re-worded, deleted, and the
    // newest ids deleted and taken again by a new batch.
    constexpr int kRounds = 4;
    for (int round = 0; round < kRounds; ++round) {
      for (size_t at : {size_t{10}, ids.size() / 2, ids.size() - 700}) {
        int64_t id = ids[at + static_cast<size_t>(round)];
        ASSERT_TRUE(store->replace_record(dataset.id, id,
                                          record_with_text("beta round" + std::to_string(round))));
      }
      store->delete_records(dataset.id,
                            std::vector<int64_t>{ids[100 + static_cast<size_t>(round)]});
      std::vector<int64_t> newest(ids.end() - 50, ids.end());
      store->delete_records(dataset.id, newest);
      store->insert_records(dataset.id, texts("gamma", 50));
      ids = all_ids(*store, dataset.id, {});
      // Past the indexer's second of quiet, into its first steps through the batch.
      std::this_thread::sleep_for(std::chrono::milliseconds(1300));
    }
    EXPECT_EQ(search_total(*store, dataset.id, "gamma"), 50);
    EXPECT_EQ(search_total(*store, dataset.id, "beta"), 3 * kRounds);
  }
  // "alpha": the search's total stops counting at 10,000; the index file holds every one.
  expect_index_equals_records(temp.path(), {"alpha", "beta", "gamma", "round3"});
}

TEST(SqliteRecordSearchIndex, an_index_ahead_of_a_store_that_lost_its_last_commits_is_rebuilt) {
  reinforge::testing::TempDir temp;
  int64_t dataset_id = store_with_searchable(temp.path(), "alpha", 30);
  // As if reinforge.db lost its last commit (power lost with synchronous=NORMAL) and the store
  // then made another change under the same log number: the records say "beta", the log's last
  // change is another one, and nothing logged the difference.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((temp.path() / "reinforge.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "UPDATE record_search_changes SET token = token + 1 WHERE seq = "
                         "(SELECT MAX(seq) FROM record_search_changes);"
                         "DROP TRIGGER record_search_on_reword;"
                         "UPDATE records SET text = replace(text, 'alpha', 'beta');",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto store = open_sqlite_store(temp.path());
  EXPECT_EQ(search_total(*store, dataset_id, "beta"), 30);
  EXPECT_EQ(search_total(*store, dataset_id, "alpha"), 0);
}

TEST(SqliteRecordSearchIndex, ids_that_come_back_are_searched_by_their_new_text) {
  reinforge::testing::TempDir temp;
  auto store = open_sqlite_store(temp.path());
  auto first = store->create_dataset("first", "");
  store->insert_records(first.id, texts("alpha", 50));
  ASSERT_EQ(search_total(*store, first.id, "alpha"), 50);
  auto first_ids = all_ids(*store, first.id, {});
  ASSERT_TRUE(store->delete_dataset(first.id));

  auto second = store->create_dataset("second", "");
  store->insert_records(second.id, texts("beta", 50));
  ASSERT_EQ(all_ids(*store, second.id, {}), first_ids);  // SQLite gave the same ids again
  EXPECT_EQ(search_total(*store, second.id, "beta"), 50);
  EXPECT_EQ(search_total(*store, second.id, "alpha"), 0);
}

TEST(SqliteRecordSearchIndex, a_missing_or_foreign_index_file_is_rebuilt_from_the_records) {
  reinforge::testing::TempDir one;
  reinforge::testing::TempDir other;
  int64_t one_dataset = store_with_searchable(one.path(), "alpha", 40);
  for (const char* suffix : {"", "-wal", "-shm"})
    std::filesystem::remove(one.path() / (std::string(kRecordSearchFile) + suffix));
  {
    auto store = open_sqlite_store(one.path());
    EXPECT_EQ(search_total(*store, one_dataset, "alpha"), 40);
  }

  int64_t other_dataset = store_with_searchable(other.path(), "beta", 40);
  // The first store's index (same ids, other texts) copied over the second's.
  std::filesystem::copy_file(one.path() / kRecordSearchFile, other.path() / kRecordSearchFile,
                             std::filesystem::copy_options::overwrite_existing);
  for (const char* suffix : {"-wal", "-shm"})
    std::filesystem::remove(other.path() / (std::string(kRecordSearchFile) + suffix));
  auto store = open_sqlite_store(other.path());
  EXPECT_EQ(search_total(*store, other_dataset, "beta"), 40);
  EXPECT_EQ(search_total(*store, other_dataset, "alpha"), 0);
}

// An index an earlier version built holds each record's raw line (its keys, its \u escapes):
// it is built again from what the search now reads.
TEST(SqliteRecordSearchIndex, an_index_of_raw_lines_from_an_earlier_version_is_rebuilt) {
  reinforge::testing::TempDir temp;
  const std::string line = R"({"content":"caf\u00e9 alpha"})";
  int64_t dataset_id = 0;
  int64_t record_id = 0;
  {
    auto store = open_sqlite_store(temp.path());
    dataset_id = store->create_dataset("d", "").id;
    std::vector<NewRecord> batch = {record_with_text(line)};
    store->insert_records(dataset_id, batch);
    ASSERT_EQ(search_total(*store, dataset_id, "alpha"), 1);
    record_id = all_ids(*store, dataset_id, {}).at(0);
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((temp.path() / kRecordSearchFile).c_str(), &db), SQLITE_OK);
  const std::string as_before =
      "INSERT INTO records_fts(records_fts) VALUES ('delete-all');"
      "INSERT INTO records_fts(rowid, text) VALUES (" +
      std::to_string(record_id) + ", '" + line + "');PRAGMA user_version=1;";
  ASSERT_EQ(sqlite3_exec(db, as_before.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto store = open_sqlite_store(temp.path());
  EXPECT_EQ(search_total(*store, dataset_id, "café"), 1);
  EXPECT_EQ(search_total(*store, dataset_id, "content"), 0);
  EXPECT_EQ(search_total(*store, dataset_id, "alpha"), 1);
}

}  // namespace
}  // namespace reinforge::store
