// The records list's keyset pages, newest-first search and capped total, on both backends
// (sqlite_record_pages.cpp, postgres/pg_record_pages.cpp).
#include <gtest/gtest.h>

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "store/store.hpp"
#include "store_backends.hpp"
#include "support/postgres_server.hpp"
#include "support/temp_dir.hpp"

namespace reinforge::store {
namespace {

using reinforge::testing::test_record;

// Every fourth record is invalid with an issue code, every third holds "refund".
NewRecord numbered(int n) {
  std::string text = "record " + std::to_string(n) + (n % 3 == 0 ? " refund please" : " hello");
  return n % 4 == 0 ? test_record(text, false, {{"invalid_json", true}}) : test_record(text);
}

class RecordPagesTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgresql")
      conninfo_ = reinforge::testing::shared_postgres_server().create_database();
    store = reinforge::testing::open_test_store(GetParam(), temp.path(), conninfo_);
  }

  void add(int64_t dataset_id, int from, int count) {
    std::vector<NewRecord> batch;
    for (int n = from; n < from + count; ++n) batch.push_back(numbered(n));
    store->insert_records(dataset_id, batch);
  }

  // Pages through the filter with the keyset cursor, calling `between` after each page; the ids
  // in the order they came.
  std::vector<int64_t> page_through(
      int64_t dataset_id, RecordFilter filter, const std::function<void()>& between = [] {}) {
    std::vector<int64_t> ids;
    for (int pages = 0; pages < 1000; ++pages) {
      auto page = store->list_records(dataset_id, filter);
      for (const auto& item : page.items) ids.push_back(item.id);
      if (!page.more) return ids;
      EXPECT_FALSE(page.items.empty());
      filter.after_id = page.items.back().id;
      between();
    }
    ADD_FAILURE() << "the pages never ended";
    return ids;
  }

  std::vector<int64_t> all_ids(int64_t dataset_id, RecordFilter filter) {
    filter.limit = 1000;
    std::vector<int64_t> ids;
    for (const auto& item : store->list_records(dataset_id, filter).items) ids.push_back(item.id);
    return ids;
  }

  reinforge::testing::TempDir temp;
  std::string conninfo_;
  std::unique_ptr<Store> store;
};

TEST_P(RecordPagesTest, cursor_pages_cover_every_record_once_while_records_arrive) {
  auto dataset = store->create_dataset("arrivals", "");
  add(dataset.id, 0, 60);
  RecordFilter everything, valid, by_issue, search, uncategorized;
  valid.valid = true;
  by_issue.issue_code = "invalid_json";
  search.text_query = "refund";
  uncategorized.topic = "";
  for (auto filter : {everything, valid, by_issue, search, uncategorized}) {
    auto before = all_ids(dataset.id, filter);
    ASSERT_FALSE(before.empty());
    filter.limit = 7;
    int next = 1000;
    auto seen = page_through(dataset.id, filter, [&] {
      add(dataset.id, next, 4);  // new records between every two pages
      next += 4;
    });
    std::set<int64_t> distinct(seen.begin(), seen.end());
    EXPECT_EQ(distinct.size(), seen.size()) << "a record came twice";
    for (int64_t id : before) EXPECT_TRUE(distinct.count(id)) << "record " << id << " was skipped";
    if (filter.text_query) {
      EXPECT_TRUE(std::is_sorted(seen.rbegin(), seen.rend()));  // newest match first
      EXPECT_EQ(seen, before);  // new records come before the first page, not into later ones
    } else {
      EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));  // import order
      EXPECT_GT(seen.size(), before.size());  // records added after the cursor come in later pages
    }
  }
}

TEST_P(RecordPagesTest, records_deleted_between_pages_leave_no_gap) {
  auto dataset = store->create_dataset("deletes", "");
  add(dataset.id, 0, 30);
  auto before = all_ids(dataset.id, {});
  RecordFilter filter;
  filter.limit = 5;
  auto first = store->list_records(dataset.id, filter);
  std::vector<int64_t> gone = {first.items.back().id,
                               before[10]};  // the cursor's own row, and one ahead
  store->delete_records(dataset.id, gone);
  filter.after_id = first.items.back().id;
  std::vector<int64_t> seen;
  for (const auto& item : first.items) seen.push_back(item.id);
  for (int64_t id : page_through(dataset.id, filter)) seen.push_back(id);
  std::vector<int64_t> expected;
  for (int64_t id : before) {
    if (id != before[10]) expected.push_back(id);
  }
  EXPECT_EQ(seen, expected);
}

