// The Store (datasets, records, topics, graders, generation runs, jobs) on both backends: the
// same behaviour from SQLite and PostgreSQL, plus what two instances on one database must not
// break (job claims, concurrent writes, another instance's writes in the cached counts).
#include "store/store.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <set>
#include <thread>

#include "store_backends.hpp"
#include "support/postgres_server.hpp"
#include "support/temp_dir.hpp"

namespace reinforge::store {
namespace {

using reinforge::testing::test_record;

class StoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgresql")
      conninfo_ = reinforge::testing::shared_postgres_server().create_database();
    store = open();
  }
  // Another handle on the same store, as a second instance would have.
  std::unique_ptr<Store> open() {
    return reinforge::testing::open_test_store(GetParam(), temp.path(), conninfo_);
  }

  reinforge::testing::TempDir temp;
  std::string conninfo_;
  std::unique_ptr<Store> store;
};

TEST_P(StoreTest, creates_lists_and_refuses_duplicate_names) {
  auto first = store->create_dataset("alpha", "be better");
  store->create_dataset("beta", "");
  EXPECT_THROW(store->create_dataset("alpha", ""), ConflictError);
  auto all = store->list_datasets();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].name, "beta");  // newest first
  EXPECT_EQ(store->find_dataset(first.id)->objective, "be better");
  EXPECT_FALSE(store->find_dataset(999).has_value());
}

TEST_P(StoreTest, every_change_bumps_the_revision) {
  auto dataset = store->create_dataset("revisions", "");
  int64_t before = dataset.revision;
  std::vector<NewRecord> batch = {test_record("a", true)};
  store->insert_records(dataset.id, batch);
  int64_t after_insert = store->find_dataset(dataset.id)->revision;
  EXPECT_GT(after_insert, before);
  auto records = store->list_records(dataset.id, {}).items;
  store->replace_record(dataset.id, records[0].id, test_record("b", true));
  EXPECT_GT(store->find_dataset(dataset.id)->revision, after_insert);
}

