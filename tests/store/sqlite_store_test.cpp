#include <gtest/gtest.h>

#include <algorithm>

#include "store/store.hpp"
#include "support/temp_dir.hpp"

namespace reinforge::store {
namespace {

NewRecord record(const std::string& text, bool valid, std::vector<std::pair<std::string, bool>> codes = {}) {
  NewRecord r;
  r.text = text;
  r.valid = valid;
  r.issue_codes = std::move(codes);
  r.content_hash = std::hash<std::string>{}(text);
  r.preview = text.substr(0, 20);
  return r;
}

class StoreTest : public ::testing::Test {
 protected:
  testing::TempDir temp;
  std::unique_ptr<Store> store = open_sqlite_store(temp.path());
};

TEST_F(StoreTest, creates_lists_and_refuses_duplicate_names) {
  auto first = store->create_dataset("alpha", "be better");
  store->create_dataset("beta", "");
  EXPECT_THROW(store->create_dataset("alpha", ""), ConflictError);
  auto all = store->list_datasets();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].name, "beta");  // newest first
  EXPECT_EQ(store->find_dataset(first.id)->objective, "be better");
  EXPECT_FALSE(store->find_dataset(999).has_value());
}

TEST_F(StoreTest, every_change_bumps_the_revision) {
  auto dataset = store->create_dataset("revisions", "");
  int64_t before = dataset.revision;
  std::vector<NewRecord> batch = {record("a", true)};
  store->insert_records(dataset.id, batch);
  int64_t after_insert = store->find_dataset(dataset.id)->revision;
  EXPECT_GT(after_insert, before);
  auto records = store->list_records(dataset.id, {}).items;
  store->replace_record(dataset.id, records[0].id, record("b", true));
  EXPECT_GT(store->find_dataset(dataset.id)->revision, after_insert);
}

TEST_F(StoreTest, filters_records_by_validity_issue_origin_and_text) {
  auto dataset = store->create_dataset("filters", "");
  std::vector<NewRecord> batch = {record("hello weather today", true),
                                  record("broken {", false, {{"invalid_json", true}}),
                                  record("no user here", false, {{"no_user_message", true}}),
                                  record("duplicate hello", true, {{"duplicate_record", false}})};
  batch[3].origin = "generated";
  store->insert_records(dataset.id, batch);

  RecordFilter invalid;
  invalid.valid = false;
  auto invalid_page = store->list_records(dataset.id, invalid);
  EXPECT_EQ(invalid_page.items.size(), 2u);
  EXPECT_EQ(invalid_page.total, 2);

  RecordFilter by_issue;
  by_issue.issue_code = "invalid_json";
  auto found = store->list_records(dataset.id, by_issue).items;
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].preview, "broken {");

  RecordFilter by_origin;
  by_origin.origin = "generated";
  EXPECT_EQ(store->list_records(dataset.id, by_origin).items.size(), 1u);

  RecordFilter search;
  search.text_query = "hello";
  EXPECT_EQ(store->list_records(dataset.id, search).items.size(), 2u);
  search.text_query = "\"quotes\" and (parentheses";  // user text never breaks the query
  EXPECT_EQ(store->list_records(dataset.id, search).items.size(), 0u);

  RecordFilter page;
  page.offset = 1;
  page.limit = 2;
  auto paged = store->list_records(dataset.id, page);
  EXPECT_EQ(paged.total, 4);
  ASSERT_EQ(paged.items.size(), 2u);
  EXPECT_EQ(paged.items[0].preview, "broken {");

  auto counts = store->count_records(dataset.id);
  EXPECT_EQ(counts.total, 4);
  EXPECT_EQ(counts.valid, 2);
  auto codes = store->count_issue_codes(dataset.id);
  EXPECT_EQ(codes.size(), 3u);
}

TEST_F(StoreTest, deleting_records_keeps_search_and_counts_consistent) {
  auto dataset = store->create_dataset("deletes", "");
  std::vector<NewRecord> batch = {record("apple pie", true), record("apple tart", false, {{"invalid_json", true}})};
  store->insert_records(dataset.id, batch);
  auto records = store->list_records(dataset.id, {}).items;
  std::vector<int64_t> ids = {records[1].id};
  EXPECT_EQ(store->delete_records(dataset.id, ids), 1);
  RecordFilter search;
  search.text_query = "apple";
  EXPECT_EQ(store->list_records(dataset.id, search).total, 1);
  EXPECT_TRUE(store->count_issue_codes(dataset.id).empty());
  EXPECT_EQ(store->delete_records(dataset.id, ids), 0);
}