TEST_P(RecordPagesTest, search_pages_are_newest_match_first_with_every_filter) {
  auto dataset = store->create_dataset("search", "");
  add(dataset.id, 0, 90);
  RecordFilter search;
  search.text_query = "refund";
  search.limit = 4;
  auto ids = page_through(dataset.id, search);
  ASSERT_EQ(ids.size(), 30u);
  EXPECT_TRUE(std::is_sorted(ids.rbegin(), ids.rend()));
  EXPECT_EQ(store->list_records(dataset.id, search).items.front().preview,
            "record 87 refund please");

  search.issue_code = "invalid_json";  // multiples of 12
  search.limit = 2;
  std::vector<std::string> previews;
  for (int64_t id : page_through(dataset.id, search))
    previews.push_back(store->get_record(dataset.id, id)->preview);
  EXPECT_EQ(previews,
            (std::vector<std::string>{"record 84 refund please", "record 72 refund please",
                                      "record 60 refund please", "record 48 refund please",
                                      "record 36 refund please", "record 24 refund please",
                                      "record 12 refund please", "record 0 refund please"}));

  search.issue_code.reset();
  search.valid = true;
  search.offset = 2;  // offset pages keep the same order
  search.limit = 3;
  auto by_offset = store->list_records(dataset.id, search);
  ASSERT_EQ(by_offset.items.size(), 3u);
  EXPECT_EQ(by_offset.items[0].preview, "record 78 refund please");  // after 87 and 81
  EXPECT_EQ(by_offset.total, 22);
}

TEST_P(RecordPagesTest, search_finds_only_this_datasets_records_among_another_datasets_matches) {
  auto small = store->create_dataset("small", "");
  auto big = store->create_dataset("big", "");
  add(small.id, 0, 10);  // "refund" in records 0, 3, 6, 9
  std::vector<NewRecord> batch;
  for (int n = 0; n < 500; ++n) batch.push_back(test_record("refund refund " + std::to_string(n)));
  store->insert_records(big.id, batch);
  add(small.id, 10, 5);  // and 12: the small dataset's ids now span the big one's

  RecordFilter search;
  search.text_query = "refund";
  search.limit = 2;
  std::vector<std::string> previews;
  for (int64_t id : page_through(small.id, search))
    previews.push_back(store->get_record(small.id, id)->preview);
  EXPECT_EQ(previews, (std::vector<std::string>{"record 12 refund please", "record 9 refund please",
                                                "record 6 refund please", "record 3 refund please",
                                                "record 0 refund please"}));
  EXPECT_EQ(store->list_records(small.id, search).total, 5);
  search.text_query = "nothing matches this";
  EXPECT_EQ(store->list_records(small.id, search).total, 0);
  auto empty = store->create_dataset("empty", "");
  search.text_query = "refund";
  EXPECT_TRUE(store->list_records(empty.id, search).items.empty());
}

TEST_P(RecordPagesTest, totals_are_exact_up_to_the_cap_and_from_the_aggregates_past_it) {
  auto dataset = store->create_dataset("many", "");
  std::vector<NewRecord> batch;
  for (int n = 0; n < kRecordTotalCap + 50; ++n) {
    batch.push_back(
        n % 2 ? test_record("common odd " + std::to_string(n))
              : test_record("common even " + std::to_string(n), false, {{"invalid_json", true}}));
  }
  batch[7].origin = "generated";
  store->insert_records(dataset.id, batch);

  RecordFilter everything;
  auto page = store->list_records(dataset.id, everything);
  EXPECT_EQ(page.total, kRecordTotalCap + 50);  // the dataset's cached counts are exact and cheap
  EXPECT_TRUE(page.total_exact);
  RecordFilter invalid;
  invalid.valid = false;
  EXPECT_EQ(store->list_records(dataset.id, invalid).total, kRecordTotalCap / 2 + 25);
  RecordFilter by_issue;
  by_issue.issue_code = "invalid_json";
  EXPECT_EQ(store->list_records(dataset.id, by_issue).total, kRecordTotalCap / 2 + 25);

  RecordFilter imported;  // no cached count: counted up to the cap
  imported.origin = "import";
  imported.limit = 10;
  page = store->list_records(dataset.id, imported);
  EXPECT_EQ(page.total, kRecordTotalCap);
  EXPECT_FALSE(page.total_exact);
  imported.after_id = page.items.back().id;  // every page answers the same total
  page = store->list_records(dataset.id, imported);
  EXPECT_EQ(page.total, kRecordTotalCap);
  EXPECT_FALSE(page.total_exact);

  RecordFilter search;
  search.text_query = "common";
  page = store->list_records(dataset.id, search);
  EXPECT_EQ(page.total, kRecordTotalCap);
  EXPECT_FALSE(page.total_exact);
  search.text_query = "common odd";
  search.valid = false;
  page = store->list_records(dataset.id, search);
  EXPECT_EQ(page.total, 0);
  EXPECT_TRUE(page.total_exact);
  search.text_query = "common even";
  search.valid.reset();
  search.origin = "generated";
  page = store->list_records(dataset.id, search);
  EXPECT_EQ(page.total, 0);  // record 7 is odd
  search.text_query = "7";
  page = store->list_records(dataset.id, search);
  ASSERT_EQ(page.total, 1);
  EXPECT_TRUE(page.total_exact);
  EXPECT_EQ(page.items[0].preview, "common odd 7");
}

INSTANTIATE_TEST_SUITE_P(Backends, RecordPagesTest, reinforge::testing::kStoreBackends,
                         reinforge::testing::backend_test_name);

}  // namespace
}  // namespace reinforge::store