TEST_P(StoreTest, filters_records_by_validity_issue_origin_and_text) {
  auto dataset = store->create_dataset("filters", "");
  std::vector<NewRecord> batch = {
      test_record("hello weather today", true),
      test_record("broken {", false, {{"invalid_json", true}}),
      test_record("no user here", false, {{"no_user_message", true}}),
      test_record("duplicate hello", true, {{"duplicate_record", false}})};
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

TEST_P(StoreTest, deleting_records_keeps_search_and_counts_consistent) {
  auto dataset = store->create_dataset("deletes", "");
  std::vector<NewRecord> batch = {test_record("apple pie", true),
                                  test_record("apple tart", false, {{"invalid_json", true}})};
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

TEST_P(StoreTest, duplicate_copies_records_and_their_issue_codes) {
  auto dataset = store->create_dataset("source", "goal");
  std::vector<NewRecord> batch = {test_record("one", true),
                                  test_record("two {", false, {{"invalid_json", true}})};
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

TEST_P(StoreTest, batch_and_checkpoint_commit_together) {
  auto dataset = store->create_dataset("checkpoints", "");
  Job job;
  job.kind = "import";
  job.dataset_id = dataset.id;
  job = store->create_job(job);
  std::vector<NewRecord> batch = {test_record("x", true)};
  store->insert_records(dataset.id, batch, JobCheckpoint{job.id, R"({"offset":42})", 42, ""});
  auto saved = store->find_job(job.id);
  EXPECT_EQ(saved->checkpoint_json, R"({"offset":42})");
  EXPECT_EQ(saved->done, 42);
}

TEST_P(StoreTest, reopening_keeps_everything) {
  int64_t id = 0;
  {
    auto dataset = store->create_dataset("persisted", "");
    id = dataset.id;
    std::vector<NewRecord> batch = {test_record("kept", true)};
    store->insert_records(id, batch);
    store->put_setting("k", "v");
  }
  store.reset();
  auto reopened = open();
  EXPECT_EQ(reopened->count_records(id).total, 1);
  EXPECT_EQ(reopened->get_setting("k"), "v");
}

TEST_P(StoreTest, topic_assignments_keep_manual_choices_and_feed_coverage_counts) {
  auto dataset = store->create_dataset("topics", "");
  std::vector<NewRecord> batch = {test_record("a", true), test_record("b", true),
                                  test_record("c", true),
                                  test_record("broken", false, {{"invalid_json", true}})};
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
  std::vector<TopicAssignment> machine = {
      {seen[0].id, "t2", 0.9}, {seen[1].id, "t2", 0.6}, {seen[2].id, "t1", 0.95}};
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
  EXPECT_EQ(store->list_records(dataset.id, uncategorized).total,
            3);  // regenerating clears every assignment, manual ones too
}

// The aggregates are cached between writes (a full scan at a million records); every kind of
// write must show in the next answer, asked right after it.
TEST_P(StoreTest, aggregates_follow_every_write) {
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

  std::vector<NewRecord> batch = {test_record("one", true), test_record("two", true),
                                  test_record("bad", false, {{"invalid_json", true}})};
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

  EXPECT_TRUE(store->replace_record(dataset.id, records[2].id, test_record("fixed", true)));
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

TEST_P(StoreTest, step_state_is_kept_per_dataset_and_step) {
  auto dataset = store->create_dataset("steps", "");
  EXPECT_FALSE(store->get_step_state(dataset.id, "coverage").has_value());
  store->put_step_state(dataset.id, "coverage", R"({"skipped_revision":3})");
  store->put_step_state(dataset.id, "coverage", R"({"skipped_revision":4})");
  EXPECT_EQ(store->get_step_state(dataset.id, "coverage"), R"({"skipped_revision":4})");
}

TEST_P(StoreTest, renames_and_copies_refuse_a_taken_name_with_the_same_message) {
  auto alpha = store->create_dataset("alpha", "");
  auto beta = store->create_dataset("beta", "");
  try {
    store->create_dataset("alpha", "");
    ADD_FAILURE() << "no conflict";
  } catch (const ConflictError& error) {
    EXPECT_STREQ(error.what(), "A dataset named 'alpha' already exists; choose another name.");
  }
  beta.name = "alpha";
  EXPECT_THROW(store->update_dataset(beta), ConflictError);
  EXPECT_THROW(store->duplicate_dataset(alpha.id, "alpha"), ConflictError);
  EXPECT_EQ(store->list_datasets().size(), 2u);        // the failed copy left nothing behind
  EXPECT_FALSE(store->find_dataset_by_name("ALPHA"));  // names compare exactly
  beta.name = "gamma";
  beta.objective = "goal";
  beta.settings_json = R"({"k":1})";
  auto renamed = store->update_dataset(beta);
  EXPECT_EQ(renamed.name, "gamma");
  EXPECT_EQ(renamed.settings_json, R"({"k":1})");
  EXPECT_GT(renamed.revision, beta.revision);
  EXPECT_EQ(store->find_dataset_by_name("gamma")->id, beta.id);
}

TEST_P(StoreTest, settings_are_put_and_replaced) {
  EXPECT_FALSE(store->get_setting("admin_token_sha256"));
  store->put_setting("admin_token_sha256", "one");
  store->put_setting("admin_token_sha256", "two");
  EXPECT_EQ(store->get_setting("admin_token_sha256"), "two");
}

TEST_P(StoreTest, content_hashes_come_back_whole_for_duplicate_detection) {
  auto dataset = store->create_dataset("hashes", "");
  std::vector<NewRecord> batch = {test_record("low", true), test_record("high", true)};
  batch[0].content_hash = 42;
  batch[1].content_hash = 0xF000000000000001ull;  // the top bit set: negative as a signed column
  store->insert_records(dataset.id, batch);
  auto hashes = store->record_content_hashes(dataset.id);
  std::sort(hashes.begin(), hashes.end());
  EXPECT_EQ(hashes, (std::vector<uint64_t>{42, 0xF000000000000001ull}));
}

TEST_P(StoreTest, search_matches_whole_words_of_the_text_in_any_case) {
  auto dataset = store->create_dataset("words", "");
  std::vector<NewRecord> batch = {
      test_record(R"({"content":"Mail user@example.com about refund-please"})", true),
      test_record(R"({"content":"hello there"})", true)};
  store->insert_records(dataset.id, batch);
  auto found = [&](const std::string& query) {
    RecordFilter search;
    search.text_query = query;
    return store->list_records(dataset.id, search).items.size();
  };
  EXPECT_EQ(found("example"), 1u);        // punctuation splits words
  EXPECT_EQ(found("please refund"), 1u);  // every word, in any order
  EXPECT_EQ(found("HELLO"), 1u);
  EXPECT_EQ(found("hell"), 0u);  // words, not parts of words
  EXPECT_EQ(found("hello refund"), 0u);
  EXPECT_EQ(found("content"), 0u);  // a key of both records, not their text
  EXPECT_EQ(found("..."), 0u);      // no word at all
}

// The search reads the record's JSON strings: an escaped letter is found as the letter, and the
// keys and roles every record has match nothing (they matched every record). A broken line is
// searched as it is.
TEST_P(StoreTest, search_reads_the_records_strings_not_its_keys_or_escapes) {
  auto dataset = store->create_dataset("escapes", "");
  std::vector<NewRecord> batch = {
      test_record(R"({"messages":[{"role":"user","content":"Question about Caf\u00e9 cr\u00e8me"},)"
                  R"({"role":"assistant","content":"Sure"}]})",
                  true),
      test_record(R"({"messages":[{"role":"user","content":"Un caf\u00e9 noir"}]})", true),
      test_record("not json: role content caf\xc3\xa9", false, {{"invalid_json", true}})};
  store->insert_records(dataset.id, batch);
  auto found = [&](const std::string& query) {
    RecordFilter search;
    search.text_query = query;
    return store->list_records(dataset.id, search).items.size();
  };
  EXPECT_EQ(found("café"), 3u);
  EXPECT_EQ(found("crème"), 1u);
  EXPECT_EQ(found("u00e9"), 0u);
  EXPECT_EQ(found("sure"), 1u);
  EXPECT_EQ(found("messages"), 0u);
  EXPECT_EQ(found("user"), 0u);  // a role, not what anybody said
  EXPECT_EQ(found("role"), 1u);  // only the broken line, where it is text
}

TEST_P(StoreTest, an_edited_record_is_found_by_its_new_words_only) {
  auto dataset = store->create_dataset("edits", "");
  std::vector<NewRecord> batch = {test_record(R"({"content":"old wording"})", true)};
  store->insert_records(dataset.id, batch);
  auto id = store->list_records(dataset.id, {}).items.at(0).id;
  ASSERT_TRUE(
      store->replace_record(dataset.id, id, test_record(R"({"content":"New Phrasing"})", true)));
  auto found = [&](const std::string& query) {
    RecordFilter search;
    search.text_query = query;
    return store->list_records(dataset.id, search).items.size();
  };
  EXPECT_EQ(found("wording"), 0u);
  EXPECT_EQ(found("phrasing new"), 1u);
}

// A broken line is kept as an invalid record whatever its bytes. SQLite stores them as they came;
// PostgreSQL's TEXT refuses invalid UTF-8 and NUL, so there each such byte reads back as U+FFFD
// (docs/postgresql.md, "Where the backends differ").
TEST_P(StoreTest, a_line_of_broken_bytes_is_kept_as_an_invalid_record) {
  auto dataset = store->create_dataset("bytes", "");
  const std::string broken("refund \xFF\xFE here\0!", 16);
  std::vector<NewRecord> batch = {test_record(broken, false, {{"invalid_json", true}}),
                                  test_record("fine", true)};
  store->insert_records(dataset.id, batch);
  auto records = store->list_records(dataset.id, {}).items;
  ASSERT_EQ(records.size(), 2u);
  auto kept = store->get_record(dataset.id, records[0].id);
  const std::string replacement = "\xEF\xBF\xBD";
  EXPECT_EQ(kept->text, GetParam() == "sqlite"
                            ? broken
                            : "refund " + replacement + replacement + " here" + replacement + "!");
  RecordFilter search;
  search.text_query = "refund";
  EXPECT_EQ(store->list_records(dataset.id, search).items.size(), 1u);
  EXPECT_TRUE(store->replace_record(dataset.id, records[1].id, test_record(broken, false)));
}

TEST_P(StoreTest, graders_newest_version_is_current_and_samples_are_valid_records) {
  auto dataset = store->create_dataset("graders", "");
  EXPECT_FALSE(store->current_grader(dataset.id));
  auto first = store->save_grader(dataset.id, "v1", R"({"type":"script"})");
  auto second = store->save_grader(dataset.id, "v2", R"({"type":"judge"})");
  EXPECT_GT(second.id, first.id);
  EXPECT_EQ(second.version, "v2");
  EXPECT_FALSE(second.last_test_json);
  store->save_grader_test(second.id, R"({"passed":3})");
  auto current = store->current_grader(dataset.id);
  ASSERT_TRUE(current);
  EXPECT_EQ(current->id, second.id);
  EXPECT_EQ(current->config_json, R"({"type":"judge"})");
  EXPECT_EQ(current->last_test_json, R"({"passed":3})");

  std::vector<NewRecord> batch = {test_record("good one", true), test_record("good two", true),
                                  test_record("bad", false, {{"invalid_json", true}})};
  store->insert_records(dataset.id, batch);
  auto sample = store->random_valid_records(dataset.id, 5);
  ASSERT_EQ(sample.size(), 2u);
  for (const auto& picked : sample) {
    EXPECT_TRUE(picked.valid);
    EXPECT_TRUE(picked.text.starts_with("good"));
  }
  EXPECT_EQ(store->random_valid_records(dataset.id, 1).size(), 1u);
}

TEST_P(StoreTest, for_each_record_streams_in_import_order_with_text_and_stops_when_asked) {
  auto dataset = store->create_dataset("stream", "");
  std::vector<NewRecord> batch;
  for (int n = 0; n < 4500; ++n)
    batch.push_back(test_record("line " + std::to_string(n), n % 3 != 0));
  batch[1].line = 2;
  batch[1].trace_id = "trace-1";
  store->insert_records(dataset.id, batch);
  std::vector<Record> seen;
  store->for_each_record(dataset.id, false, [&](const Record& r) {
    seen.push_back(r);
    return true;
  });
  ASSERT_EQ(seen.size(), 4500u);  // more than two pages
  EXPECT_EQ(seen[0].text, "line 0");
  EXPECT_EQ(seen[4499].text, "line 4499");
  EXPECT_EQ(seen[1].line, 2);
  EXPECT_EQ(seen[1].trace_id, "trace-1");
  EXPECT_FALSE(seen[0].line);
  EXPECT_EQ(seen[1].origin, "import");
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end(),
                             [](const Record& a, const Record& b) { return a.id < b.id; }));
  int64_t valid = 0;
  store->for_each_record(dataset.id, true, [&](const Record& r) {
    EXPECT_TRUE(r.valid);
    ++valid;
    return true;
  });
  EXPECT_EQ(valid, 3000);
  int64_t visited = 0;
  store->for_each_record(dataset.id, false, [&](const Record&) { return ++visited < 10; });
  EXPECT_EQ(visited, 10);
}

TEST_P(StoreTest, topic_edits_merge_and_split_records_and_keep_the_method) {
  auto dataset = store->create_dataset("edits", "");
  std::vector<NewRecord> batch = {test_record("a", true), test_record("b", true),
                                  test_record("c", true)};
  store->insert_records(dataset.id, batch);
  auto records = store->list_records(dataset.id, {}).items;
  EXPECT_FALSE(store->put_topics_method(dataset.id, R"({"discovery":{}})"));  // no topics yet
  store->put_topics(dataset.id, {R"({"topics":[1]})", "auto", 0, R"({"discovery":{"kind":"llm"}})"},
                    false);
  EXPECT_TRUE(store->put_topics_method(dataset.id, R"({"categorization":{}})"));
  std::vector<TopicAssignment> assigned = {
      {records[0].id, "t1", 0.9}, {records[1].id, "t2", 0.8}, {records[2].id, "t3", 0.75}};
  store->assign_topics(dataset.id, assigned, false);

  TopicEdit merge;
  merge.topics = {R"({"topics":[2]})", "manual", 0};
  merge.merged_from = {"t1", "t2"};
  merge.merged_into = "t9";
  EXPECT_EQ(store->apply_topic_edit(dataset.id, merge), 2);
  auto topics = store->get_topics(dataset.id);
  EXPECT_EQ(topics->topic_set_json, R"({"topics":[2]})");
  EXPECT_EQ(topics->source, "manual");
  EXPECT_EQ(topics->method_json, R"({"categorization":{}})");  // an edit keeps the method
  EXPECT_EQ(store->get_record(dataset.id, records[1].id)->confidence, 0.8);  // a merge keeps it

  TopicEdit split;
  split.topics = {R"({"topics":[3]})", "manual", 0};
  split.reassigned_from = "t9";
  split.reassigned = {{records[0].id, "t9.1", 0.5},
                      {records[2].id, "t9.2", 0.5},  // not in t9
                      {records[1].id, "t9.2", 0.6}};
  EXPECT_EQ(store->apply_topic_edit(dataset.id, split), 2);
  EXPECT_EQ(store->get_record(dataset.id, records[0].id)->topic, "t9.1");
  EXPECT_EQ(store->get_record(dataset.id, records[1].id)->confidence, 0.6);
  EXPECT_EQ(store->get_record(dataset.id, records[2].id)->topic, "t3");

  std::vector<RecordForTopics> unlabeled;
  std::vector<TopicAssignment> cleared = {{records[2].id, std::nullopt, std::nullopt}};
  store->assign_topics(dataset.id, cleared, true);
  store->for_each_record_for_topics(dataset.id, true, [&](const auto& page) {
    unlabeled.insert(unlabeled.end(), page.begin(), page.end());
    return true;
  });
  ASSERT_EQ(unlabeled.size(), 1u);
  EXPECT_EQ(unlabeled[0].id, records[2].id);
  EXPECT_EQ(unlabeled[0].text, "c");
  EXPECT_FALSE(store->get_record(dataset.id, records[2].id)->topic_manual);  // no topic, not manual
}

GeneratedRecord verdict(const std::string& status, const std::string& text) {
  GeneratedRecord row;
  row.topic = "t1";
  row.status = status;
  row.text = text;
  row.confidence = 0.9;
  row.created_at = 1700000000;
  if (status == "rejected") {
    row.gate = "duplicate";
    row.reason = "too close to record 3";
    row.similarity = 0.97;
  }
  return row;
}

GeneratedRecordToAdd joining(int64_t run_id, const std::string& text, int64_t generated_id = 0) {
  GeneratedRecordToAdd add;
  add.generated_id = generated_id;
  add.record = test_record(text, true);
  add.record.origin = "generated";
  add.record.generation_run_id = run_id;
  add.topic = "t1";
  add.confidence = 0.88;
  return add;
}

TEST_P(StoreTest, generation_runs_keep_their_verdicts_and_their_records_in_the_dataset) {
  auto dataset = store->create_dataset("generation", "");
  GenerationRun asked;
  asked.dataset_id = dataset.id;
  asked.job_id = 5;
  asked.model = "small";
  asked.created_at = 1700000000;
  auto run = store->create_generation_run(asked);
  EXPECT_GT(run.id, 0);
  EXPECT_EQ(store->find_generation_run(run.id)->state, "running");

  std::vector<GeneratedRecord> verdicts = {
      verdict("accepted", "gen a"), verdict("rejected", "gen c"), verdict("pending", "gen b")};
  std::vector<GeneratedRecordToAdd> accepted = {joining(run.id, "gen a"), joining(run.id, "gen b")};
  run.state = "succeeded";
  run.summary_json = R"({"accepted":1})";
  run.finished_at = 1700000100;
  int64_t revision = store->find_dataset(dataset.id)->revision;
  store->finish_generation_run(run, verdicts, accepted);
  EXPECT_GT(store->find_dataset(dataset.id)->revision, revision);

  auto found = store->find_generation_run(run.id);
  EXPECT_EQ(found->state, "succeeded");
  EXPECT_EQ(found->summary_json, R"({"accepted":1})");
  EXPECT_EQ(found->finished_at, 1700000100);
  EXPECT_FALSE(found->error);
  EXPECT_EQ(store->list_generation_runs(dataset.id).size(), 1u);
  EXPECT_EQ(store->count_generated_records(run.id),
            (std::vector<std::pair<std::string, int64_t>>{
                {"accepted", 1}, {"pending", 1}, {"rejected", 1}}));
  int64_t total = 0;
  auto all = store->list_generated_records(run.id, std::nullopt, 0, 10, &total);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(total, 3);
  EXPECT_EQ(all[1].gate, "duplicate");
  EXPECT_EQ(all[1].similarity, 0.97);
  ASSERT_TRUE(all[0].record_id);
  EXPECT_FALSE(all[2].record_id);
  auto pending = store->list_generated_records(run.id, std::string("pending"), 0, 10, &total);
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(total, 1);
  EXPECT_EQ(store->list_generated_records(run.id, std::nullopt, 1, 1, nullptr)[0].id, all[1].id);

  auto in_dataset = store->get_record(dataset.id, *all[0].record_id);
  EXPECT_EQ(in_dataset->text, "gen a");
  EXPECT_EQ(in_dataset->origin, "generated");
  EXPECT_EQ(in_dataset->topic, "t1");
  EXPECT_EQ(in_dataset->confidence, 0.88);
  RecordFilter search;
  search.text_query = "gen";
  EXPECT_EQ(store->list_records(dataset.id, search).items.size(), 1u);  // searchable at once

  std::vector<GeneratedRecordToAdd> review = {
      joining(run.id, "gen b edited", pending[0].id),
      joining(run.id, "gen a", all[0].id)};  // accepted already
  EXPECT_EQ(store->accept_generated_records(run.id, review), 1);
  EXPECT_EQ(store->accept_generated_records(run.id, review), 0);
  auto b = store->find_generated_record(run.id, pending[0].id);
  EXPECT_EQ(b->status, "accepted");
  EXPECT_EQ(b->text, "gen b edited");
  EXPECT_EQ(store->count_records(dataset.id).total, 2);

  EXPECT_TRUE(store->edit_generated_record(run.id, all[0].id, test_record("gen a fixed", true)));
  EXPECT_EQ(store->get_record(dataset.id, *all[0].record_id)->text, "gen a fixed");
  EXPECT_EQ(store->find_generated_record(run.id, all[0].id)->text, "gen a fixed");
  // Edited in the records list instead: the run's review shows the same text (an edit there
  // would otherwise write its stale copy back).
  EXPECT_TRUE(store->replace_record(dataset.id, *all[0].record_id,
                                    test_record("gen a fixed in the list", true)));
  EXPECT_EQ(store->find_generated_record(run.id, all[0].id)->text, "gen a fixed in the list");
  EXPECT_TRUE(store->edit_generated_record(
      run.id, all[1].id, test_record("gen c fixed", true)));  // not in the dataset

  EXPECT_TRUE(store->delete_generated_record(run.id, all[0].id));
  EXPECT_FALSE(store->delete_generated_record(run.id, all[0].id));
  EXPECT_FALSE(store->edit_generated_record(run.id, all[0].id, test_record("again", true)));
  EXPECT_EQ(store->find_generated_record(run.id, all[0].id)->status, "deleted");
  EXPECT_FALSE(store->get_record(dataset.id, *all[0].record_id));
  EXPECT_EQ(store->count_records(dataset.id).total, 1);

  std::vector<int64_t> b_record = {*b->record_id};
  EXPECT_EQ(store->delete_records(dataset.id, b_record),
            1);  // a person removes it from the dataset
  auto b_after = store->find_generated_record(run.id, pending[0].id);
  EXPECT_EQ(b_after->status, "deleted");
  EXPECT_FALSE(b_after->record_id);

  std::vector<GeneratedRecordToAdd> one_more = {
      joining(run.id, "gen c", all[1].id)};  // overrule the gate
  EXPECT_EQ(store->accept_generated_records(run.id, one_more), 1);
  EXPECT_EQ(store->delete_generation_run(run.id), 1);
  EXPECT_FALSE(store->find_generation_run(run.id));
  EXPECT_FALSE(store->delete_generation_run(run.id));
  EXPECT_EQ(store->count_records(dataset.id).total, 0);
  EXPECT_TRUE(store->list_generated_records(run.id, std::nullopt, 0, 10, nullptr).empty());
}

// A lease end far in the future (Unix ms), for tests that do not look at leases.
constexpr int64_t kLeaseEnd = 4'000'000'000'000;

TEST_P(StoreTest, jobs_are_listed_updated_claimed_once_and_cancelled) {
  auto dataset = store->create_dataset("jobs", "");
  Job import;
  import.kind = "import";
  import.dataset_id = dataset.id;
  import.total = 10;
  import.message = "Queued";
  import.params_json = R"({"path":"a.jsonl"})";
  auto first = store->create_job(import);
  Job global;
  global.kind = "prune";
  auto second = store->create_job(global);
  EXPECT_EQ(first.state, JobState::queued);
  EXPECT_EQ(first.params_json, R"({"path":"a.jsonl"})");
  EXPECT_EQ(first.total, 10);
  EXPECT_GT(first.created_at, 0);
  EXPECT_FALSE(second.dataset_id);
  EXPECT_EQ(store->list_jobs(std::nullopt, 10).size(), 2u);
  EXPECT_EQ(store->list_jobs(std::nullopt, 1)[0].id, second.id);  // newest first
  EXPECT_EQ(store->list_jobs(dataset.id, 10).size(), 1u);
  EXPECT_EQ(store->jobs_in_state(JobState::queued).size(), 2u);

  auto claimed = store->claim_job(first.id, "a", kLeaseEnd);
  ASSERT_TRUE(claimed);
  EXPECT_EQ(claimed->state, JobState::running);
  ASSERT_TRUE(claimed->started_at);
  EXPECT_FALSE(store->claim_job(first.id, "a", kLeaseEnd));  // running already
  EXPECT_FALSE(store->claim_job(999999, "a", kLeaseEnd));
  store->request_job_cancel(first.id);
  EXPECT_TRUE(store->find_job(first.id)->cancel_requested);

  claimed->state = JobState::failed;
  claimed->done = 4;
  claimed->message = "Stopped";
  claimed->error = "boom";
  claimed->result_json = R"({"rows":4})";
  claimed->finished_at = 1700000000;
  store->update_job(*claimed);
  auto saved = store->find_job(first.id);
  EXPECT_EQ(saved->state, JobState::failed);
  EXPECT_EQ(saved->done, 4);
  EXPECT_EQ(saved->error, "boom");
  EXPECT_EQ(saved->result_json, R"({"rows":4})");
  EXPECT_EQ(saved->finished_at, 1700000000);
  EXPECT_EQ(saved->started_at, claimed->started_at);
  EXPECT_EQ(store->jobs_in_state(JobState::failed).size(), 1u);

  second.state = JobState::cancelled;
  store->update_job(second);
  EXPECT_FALSE(store->claim_job(second.id, "a", kLeaseEnd));  // a cancelled job never starts

  // A job paused by a shutdown is queued again and keeps its first start.
  saved->state = JobState::queued;
  store->update_job(*saved);
  EXPECT_EQ(store->claim_job(first.id, "a", kLeaseEnd)->started_at, claimed->started_at);
  EXPECT_TRUE(store->delete_dataset(dataset.id));
  EXPECT_FALSE(store->find_job(first.id));  // a dataset's jobs go with it
}

// A lease lapses when its instance stops renewing it; then exactly one other instance takes the
// job over, and a job pinned to its instance is claimed by no other.
TEST_P(StoreTest, job_leases_are_renewed_lapse_and_are_taken_over_once) {
  auto other = open();
  Job any;
  any.kind = "dry_run";
  auto shared = store->create_job(any);
  Job upload = any;
  upload.kind = "import";
  upload.runs_on = "a";
  auto pinned = store->create_job(upload);
  EXPECT_EQ(pinned.runs_on, "a");

  EXPECT_EQ(other->claimable_jobs("b", 10).size(), 1u);  // not the job pinned to a
  EXPECT_FALSE(other->claim_job(pinned.id, "b", 2'000));
  EXPECT_EQ(store->claimable_jobs("a", 10).size(), 2u);
  auto running = store->claim_job(shared.id, "a", 2'000);
  ASSERT_TRUE(running);
  EXPECT_EQ(running->lease_owner, "a");
  EXPECT_EQ(running->lease_expires_at, 2'000);
  ASSERT_TRUE(store->claim_job(pinned.id, "a", 2'000));

  // While a renews, nobody else sees the jobs as abandoned.
  auto renewed = store->renew_job_leases("a", 5'000);
  std::sort(renewed.begin(), renewed.end());
  EXPECT_EQ(renewed, (std::vector<int64_t>{shared.id, pinned.id}));
  EXPECT_TRUE(other->renew_job_leases("b", 5'000).empty());
  EXPECT_TRUE(other->abandoned_jobs("b", 4'999).empty());
  EXPECT_FALSE(other->take_over_job(shared.id, "b", 4'999, 9'000));
  // After a restart, a sees its own running jobs at once.
  EXPECT_EQ(store->abandoned_jobs("a", 1).size(), 2u);

  // a stops renewing: once the lease lapsed, b and c race for the job and one wins.
  EXPECT_EQ(other->abandoned_jobs("b", 5'001).size(), 2u);
  auto third = open();
  std::optional<Job> won[2];
  std::thread first([&] { won[0] = other->take_over_job(shared.id, "b", 5'001, 9'000); });
  std::thread second([&] { won[1] = third->take_over_job(shared.id, "c", 5'001, 9'000); });
  first.join();
  second.join();
  ASSERT_NE(won[0].has_value(), won[1].has_value());
  const Job& taken = won[0] ? *won[0] : *won[1];
  EXPECT_EQ(taken.lease_owner, won[0] ? "b" : "c");
  EXPECT_EQ(taken.lease_expires_at, 9'000);
  // a's renewal no longer holds it: a must stop.
  EXPECT_EQ(store->renew_job_leases("a", 10'000), (std::vector<int64_t>{pinned.id}));

  // Queued again, a job gives up its lease; finished, it keeps the name of who ran it.
  Job requeued = taken;
  requeued.state = JobState::queued;
  store->update_job(requeued);
  auto saved = store->find_job(shared.id);
  EXPECT_FALSE(saved->lease_owner);
  EXPECT_FALSE(saved->lease_expires_at);
  ASSERT_TRUE(store->claim_job(shared.id, "b", 12'000));
  auto finished = *store->find_job(shared.id);
  finished.state = JobState::succeeded;
  store->update_job(finished);
  EXPECT_EQ(store->find_job(shared.id)->lease_owner, "b");
  EXPECT_FALSE(store->find_job(shared.id)->lease_expires_at);
  // A job from before leases (running, no lease) counts as abandoned.
  Job old = any;
  auto legacy = store->create_job(old);
  legacy.state = JobState::running;
  store->update_job(legacy);
  auto abandoned = other->abandoned_jobs("b", 0);
  ASSERT_EQ(abandoned.size(), 1u);
  EXPECT_EQ(abandoned[0].id, legacy.id);
}

// An instance paused past its lease (a stopped VM) wakes up after another took its job over:
// neither its job writes nor its checkpointed batches may land over the new owner's work.
TEST_P(StoreTest, only_the_instance_holding_a_jobs_lease_writes_it) {
  auto other = open();
  auto dataset = store->create_dataset("fenced", "");
  Job import;
  import.kind = "import";
  import.dataset_id = dataset.id;
  auto job = store->create_job(import);
  auto held_by_a = store->claim_job(job.id, "a", 2'000);
  ASSERT_TRUE(held_by_a);
  held_by_a->done = 1;
  held_by_a->message = "a at 1";
  EXPECT_TRUE(store->update_held_job(*held_by_a, "a"));
  std::vector<NewRecord> batch = {test_record("from a", true)};
  store->insert_records(dataset.id, batch, JobCheckpoint{job.id, R"({"line":1})", 1, "a"});

  auto held_by_b = other->take_over_job(job.id, "b", 2'001, 9'000);
  ASSERT_TRUE(held_by_b);
  held_by_b->message = "b resumes";
  EXPECT_TRUE(other->update_held_job(*held_by_b, "b"));

  // a wakes up: its progress, its outcome and its next batch are all refused.
  held_by_a->done = 2;
  held_by_a->message = "a at 2";
  EXPECT_FALSE(store->update_held_job(*held_by_a, "a"));
  held_by_a->state = JobState::succeeded;
  EXPECT_FALSE(store->update_held_job(*held_by_a, "a"));
  std::vector<NewRecord> late = {test_record("late from a", true)};
  EXPECT_THROW(
      store->insert_records(dataset.id, late, JobCheckpoint{job.id, R"({"line":2})", 2, "a"}),
      JobLeaseLost);
  auto saved = other->find_job(job.id);
  EXPECT_EQ(saved->state, JobState::running);
  EXPECT_EQ(saved->message, "b resumes");
  EXPECT_EQ(saved->lease_owner, "b");
  EXPECT_EQ(saved->checkpoint_json, R"({"line":1})");
  EXPECT_EQ(other->count_records(dataset.id).total, 1);  // a's late batch left nothing

  // b's own batch and outcome land; once finished, nobody holds it any more.
  other->insert_records(dataset.id, late, JobCheckpoint{job.id, R"({"line":2})", 2, "b"});
  EXPECT_EQ(other->count_records(dataset.id).total, 2);
  held_by_b->state = JobState::succeeded;
  EXPECT_TRUE(other->update_held_job(*held_by_b, "b"));
  EXPECT_FALSE(other->update_held_job(*held_by_b, "b"));
  EXPECT_EQ(store->find_job(job.id)->state, JobState::succeeded);

  // A queued job cancelled before its claim was seen is not running: the claimer's writes fail.
  auto cancelled = store->create_job(import);
  auto claimed = store->claim_job(cancelled.id, "a", 2'000);
  ASSERT_TRUE(claimed);
  Job by_person = *claimed;
  by_person.state = JobState::cancelled;
  store->update_job(by_person);
  EXPECT_FALSE(store->update_held_job(*claimed, "a"));
  EXPECT_EQ(store->find_job(cancelled.id)->state, JobState::cancelled);
}

// Two instances (two handles here) see the same queued jobs; each job must run on exactly one.
TEST_P(StoreTest, two_instances_never_claim_the_same_job) {
  auto other = open();
  std::vector<int64_t> ids;
  for (int n = 0; n < 60; ++n) {
    Job job;
    job.kind = "import";
    ids.push_back(store->create_job(job).id);
  }
  std::vector<int64_t> won[2];
  std::atomic<int> ready{0};
  auto claim_all = [&](Store& handle, std::vector<int64_t>& mine) {
    ++ready;
    while (ready < 2) std::this_thread::yield();
    for (int64_t id : ids) {
      if (handle.claim_job(id, &handle == store.get() ? "a" : "b", kLeaseEnd)) mine.push_back(id);
    }
  };
  std::thread first(claim_all, std::ref(*store), std::ref(won[0]));
  std::thread second(claim_all, std::ref(*other), std::ref(won[1]));
  first.join();
  second.join();
  std::multiset<int64_t> claimed(won[0].begin(), won[0].end());
  claimed.insert(won[1].begin(), won[1].end());
  EXPECT_EQ(claimed.size(), ids.size());
  for (int64_t id : ids) EXPECT_EQ(claimed.count(id), 1u) << "job " << id;
  EXPECT_EQ(store->jobs_in_state(JobState::running).size(), ids.size());
}

// Each batch and each revision bump is a read-modify-write of the dataset's row: none may be
// lost when two instances import into one dataset at once.
TEST_P(StoreTest, batches_from_two_instances_at_once_are_all_kept_and_counted) {
  auto other = open();
  auto dataset = store->create_dataset("shared", "");
  constexpr int kBatches = 15;
  auto import = [&](Store& handle, const std::string& prefix) {
    for (int b = 0; b < kBatches; ++b) {
      std::vector<NewRecord> batch;
      for (int n = 0; n < 20; ++n) {
        batch.push_back(
            test_record(prefix + " " + std::to_string(b) + " " + std::to_string(n), n % 2 == 0,
                        n % 2 ? std::vector<std::pair<std::string, bool>>{{"invalid_json", true}}
                              : std::vector<std::pair<std::string, bool>>{}));
      }
      handle.insert_records(dataset.id, batch);
    }
  };
  std::thread first(import, std::ref(*store), "left");
  std::thread second(import, std::ref(*other), "right");
  first.join();
  second.join();
  EXPECT_EQ(store->count_records(dataset.id).total, 2 * kBatches * 20);
  EXPECT_EQ(other->count_records(dataset.id).valid, kBatches * 20);
  EXPECT_EQ(store->find_dataset(dataset.id)->revision, dataset.revision + 2 * kBatches);
  auto codes = store->count_issue_codes(dataset.id);
  ASSERT_EQ(codes.size(), 1u);
  EXPECT_EQ(codes[0].count, kBatches * 20);
  RecordFilter everything;
  everything.limit = 1000;
  auto ids = store->list_records(dataset.id, everything).items;
  EXPECT_TRUE(std::is_sorted(ids.begin(), ids.end(),
                             [](const Record& a, const Record& b) { return a.id < b.id; }));
}

// Accepting reads a record's verdict and then writes it: two people accepting the same pending
// records on two instances must add each to the dataset once.
TEST_P(StoreTest, accepting_from_two_instances_at_once_adds_each_record_once) {
  auto other = open();
  auto dataset = store->create_dataset("review", "");
  GenerationRun asked;
  asked.dataset_id = dataset.id;
  asked.model = "small";
  asked.review = true;
  auto run = store->create_generation_run(asked);
  EXPECT_TRUE(store->find_generation_run(run.id)->review);
  std::vector<GeneratedRecord> verdicts;
  std::vector<GeneratedRecordToAdd> rows;
  for (int n = 0; n < 30; ++n) {
    verdicts.push_back(verdict("pending", "pending " + std::to_string(n)));
    rows.push_back(joining(run.id, "pending " + std::to_string(n)));
  }
  run.state = "succeeded";
  store->finish_generation_run(run, verdicts, rows);
  EXPECT_EQ(store->count_records(dataset.id).total, 0);  // waiting for review
  auto pending = store->list_generated_records(run.id, std::string("pending"), 0, 100, nullptr);
  ASSERT_EQ(pending.size(), 30u);
  std::vector<GeneratedRecordToAdd> review;
  for (const auto& row : pending) review.push_back(joining(run.id, row.text, row.id));
  std::atomic<int64_t> accepted{0};
  auto accept = [&](Store& handle) { accepted += handle.accept_generated_records(run.id, review); };
  std::thread first(accept, std::ref(*store));
  std::thread second(accept, std::ref(*other));
  first.join();
  second.join();
  EXPECT_EQ(accepted, 30);
  EXPECT_EQ(store->count_records(dataset.id).total, 30);
}

// SQLite serves one instance per data directory, whose cache every write passes through; on
// PostgreSQL another instance's writes must show in this instance's cached aggregates.
TEST_P(StoreTest, cached_aggregates_show_another_instances_writes) {
  if (GetParam() == "sqlite") GTEST_SKIP() << "one instance per SQLite store";
  auto other = open();
  auto dataset = store->create_dataset("cached", "");
  std::vector<NewRecord> batch = {test_record("one", true),
                                  test_record("two", false, {{"invalid_json", true}})};
  store->insert_records(dataset.id, batch);
  EXPECT_EQ(store->count_records(dataset.id).total, 2);  // now cached here
  EXPECT_EQ(store->count_issue_codes(dataset.id).size(), 1u);
  EXPECT_EQ(store->token_length_counts(dataset.id).size(), 1u);
  other->insert_records(dataset.id, batch);
  EXPECT_EQ(store->count_records(dataset.id).total, 4);
  EXPECT_EQ(store->count_issue_codes(dataset.id)[0].count, 2);
  EXPECT_EQ(store->list_records(dataset.id, {}).total, 4);
  auto records = store->list_records(dataset.id, {}).items;
  std::vector<TopicAssignment> assigned = {{records[0].id, "t1", 0.9}};
  int64_t t1 = 0;
  for (const auto& count : store->count_records_by_topic(dataset.id))
    t1 += count.topic == "t1" ? count.count : 0;
  EXPECT_EQ(t1, 0);
  other->assign_topics(dataset.id, assigned, false);
  for (const auto& count : store->count_records_by_topic(dataset.id))
    t1 += count.topic == "t1" ? count.count : 0;
  EXPECT_EQ(t1, 1);
  other->delete_all_records(dataset.id);
  EXPECT_EQ(store->count_records(dataset.id).total, 0);
  EXPECT_TRUE(store->token_length_counts(dataset.id).empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, reinforge::testing::kStoreBackends,
                         reinforge::testing::backend_test_name);

}  // namespace
}  // namespace reinforge::store