TEST_F(StoreTest, duplicate_copies_records_and_their_issue_codes) {
  auto dataset = store->create_dataset("source", "goal");
  std::vector<NewRecord> batch = {record("one", true), record("two {", false, {{"invalid_json", true}})};
  store->insert_records(dataset.id, batch);
  auto copy = store->duplicate_dataset(dataset.id, "copy");
  EXPECT_EQ(copy.objective, "goal");
  EXPECT_EQ(store->count_records(copy.id).total, 2);
  auto codes = store->count_issue_codes(copy.id);
  ASSERT_EQ(codes.size(), 1u);
  EXPECT_EQ(codes[0].code, "invalid_json");
  RecordFilter search;
  search.text_query = "one";
  EXPECT_EQ(store->list_records(copy.id, search).total, 1);  // the copies are searchable too
  EXPECT_TRUE(store->delete_dataset(dataset.id));
  EXPECT_EQ(store->count_records(copy.id).total, 2);  // the copy is independent
}

TEST_F(StoreTest, batch_and_checkpoint_commit_together) {
  auto dataset = store->create_dataset("checkpoints", "");
  Job job;
  job.kind = "import";
  job.dataset_id = dataset.id;
  job = store->create_job(job);
  std::vector<NewRecord> batch = {record("x", true)};
  store->insert_records(dataset.id, batch, JobCheckpoint{job.id, R"({"offset":42})", 42});
  auto saved = store->find_job(job.id);
  EXPECT_EQ(saved->checkpoint_json, R"({"offset":42})");
  EXPECT_EQ(saved->done, 42);
}

TEST_F(StoreTest, reopening_keeps_everything) {
  int64_t id = 0;
  {
    auto dataset = store->create_dataset("persisted", "");
    id = dataset.id;
    std::vector<NewRecord> batch = {record("kept", true)};
    store->insert_records(id, batch);
    store->put_setting("k", "v");
  }
  store.reset();
  auto reopened = open_sqlite_store(temp.path());
  EXPECT_EQ(reopened->count_records(id).total, 1);
  EXPECT_EQ(reopened->get_setting("k"), "v");
}

TEST_F(StoreTest, topic_assignments_keep_manual_choices_and_feed_coverage_counts) {
  auto dataset = store->create_dataset("topics", "");
  std::vector<NewRecord> batch = {record("a", true), record("b", true), record("c", true),
                                  record("broken", false, {{"invalid_json", true}})};
  batch[1].token_count = 100;
  store->insert_records(dataset.id, batch);
  store->put_topics(dataset.id, {R"({"topics":[]})", "manual", 0}, false);
  EXPECT_EQ(store->get_topics(dataset.id)->source, "manual");

  std::vector<RecordForTopics> seen;
  store->for_each_record_for_topics(dataset.id, false, [&](const auto& page) {
    seen.insert(seen.end(), page.begin(), page.end());
    return true;
  });
  ASSERT_EQ(seen.size(), 3u);  // invalid records are left out

  std::vector<TopicAssignment> person = {{seen[0].id, "t1", 1.0}};
  store->assign_topics(dataset.id, person, true);
  std::vector<TopicAssignment> machine = {{seen[0].id, "t2", 0.9}, {seen[1].id, "t2", 0.6}, {seen[2].id, "t1", 0.95}};
  store->assign_topics(dataset.id, machine, false);
  auto first = store->get_record(dataset.id, seen[0].id);
  EXPECT_EQ(first->topic, "t1");  // the person's choice survives re-categorization
  EXPECT_TRUE(first->topic_manual);

  RecordFilter low;
  low.confidence = ConfidenceBand::low;
  auto low_records = store->list_records(dataset.id, low);
  ASSERT_EQ(low_records.total, 1);
  EXPECT_EQ(low_records.items[0].id, seen[1].id);
  RecordFilter in_t1;
  in_t1.topic = "t1";
  EXPECT_EQ(store->list_records(dataset.id, in_t1).total, 2);

  int64_t t2 = 0;
  for (const auto& count : store->count_records_by_topic(dataset.id)) {
    if (count.topic == "t2") t2 += count.count;
  }
  EXPECT_EQ(t2, 1);
  EXPECT_EQ(store->uncategorize_topics_not_in(dataset.id, {"t1"}), 1);
  RecordFilter uncategorized;
  uncategorized.topic = "";
  EXPECT_EQ(store->list_records(dataset.id, uncategorized).total, 1);

  auto lengths = store->token_length_counts(dataset.id);
  ASSERT_FALSE(lengths.empty());
  EXPECT_EQ(std::max_element(lengths.begin(), lengths.end())->first, 100);  // the 100-token record

  store->put_topics(dataset.id, {R"({"topics":[]})", "auto", 0}, true);
  EXPECT_EQ(store->list_records(dataset.id, uncategorized).total, 3);  // regenerating clears every assignment, manual ones too
}

