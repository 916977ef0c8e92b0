// Record search finds exactly the records whose text holds the words, whatever was added,
// re-worded, deleted or copied before: on SQLite the index is a file of its own filled behind the
// store's writes (store/sqlite_record_search.hpp), on PostgreSQL a column written with the row.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <set>
#include <sstream>
#include <string>
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

// Every page of the filter, by cursor; fails the test when a search answered before its index
// had taken in the changes made before it.
std::vector<int64_t> all_ids(Store& store, int64_t dataset_id, RecordFilter filter) {
  filter.limit = 500;
  std::vector<int64_t> ids;
  for (;;) {
    auto page = store.list_records(dataset_id, filter);
    EXPECT_FALSE(page.search_catching_up);
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
}

INSTANTIATE_TEST_SUITE_P(Backends, RecordSearchIndexTest, reinforge::testing::kStoreBackends,
                         reinforge::testing::backend_test_name);

int64_t search_total(Store& store, int64_t dataset_id, const std::string& words) {
  RecordFilter search;
  search.text_query = words;
  auto page = store.list_records(dataset_id, search);
  EXPECT_FALSE(page.search_catching_up);
  return page.total;
}

std::vector<NewRecord> texts(const std::string& word, int count) {
  std::vector<NewRecord> records;
  for (int n = 0; n < count; ++n)
    records.push_back(record_with_text(word + " number" + std::to_string(n)));
  return records;
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
  int64_t one_dataset = 0;
  {
    auto store = open_sqlite_store(one.path());
    one_dataset = store->create_dataset("d", "").id;
    store->insert_records(one_dataset, texts("alpha", 40));
    ASSERT_EQ(search_total(*store, one_dataset, "alpha"), 40);
  }
  for (const char* suffix : {"", "-wal", "-shm"})
    std::filesystem::remove(one.path() / (std::string(kRecordSearchFile) + suffix));
  {
    auto store = open_sqlite_store(one.path());
    EXPECT_EQ(search_total(*store, one_dataset, "alpha"), 40);
  }

  int64_t other_dataset = 0;
  {
    auto store = open_sqlite_store(other.path());
    other_dataset = store->create_dataset("d", "").id;
    store->insert_records(other_dataset, texts("beta", 40));
    ASSERT_EQ(search_total(*store, other_dataset, "beta"), 40);
  }
  // The first store's index (same ids, other texts) copied over the second's.
  std::filesystem::copy_file(one.path() / kRecordSearchFile, other.path() / kRecordSearchFile,
                             std::filesystem::copy_options::overwrite_existing);
  for (const char* suffix : {"-wal", "-shm"})
    std::filesystem::remove(other.path() / (std::string(kRecordSearchFile) + suffix));
  auto store = open_sqlite_store(other.path());
  EXPECT_EQ(search_total(*store, other_dataset, "beta"), 40);
  EXPECT_EQ(search_total(*store, other_dataset, "alpha"), 0);
}

}  // namespace
}  // namespace reinforge::store