// The aggregates are cached between writes (a full scan at a million records); every kind of
// write must show in the next answer, asked right after it.
TEST_F(StoreTest, aggregates_follow_every_write) {
  auto dataset = store->create_dataset("aggregates", "");
  auto topic_total = [&](const std::string& topic) {
    int64_t total = 0;
    for (const auto& count : store->count_records_by_topic(dataset.id)) {
      if (count.topic == topic) total += count.count;
    }
    return total;
  };
  EXPECT_EQ(store->count_records(dataset.id).total, 0);
  EXPECT_TRUE(store->token_length_counts(dataset.id).empty());

  std::vector<NewRecord> batch = {record("one", true), record("two", true), record("bad", false, {{"invalid_json", true}})};
  store->insert_records(dataset.id, batch);
  EXPECT_EQ(store->count_records(dataset.id).valid, 2);
  EXPECT_EQ(store->count_issue_codes(dataset.id).size(), 1u);
  EXPECT_EQ(topic_total(""), 2);
  EXPECT_FALSE(store->token_length_counts(dataset.id).empty());

  auto records = store->list_records(dataset.id, {}).items;
  std::vector<TopicAssignment> assigned = {{records[0].id, "t1", 0.9}, {records[1].id, "t1", 0.9}};
  store->assign_topics(dataset.id, assigned, false);
  EXPECT_EQ(topic_total("t1"), 2);
  EXPECT_EQ(store->uncategorize_topics_not_in(dataset.id, {}), 2);
  EXPECT_EQ(topic_total("t1"), 0);
  store->assign_topics(dataset.id, assigned, false);
  TopicEdit merge;
  merge.topics = {R"({"topics":[]})", "manual", 0};
  merge.merged_from = {"t1"};
  merge.merged_into = "t2";
  store->apply_topic_edit(dataset.id, merge);
  EXPECT_EQ(topic_total("t2"), 2);
  store->put_topics(dataset.id, {R"({"topics":[]})", "auto", 0}, true);
  EXPECT_EQ(topic_total(""), 2);

  EXPECT_TRUE(store->replace_record(dataset.id, records[2].id, record("fixed", true)));
  EXPECT_EQ(store->count_records(dataset.id).valid, 3);
  EXPECT_TRUE(store->count_issue_codes(dataset.id).empty());
  std::vector<int64_t> first = {records[0].id};
  store->delete_records(dataset.id, first);
  EXPECT_EQ(store->count_records(dataset.id).total, 2);

  auto copy = store->duplicate_dataset(dataset.id, "aggregates copy");
  EXPECT_EQ(store->count_records(copy.id).total, 2);
  store->delete_all_records(dataset.id);
  EXPECT_EQ(store->count_records(dataset.id).total, 0);
  EXPECT_EQ(store->count_records(copy.id).total, 2);
  ASSERT_TRUE(store->delete_dataset(copy.id));
  EXPECT_EQ(store->count_records(copy.id).total, 0);
}

TEST_F(StoreTest, step_state_is_kept_per_dataset_and_step) {
  auto dataset = store->create_dataset("steps", "");
  EXPECT_FALSE(store->get_step_state(dataset.id, "coverage").has_value());
  store->put_step_state(dataset.id, "coverage", R"({"skipped_revision":3})");
  store->put_step_state(dataset.id, "coverage", R"({"skipped_revision":4})");
  EXPECT_EQ(store->get_step_state(dataset.id, "coverage"), R"({"skipped_revision":4})");
}

}  // namespace
}  // namespace reinforge::store
