#include <chrono>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "store/dataset_aggregate_cache.hpp"
#include "store/migrations.hpp"
#include "store/sql_builder.hpp"
#include "store/sqlite_connection.hpp"
#include "store/sqlite_generation_rows.hpp"
#include "store/sqlite_record_pages.hpp"
#include "store/sqlite_record_rows.hpp"
#include "store/sqlite_record_search.hpp"
#include "store/store.hpp"
#include "util/clock.hpp"

namespace reinforge::store {
namespace {

constexpr const char* kDatasetColumns =
    "id, name, objective, settings_json, revision, created_at, updated_at";
constexpr const char* kJobColumns =
    "id, dataset_id, kind, state, done, total, message, error, params_json, checkpoint_json, "
    "result_json, cancel_requested, created_at, started_at, finished_at, runs_on, lease_owner, "
    "lease_expires_at";

Dataset read_dataset(const Statement& row) {
  Dataset dataset;
  dataset.id = row.column_int(0);
  dataset.name = row.column_text(1);
  dataset.objective = row.column_text(2);
  dataset.settings_json = row.column_text(3);
  dataset.revision = row.column_int(4);
  dataset.created_at = row.column_int(5);
  dataset.updated_at = row.column_int(6);
  return dataset;
}

Job read_job(const Statement& row) {
  Job job;
  job.id = row.column_int(0);
  job.dataset_id = row.column_optional_int(1);
  job.kind = row.column_text(2);
  job.state = job_state_from_string(row.column_text_view(3)).value_or(JobState::failed);
  job.done = row.column_int(4);
  job.total = row.column_int(5);
  job.message = row.column_text(6);
  job.error = row.column_optional_text(7);
  job.params_json = row.column_text(8);
  job.checkpoint_json = row.column_text(9);
  job.result_json = row.column_optional_text(10);
  job.cancel_requested = row.column_int(11) != 0;
  job.created_at = row.column_int(12);
  job.started_at = row.column_optional_int(13);
  job.finished_at = row.column_optional_int(14);
  job.runs_on = row.column_optional_text(15);
  job.lease_owner = row.column_optional_text(16);
  job.lease_expires_at = row.column_optional_int(17);
  return job;
}

// One connection behind a mutex: SQLite has one writer at a time anyway, and reads here are
// short indexed queries. Long work (imports) commits in batches so readers get turns.
class SqliteStore final : public Store {
 public:
  explicit SqliteStore(const std::filesystem::path& data_dir)
      : connection_(prepare_dir(data_dir) / "reinforge.db") {
    apply_migrations(connection_);
    connection_.checkpoint_in_background();
    search_indexer_ = std::make_unique<RecordSearchIndexer>(data_dir);
    // Searches read the index through a connection of their own: with the index attached, the
    // store's writes (BEGIN IMMEDIATE) would take the index's lock too, and wait for the indexer.
    search_reader_ = std::make_unique<Connection>(data_dir / "reinforge.db");
    // A page of matches reads a few hundred rows: the store's 64 MB page cache would only
    // hold memory.
    search_reader_->execute_script("PRAGMA main.cache_size=-8192;");
    attach_record_search(*search_reader_, data_dir);
  }

  std::optional<std::string> get_setting(const std::string& key) override {
    std::lock_guard lock(mutex_);
    auto statement = connection_.prepare("SELECT value FROM settings WHERE key = ?");
    statement.bind(1, key);
    if (!statement.step()) return std::nullopt;
    return statement.column_text(0);
  }

  void put_setting(const std::string& key, const std::string& value) override {
    std::lock_guard lock(mutex_);
    connection_
        .prepare(
            "INSERT INTO settings(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value")
        .bind(1, key)
        .bind(2, value)
        .execute();
  }

  Dataset create_dataset(const std::string& name, const std::string& objective) override {
    std::lock_guard lock(mutex_);
    int64_t now = util::now_unix_seconds();
    auto statement = connection_.prepare(
        "INSERT INTO datasets(name, objective, created_at, updated_at) VALUES (?, ?, ?, ?)");
    statement.bind(1, name).bind(2, objective).bind(3, now).bind(4, now);
    run_unique(statement, name);
    return *find_dataset_locked(connection_.last_insert_id());
  }

  std::optional<Dataset> find_dataset(int64_t id) override {
    std::lock_guard lock(mutex_);
    return find_dataset_locked(id);
  }

  std::optional<Dataset> find_dataset_by_name(const std::string& name) override {
    std::lock_guard lock(mutex_);
    auto statement = connection_.prepare(select_from(kDatasetColumns, "FROM datasets WHERE name = ?"));
    statement.bind(1, name);
    if (!statement.step()) return std::nullopt;
    return read_dataset(statement);
  }

  std::vector<Dataset> list_datasets() override {
    std::lock_guard lock(mutex_);
    auto statement = connection_.prepare(select_from(kDatasetColumns, "FROM datasets ORDER BY id DESC"));
    std::vector<Dataset> datasets;
    while (statement.step()) datasets.push_back(read_dataset(statement));
    return datasets;
  }

  Dataset update_dataset(const Dataset& dataset) override {
    std::lock_guard lock(mutex_);
    auto statement = connection_.prepare(
        "UPDATE datasets SET name = ?, objective = ?, settings_json = ?, revision = revision + 1, "
        "updated_at = ? WHERE id = ?");
    statement.bind(1, dataset.name)
        .bind(2, dataset.objective)
        .bind(3, dataset.settings_json)
        .bind(4, util::now_unix_seconds())
        .bind(5, dataset.id);
    run_unique(statement, dataset.name);
    return *find_dataset_locked(dataset.id);
  }

  Dataset duplicate_dataset(int64_t id, const std::string& new_name) override {
    std::lock_guard lock(mutex_);
    auto source = find_dataset_locked(id);
    if (!source) throw std::out_of_range("no dataset " + std::to_string(id));
    Transaction transaction(connection_);
    int64_t now = util::now_unix_seconds();
    auto insert = connection_.prepare(
        "INSERT INTO datasets(name, objective, settings_json, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?)");
    insert.bind(1, new_name).bind(2, source->objective).bind(3, source->settings_json).bind(4, now).bind(5, now);
    run_unique(insert, new_name);
    int64_t copy_id = connection_.last_insert_id();
    aggregates_.forget(copy_id);  // a deleted dataset's id can come back
    // Records keep their order; issue codes follow through the old-to-new id offset map.
    connection_
        .prepare(
            "INSERT INTO records(dataset_id, line, origin, valid, issues_json, token_count, preview, "
            "content_hash, trace_id, topic, confidence, topic_manual, updated_at, text) "
            "SELECT ?, line, origin, valid, issues_json, token_count, preview, content_hash, trace_id, "
            "topic, confidence, topic_manual, updated_at, text FROM records WHERE dataset_id = ? ORDER BY id")
        .bind(1, copy_id)
        .bind(2, id)
        .execute();
    connection_
        .prepare(
            "INSERT INTO record_search_changes(first_id, last_id) "
            "SELECT MIN(id), MAX(id) FROM records WHERE dataset_id = ? HAVING COUNT(*) > 0")
        .bind(1, copy_id)
        .execute();
    connection_
        .prepare(
            "INSERT INTO dataset_topics(dataset_id, topic_set_json, source, updated_at, method_json) "
            "SELECT ?, topic_set_json, source, updated_at, method_json FROM dataset_topics WHERE dataset_id = ?")
        .bind(1, copy_id)
        .bind(2, id)
        .execute();
    connection_
        .prepare(
            "INSERT INTO record_issue_codes(record_id, dataset_id, code, is_error) "
            "SELECT copy.id, copy.dataset_id, codes.code, codes.is_error "
            "FROM records AS source "
            "JOIN record_issue_codes AS codes ON codes.record_id = source.id "
            "JOIN records AS copy ON copy.dataset_id = ? "
            " AND copy.id - (SELECT MIN(id) FROM records WHERE dataset_id = ?) = "
            "     source.id - (SELECT MIN(id) FROM records WHERE dataset_id = ?) "
            "WHERE source.dataset_id = ?")
        .bind(1, copy_id)
        .bind(2, copy_id)
        .bind(3, id)
        .bind(4, id)
        .execute();
    transaction.commit();
    return *find_dataset_locked(copy_id);
  }

  bool delete_dataset(int64_t id) override {
    std::lock_guard lock(mutex_);
    aggregates_.forget(id);
    Transaction transaction(connection_);
    connection_.prepare("DELETE FROM record_issue_codes WHERE dataset_id = ?").bind(1, id).execute();
    connection_.prepare("DELETE FROM records WHERE dataset_id = ?").bind(1, id).execute();
    connection_.prepare("DELETE FROM datasets WHERE id = ?").bind(1, id).execute();
    bool deleted = connection_.changes() > 0;
    transaction.commit();
    return deleted;
  }

  RecordCounts count_records(int64_t dataset_id) override {
    std::lock_guard lock(mutex_);
    return count_records_locked(dataset_id);
  }

  std::vector<IssueCodeCount> count_issue_codes(int64_t dataset_id) override {
    std::lock_guard lock(mutex_);
    return count_issue_codes_locked(dataset_id);
  }

  void insert_records(int64_t dataset_id, std::span<const NewRecord> records,
                      const std::optional<JobCheckpoint>& checkpoint) override {
    std::lock_guard lock(mutex_);
    aggregates_.forget(dataset_id);
    Transaction transaction(connection_);
    int64_t now = util::now_unix_seconds();
    int64_t first_id = 0;
    int64_t last_id = 0;
    for (const auto& record : records) {
      last_id = insert_record_locked(dataset_id, record, now);
      if (!first_id) first_id = last_id;
    }
    if (!records.empty()) {
      log_added_for_search_locked(first_id, last_id);
      bump_revision_locked(dataset_id, now);
    }
    if (checkpoint) {
      connection_
          .prepare(
              "UPDATE jobs SET checkpoint_json = ?1, done = ?2 WHERE id = ?3 AND (?4 = '' OR "
              "(state = 'running' AND lease_owner = ?4))")
          .bind(1, checkpoint->checkpoint_json)
          .bind(2, checkpoint->done)
          .bind(3, checkpoint->job_id)
          .bind(4, checkpoint->holder)
          .execute();
      // The transaction rolls back: nothing of the batch is written.
      if (!checkpoint->holder.empty() && connection_.changes() == 0) throw JobLeaseLost();
    }
    transaction.commit();
  }

  std::vector<uint64_t> record_content_hashes(int64_t dataset_id) override {
    std::lock_guard lock(mutex_);
    auto statement = connection_.prepare("SELECT content_hash FROM records WHERE dataset_id = ?");
    statement.bind(1, dataset_id);
    std::vector<uint64_t> hashes;
    while (statement.step()) hashes.push_back(static_cast<uint64_t>(statement.column_int(0)));
    return hashes;
  }

  int64_t delete_all_records(int64_t dataset_id) override {
    std::lock_guard lock(mutex_);
    aggregates_.forget(dataset_id);
    Transaction transaction(connection_);
    connection_.prepare("DELETE FROM record_issue_codes WHERE dataset_id = ?").bind(1, dataset_id).execute();
    connection_
        .prepare(
            "UPDATE generation_records SET status = 'deleted', record_id = NULL WHERE run_id IN "
            "(SELECT id FROM generation_runs WHERE dataset_id = ?) AND record_id IS NOT NULL")
        .bind(1, dataset_id)
        .execute();
    connection_.prepare("DELETE FROM records WHERE dataset_id = ?").bind(1, dataset_id).execute();
    int64_t deleted = connection_.changes();
    bump_revision_locked(dataset_id, util::now_unix_seconds());
    transaction.commit();
    return deleted;
  }

  RecordPage list_records(int64_t dataset_id, const RecordFilter& filter) override {
    if (filter.text_query) return search_records(dataset_id, filter);
    std::lock_guard lock(mutex_);
    return record_pages::list_records(connection_, dataset_id, filter,
                                      cached_total_locked(dataset_id, filter));
  }

  std::optional<Record> get_record(int64_t dataset_id, int64_t record_id) override {
    std::lock_guard lock(mutex_);
    auto statement = connection_.prepare(std::string("SELECT ") + kRecordColumns +
                                         ", text FROM records WHERE dataset_id = ? AND id = ?");
    statement.bind(1, dataset_id).bind(2, record_id);
    if (!statement.step()) return std::nullopt;
    Record record = read_record(statement);
    record.text = statement.column_text(kRecordTextColumn);
    return record;
  }

  bool replace_record(int64_t dataset_id, int64_t record_id, const NewRecord& record) override {
    std::lock_guard lock(mutex_);
    aggregates_.forget(dataset_id);
    Transaction transaction(connection_);
    int64_t now = util::now_unix_seconds();
    auto update = connection_.prepare(
        "UPDATE records SET origin = ?, valid = ?, issues_json = ?, token_count = ?, preview = ?, "
        "content_hash = ?, updated_at = ?, text = ? WHERE dataset_id = ? AND id = ?");
    update.bind(1, record.origin)
        .bind(2, int64_t{record.valid})
        .bind(3, record.issues_json)
        .bind(4, record.token_count)
        .bind(5, record.preview)
        .bind(6, static_cast<int64_t>(record.content_hash))
        .bind(7, now)
        .bind(8, record.text)
        .bind(9, dataset_id)
        .bind(10, record_id)
        .execute();
    if (connection_.changes() == 0) return false;
    connection_.prepare("DELETE FROM record_issue_codes WHERE record_id = ?").bind(1, record_id).execute();
    insert_issue_codes_locked(dataset_id, record_id, record);
    // A generated record's row in its run follows, so the run's review shows what is there.
    connection_.prepare("UPDATE generation_records SET text = ? WHERE record_id = ?")
        .bind(1, record.text)
        .bind(2, record_id)
        .execute();
    bump_revision_locked(dataset_id, now);
    transaction.commit();
    return true;
  }

  int64_t delete_records(int64_t dataset_id, std::span<const int64_t> record_ids) override {
    std::lock_guard lock(mutex_);
    aggregates_.forget(dataset_id);
    Transaction transaction(connection_);
    int64_t deleted = 0;
    for (int64_t record_id : record_ids) deleted += delete_record_locked(dataset_id, record_id);
    if (deleted) bump_revision_locked(dataset_id, util::now_unix_seconds());
    transaction.commit();
    return deleted;
  }

  void for_each_record(int64_t dataset_id, bool valid_only,
                       const std::function<bool(const Record&)>& visit) override {
    // Pages by id so the lock is released between pages and an export of a million records
    // never blocks the API for long.
    int64_t after_id = 0;
    constexpr int64_t kPage = 2000;
    for (;;) {
      std::vector<Record> page;
      {
        std::lock_guard lock(mutex_);
        auto statement = connection_.prepare(
            std::string("SELECT ") + kRecordColumns +
            ", text FROM records WHERE dataset_id = ? AND id > ? AND (? = 0 OR valid = 1) "
            "ORDER BY id LIMIT ?");
        statement.bind(1, dataset_id).bind(2, after_id).bind(3, int64_t{valid_only}).bind(4, kPage);
        while (statement.step()) {
          page.push_back(read_record(statement));
          page.back().text = statement.column_text(kRecordTextColumn);
        }
      }
      for (const auto& record : page) {
        if (!visit(record)) return;
      }
      if (static_cast<int64_t>(page.size()) < kPage) return;
      after_id = page.back().id;
    }
  }

  std::optional<DatasetTopics> get_topics(int64_t dataset_id) override {
    std::lock_guard lock(mutex_);
    auto statement = connection_.prepare(
        "SELECT topic_set_json, source, updated_at, method_json FROM dataset_topics WHERE dataset_id = ?");
    statement.bind(1, dataset_id);
    if (!statement.step()) return std::nullopt;
    return DatasetTopics{statement.column_text(0), statement.column_text(1), statement.column_int(2),
                         statement.column_text(3)};
  }

  void put_topics(int64_t dataset_id, const DatasetTopics& topics, bool clear_assignments) override {
    std::lock_guard lock(mutex_);
    aggregates_.forget(dataset_id);
    Transaction transaction(connection_);
    connection_
        .prepare(
            "INSERT INTO dataset_topics(dataset_id, topic_set_json, source, updated_at, method_json) "
            "VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT(dataset_id) DO UPDATE SET topic_set_json = excluded.topic_set_json, "
            "source = excluded.source, updated_at = excluded.updated_at, method_json = excluded.method_json")
        .bind(1, dataset_id)
        .bind(2, topics.topic_set_json)
        .bind(3, topics.source)
        .bind(4, util::now_unix_seconds())
        .bind(5, topics.method_json)
        .execute();
    if (clear_assignments) {
      connection_
          .prepare("UPDATE records SET topic = NULL, confidence = NULL, topic_manual = 0 WHERE dataset_id = ?")
          .bind(1, dataset_id)
          .execute();
    }
    transaction.commit();
  }

  bool put_topics_method(int64_t dataset_id, const std::string& method_json) override {
    std::lock_guard lock(mutex_);
    connection_.prepare("UPDATE dataset_topics SET method_json = ? WHERE dataset_id = ?")
        .bind(1, method_json)
        .bind(2, dataset_id)
        .execute();
    return connection_.changes() > 0;
  }

  void for_each_record_for_topics(
      int64_t dataset_id, bool unlabeled_only,
      const std::function<bool(const std::vector<RecordForTopics>&)>& visit_page) override {
    int64_t after_id = 0;
    constexpr int64_t kPage = 5000;
    for (;;) {
      std::vector<RecordForTopics> page;
      {
        std::lock_guard lock(mutex_);
        auto statement = connection_.prepare(
            "SELECT id, text, topic, topic_manual FROM records WHERE dataset_id = ? AND valid = 1 "
            "AND id > ? AND (? = 0 OR topic IS NULL) ORDER BY id LIMIT ?");
        statement.bind(1, dataset_id).bind(2, after_id).bind(3, int64_t{unlabeled_only}).bind(4, kPage);
        while (statement.step()) {
          page.push_back({statement.column_int(0), statement.column_text(1),
                          statement.column_optional_text(2), statement.column_int(3) != 0});
        }
      }
      if (page.empty() || !visit_page(page)) return;
      if (static_cast<int64_t>(page.size()) < kPage) return;
      after_id = page.back().id;
    }
  }

  void assign_topics(int64_t dataset_id, std::span<const TopicAssignment> assignments,
                     bool manual) override {
    std::lock_guard lock(mutex_);
    aggregates_.forget(dataset_id);
    Transaction transaction(connection_);
    for (const auto& assignment : assignments) {
      connection_
          .prepare(
              "UPDATE records SET topic = ?, confidence = ?, topic_manual = ? "
              "WHERE id = ? AND dataset_id = ? AND (? = 1 OR topic_manual = 0)")
          .bind(1, assignment.topic)
          .bind(2, assignment.confidence)
          .bind(3, int64_t{manual && assignment.topic.has_value()})
          .bind(4, assignment.record_id)
          .bind(5, dataset_id)
          .bind(6, int64_t{manual})
          .execute();
    }
    transaction.commit();
  }

  int64_t uncategorize_topics_not_in(int64_t dataset_id,
                                     const std::vector<std::string>& topic_ids) override {
    std::lock_guard lock(mutex_);
    aggregates_.forget(dataset_id);
    Transaction transaction(connection_);
    // The kept ids go through a temporary table, bound one by one, never spliced into SQL.
    connection_.execute_script(
        "CREATE TEMP TABLE IF NOT EXISTS kept_topics(id TEXT PRIMARY KEY); DELETE FROM kept_topics;");
    for (const auto& id : topic_ids) {
      connection_.prepare("INSERT OR IGNORE INTO kept_topics(id) VALUES (?)").bind(1, id).execute();
    }
    connection_
        .prepare(
            "UPDATE records SET topic = NULL, confidence = NULL, topic_manual = 0 WHERE dataset_id = ? "
            "AND topic IS NOT NULL AND topic NOT IN (SELECT id FROM kept_topics)")
        .bind(1, dataset_id)
        .execute();
    int64_t changed = connection_.changes();
    transaction.commit();
    return changed;
  }

  int64_t apply_topic_edit(int64_t dataset_id, const TopicEdit& edit) override {
    std::lock_guard lock(mutex_);
    aggregates_.forget(dataset_id);
    Transaction transaction(connection_);
    connection_
        .prepare(
            "INSERT INTO dataset_topics(dataset_id, topic_set_json, source, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(dataset_id) DO UPDATE SET topic_set_json = excluded.topic_set_json, "
            "source = excluded.source, updated_at = excluded.updated_at")
        .bind(1, dataset_id)
        .bind(2, edit.topics.topic_set_json)
        .bind(3, edit.topics.source)
        .bind(4, util::now_unix_seconds())
        .execute();
    int64_t moved = 0;
    for (const auto& from : edit.merged_from) {
      connection_.prepare("UPDATE records SET topic = ? WHERE dataset_id = ? AND topic = ?")
          .bind(1, edit.merged_into)
          .bind(2, dataset_id)
          .bind(3, from)
          .execute();
      moved += connection_.changes();
    }
    for (const auto& assignment : edit.reassigned) {
      connection_.prepare("UPDATE records SET topic = ?, confidence = ? WHERE id = ? AND dataset_id = ? AND topic = ?")
          .bind(1, assignment.topic)
          .bind(2, assignment.confidence)
          .bind(3, assignment.record_id)
          .bind(4, dataset_id)
          .bind(5, edit.reassigned_from)
          .execute();
      moved += connection_.changes();
    }
    transaction.commit();
    return moved;
  }

  std::vector<TopicRecordCount> count_records_by_topic(int64_t dataset_id) override {
    std::lock_guard lock(mutex_);
    auto& cached = aggregates_.entry(dataset_id).topics;
    if (cached) return *cached;
    auto statement = connection_.prepare(
        "SELECT coalesce(topic, ''), origin, "
        "CASE WHEN confidence IS NULL THEN -1 WHEN confidence >= 0.85 THEN 0 "
        "WHEN confidence >= 0.7 THEN 1 ELSE 2 END, COUNT(*), SUM(token_count) "
        "FROM records WHERE dataset_id = ? AND valid = 1 GROUP BY 1, 2, 3");
    statement.bind(1, dataset_id);
    std::vector<TopicRecordCount> counts;
    while (statement.step()) {
      TopicRecordCount count;
      count.topic = statement.column_text(0);
      count.origin = statement.column_text(1);
      int64_t band = statement.column_int(2);
      if (band >= 0) count.band = static_cast<ConfidenceBand>(band);
      count.count = statement.column_int(3);
      count.tokens = statement.column_int(4);
      counts.push_back(std::move(count));
    }
    cached = counts;
    return counts;
  }

  std::vector<std::pair<int64_t, int64_t>> token_length_counts(int64_t dataset_id) override {
    std::lock_guard lock(mutex_);
    auto& cached = aggregates_.entry(dataset_id).token_lengths;
    if (cached) return *cached;
    auto statement = connection_.prepare(
        "SELECT token_count, COUNT(*) FROM records WHERE dataset_id = ? AND valid = 1 GROUP BY token_count");
    statement.bind(1, dataset_id);
    std::vector<std::pair<int64_t, int64_t>> counts;
    while (statement.step()) counts.emplace_back(statement.column_int(0), statement.column_int(1));
    cached = counts;
    return counts;
  }

  GraderRow save_grader(int64_t dataset_id, const std::string& version,
                        const std::string& config_json) override {
    std::lock_guard lock(mutex_);
    connection_
        .prepare("INSERT INTO graders(dataset_id, version, config_json, created_at) VALUES (?, ?, ?, ?)")
        .bind(1, dataset_id)
        .bind(2, version)
        .bind(3, config_json)
        .bind(4, util::now_unix_seconds())
        .execute();
    return *current_grader_locked(dataset_id);
  }

  std::optional<GraderRow> current_grader(int64_t dataset_id) override {
    std::lock_guard lock(mutex_);
    return current_grader_locked(dataset_id);
  }

  void save_grader_test(int64_t grader_id, const std::string& test_json) override {
    std::lock_guard lock(mutex_);
    connection_.prepare("UPDATE graders SET last_test_json = ? WHERE id = ?")
        .bind(1, test_json)
        .bind(2, grader_id)
        .execute();
  }

  std::vector<Record> random_valid_records(int64_t dataset_id, int64_t count) override {
    std::lock_guard lock(mutex_);
    auto statement = connection_.prepare(std::string("SELECT ") + kRecordColumns +
                                         ", text FROM records WHERE dataset_id = ? AND valid = 1 "
                                         "ORDER BY random() LIMIT ?");
    statement.bind(1, dataset_id).bind(2, count);
    std::vector<Record> records;
    while (statement.step()) {
      records.push_back(read_record(statement));
      records.back().text = statement.column_text(kRecordTextColumn);
    }
    return records;
  }

  std::optional<std::string> get_step_state(int64_t dataset_id, const std::string& step) override {
    std::lock_guard lock(mutex_);
    auto statement = connection_.prepare(
        "SELECT state_json FROM dataset_step_state WHERE dataset_id = ? AND step = ?");
    statement.bind(1, dataset_id).bind(2, step);
    if (!statement.step()) return std::nullopt;
    return statement.column_text(0);
  }

  void put_step_state(int64_t dataset_id, const std::string& step,
                      const std::string& state_json) override {
    std::lock_guard lock(mutex_);
    connection_
        .prepare(
            "INSERT INTO dataset_step_state(dataset_id, step, state_json) VALUES (?, ?, ?) "
            "ON CONFLICT(dataset_id, step) DO UPDATE SET state_json = excluded.state_json")
        .bind(1, dataset_id)
        .bind(2, step)
        .bind(3, state_json)
        .execute();
  }

  // Generation runs.
  GenerationRun create_generation_run(const GenerationRun& run) override {
    std::lock_guard lock(mutex_);
    GenerationRun created = run;
    created.id = generation_rows::insert_run(connection_, run);
    return created;
  }

  std::optional<GenerationRun> find_generation_run(int64_t run_id) override {
    std::lock_guard lock(mutex_);
    return generation_rows::find_run(connection_, run_id);
  }

  std::vector<GenerationRun> list_generation_runs(int64_t dataset_id) override {
    std::lock_guard lock(mutex_);
    return generation_rows::list_runs(connection_, dataset_id);
  }

  void finish_generation_run(const GenerationRun& run, std::span<const GeneratedRecord> records,
                             std::span<const GeneratedRecordToAdd> accepted) override {
    std::lock_guard lock(mutex_);
    aggregates_.forget(run.dataset_id);
    Transaction transaction(connection_);
    int64_t now = util::now_unix_seconds();
    std::size_t next_accepted = 0;
    bool added = false;
    for (const auto& verdict : records) {
      GeneratedRecord row = verdict;
      row.run_id = run.id;
      bool joins = row.status == "accepted" || row.status == "pending";
      if (joins && next_accepted < accepted.size()) {
        const auto& add = accepted[next_accepted++];
        if (row.status == "accepted") {
          row.record_id = add_generated_locked(run.dataset_id, add, now);
          added = true;
        }
      }
      generation_rows::insert_record(connection_, row);
    }
    if (added) bump_revision_locked(run.dataset_id, now);
    generation_rows::update_run_outcome(connection_, run);
    transaction.commit();
  }

  std::vector<GeneratedRecord> list_generated_records(int64_t run_id,
                                                      const std::optional<std::string>& status,
                                                      int64_t offset, int64_t limit,
                                                      int64_t* total) override {
    std::lock_guard lock(mutex_);
    return generation_rows::list_records(connection_, run_id, status, offset, limit, total);
  }

  std::optional<GeneratedRecord> find_generated_record(int64_t run_id, int64_t id) override {
    std::lock_guard lock(mutex_);
    return generation_rows::find_record(connection_, run_id, id);
  }

  std::vector<std::pair<std::string, int64_t>> count_generated_records(int64_t run_id) override {
    std::lock_guard lock(mutex_);
    return generation_rows::count_by_status(connection_, run_id);
  }

  int64_t accept_generated_records(int64_t run_id,
                                   std::span<const GeneratedRecordToAdd> records) override {
    std::lock_guard lock(mutex_);
    auto run = generation_rows::find_run(connection_, run_id);
    if (!run) return 0;
    aggregates_.forget(run->dataset_id);
    Transaction transaction(connection_);
    int64_t now = util::now_unix_seconds();
    int64_t accepted = 0;
    for (const auto& add : records) {
      auto row = generation_rows::find_record(connection_, run_id, add.generated_id);
      if (!row || (row->status != "pending" && row->status != "rejected")) continue;
      int64_t record_id = add_generated_locked(run->dataset_id, add, now);
      generation_rows::set_record_status(connection_, row->id, "accepted", record_id);
      generation_rows::set_record_text(connection_, row->id, add.record.text);
      ++accepted;
    }
    if (accepted > 0) bump_revision_locked(run->dataset_id, now);
    transaction.commit();
    return accepted;
  }

  bool edit_generated_record(int64_t run_id, int64_t id, const NewRecord& record) override {
    int64_t dataset_id = 0;
    std::optional<int64_t> record_id;
    {
      std::lock_guard lock(mutex_);
      auto row = generation_rows::find_record(connection_, run_id, id);
      auto run = generation_rows::find_run(connection_, run_id);
      if (!row || !run || row->status == "deleted") return false;
      generation_rows::set_record_text(connection_, id, record.text);
      dataset_id = run->dataset_id;
      record_id = row->record_id;
    }
    return !record_id || replace_record(dataset_id, *record_id, record);
  }

  bool delete_generated_record(int64_t run_id, int64_t id) override {
    std::lock_guard lock(mutex_);
    auto row = generation_rows::find_record(connection_, run_id, id);
    auto run = generation_rows::find_run(connection_, run_id);
    if (!row || !run || row->status == "deleted") return false;
    aggregates_.forget(run->dataset_id);
    Transaction transaction(connection_);
    if (row->record_id) delete_record_locked(run->dataset_id, *row->record_id);
    generation_rows::set_record_status(connection_, id, "deleted", std::nullopt);
    bump_revision_locked(run->dataset_id, util::now_unix_seconds());
    transaction.commit();
    return true;
  }

  std::optional<int64_t> delete_generation_run(int64_t run_id) override {
    std::lock_guard lock(mutex_);
    auto run = generation_rows::find_run(connection_, run_id);
    if (!run) return std::nullopt;
    aggregates_.forget(run->dataset_id);
    Transaction transaction(connection_);
    std::vector<int64_t> record_ids;
    {
      auto ids = connection_.prepare(
          "SELECT id FROM records WHERE dataset_id = ? AND generation_run_id = ?");
      ids.bind(1, run->dataset_id).bind(2, run_id);
      while (ids.step()) record_ids.push_back(ids.column_int(0));
    }
    for (int64_t record_id : record_ids) delete_record_locked(run->dataset_id, record_id);
    connection_.prepare("DELETE FROM generation_runs WHERE id = ?").bind(1, run_id).execute();
    bump_revision_locked(run->dataset_id, util::now_unix_seconds());
    transaction.commit();
    return static_cast<int64_t>(record_ids.size());
  }

  Job create_job(const Job& job) override {
    std::lock_guard lock(mutex_);
    connection_
        .prepare(
            "INSERT INTO jobs(dataset_id, kind, state, total, message, params_json, created_at, "
            "runs_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(1, job.dataset_id)
        .bind(2, job.kind)
        .bind(3, to_string(job.state))
        .bind(4, job.total)
        .bind(5, job.message)
        .bind(6, job.params_json)
        .bind(7, util::now_unix_seconds())
        .bind(8, job.runs_on)
        .execute();
    return *find_job_locked(connection_.last_insert_id());
  }

  std::optional<Job> find_job(int64_t id) override {
    std::lock_guard lock(mutex_);
    return find_job_locked(id);
  }

  std::vector<Job> list_jobs(std::optional<int64_t> dataset_id, int64_t limit) override {
    std::lock_guard lock(mutex_);
    auto statement = connection_.prepare(
        select_from(kJobColumns, "FROM jobs WHERE (?1 IS NULL OR dataset_id = ?1) ORDER BY id DESC LIMIT ?2"));
    statement.bind(1, dataset_id).bind(2, limit);
    std::vector<Job> jobs;
    while (statement.step()) jobs.push_back(read_job(statement));
    return jobs;
  }

  std::vector<Job> jobs_in_state(JobState state) override {
    std::lock_guard lock(mutex_);
    auto statement = connection_.prepare(select_from(kJobColumns, "FROM jobs WHERE state = ? ORDER BY id"));
    statement.bind(1, to_string(state));
    std::vector<Job> jobs;
    while (statement.step()) jobs.push_back(read_job(statement));
    return jobs;
  }

  void update_job(const Job& job) override { write_job(job, std::nullopt); }

  bool update_held_job(const Job& job, const std::string& instance) override {
    return write_job(job, instance);
  }

  void request_job_cancel(int64_t id) override {
    std::lock_guard lock(mutex_);
    connection_.prepare("UPDATE jobs SET cancel_requested = 1 WHERE id = ?").bind(1, id).execute();
  }

  std::optional<Job> claim_job(int64_t id, const std::string& instance,
                               int64_t lease_expires_at) override {
    std::lock_guard lock(mutex_);
    // One statement: SQLite's write lock makes the check and the change one step for every
    // connection to the file.
    connection_
        .prepare(
            "UPDATE jobs SET state = 'running', started_at = coalesce(started_at, ?1), "
            "lease_owner = ?3, lease_expires_at = ?4 "
            "WHERE id = ?2 AND state = 'queued' AND (runs_on IS NULL OR runs_on = ?3)")
        .bind(1, util::now_unix_seconds())
        .bind(2, id)
        .bind(3, instance)
        .bind(4, lease_expires_at)
        .execute();
    if (connection_.changes() == 0) return std::nullopt;
    return find_job_locked(id);
  }

  std::vector<int64_t> renew_job_leases(const std::string& instance,
                                        int64_t lease_expires_at) override {
    std::lock_guard lock(mutex_);
    auto statement = connection_.prepare(
        "UPDATE jobs SET lease_expires_at = ?2 WHERE state = 'running' AND lease_owner = ?1 "
        "RETURNING id");
    statement.bind(1, instance).bind(2, lease_expires_at);
    std::vector<int64_t> held;
    while (statement.step()) held.push_back(statement.column_int(0));
    return held;
  }

  std::vector<Job> claimable_jobs(const std::string& instance, int64_t limit) override {
    std::lock_guard lock(mutex_);
    auto statement = connection_.prepare(select_from(
        kJobColumns,
        "FROM jobs WHERE state = 'queued' AND (runs_on IS NULL OR runs_on = ?1) ORDER BY id "
        "LIMIT ?2"));
    statement.bind(1, instance).bind(2, limit);
    std::vector<Job> jobs;
    while (statement.step()) jobs.push_back(read_job(statement));
    return jobs;
  }

  std::vector<Job> abandoned_jobs(const std::string& instance, int64_t now) override {
    std::lock_guard lock(mutex_);
    auto statement = connection_.prepare(select_from(
        kJobColumns,
        "FROM jobs WHERE state = 'running' AND (lease_expires_at IS NULL OR lease_expires_at < ?2 "
        "OR lease_owner = ?1) ORDER BY id"));
    statement.bind(1, instance).bind(2, now);
    std::vector<Job> jobs;
    while (statement.step()) jobs.push_back(read_job(statement));
    return jobs;
  }

  std::optional<Job> take_over_job(int64_t id, const std::string& instance, int64_t now,
                                   int64_t lease_expires_at) override {
    std::lock_guard lock(mutex_);
    connection_
        .prepare(
            "UPDATE jobs SET lease_owner = ?2, lease_expires_at = ?4 WHERE id = ?1 AND "
            "state = 'running' AND (lease_expires_at IS NULL OR lease_expires_at < ?3 OR "
            "lease_owner = ?2)")
        .bind(1, id)
        .bind(2, instance)
        .bind(3, now)
        .bind(4, lease_expires_at)
        .execute();
    if (connection_.changes() == 0) return std::nullopt;
    return find_job_locked(id);
  }

 private:
  static std::filesystem::path prepare_dir(const std::filesystem::path& data_dir) {
    std::filesystem::create_directories(data_dir);
    return data_dir;
  }

  RecordCounts count_records_locked(int64_t dataset_id) {
    auto& cached = aggregates_.entry(dataset_id).records;
    if (cached) return *cached;
    auto statement = connection_.prepare(
        "SELECT valid, COUNT(*) FROM records WHERE dataset_id = ? GROUP BY valid");
    statement.bind(1, dataset_id);
    RecordCounts counts;
    while (statement.step()) {
      (statement.column_int(0) ? counts.valid : counts.invalid) = statement.column_int(1);
    }
    counts.total = counts.valid + counts.invalid;
    cached = counts;
    return counts;
  }

  std::vector<IssueCodeCount> count_issue_codes_locked(int64_t dataset_id) {
    auto& cached = aggregates_.entry(dataset_id).issue_codes;
    if (cached) return *cached;
    auto statement = connection_.prepare(
        "SELECT code, is_error, COUNT(*) FROM record_issue_codes WHERE dataset_id = ? "
        "GROUP BY code, is_error ORDER BY COUNT(*) DESC");
    statement.bind(1, dataset_id);
    std::vector<IssueCodeCount> counts;
    while (statement.step()) {
      counts.push_back({statement.column_text(0), statement.column_int(1) != 0, statement.column_int(2)});
    }
    cached = counts;
    return counts;
  }

  // The exact total of a records filter the cached aggregates count (none, validity, or an
  // issue code alone): the records overlay then shows "1,000,000 records", not "10,000+".
  // The index follows the store's writes on a thread of its own, so a search first waits a
  // moment for the changes made before it (an edit, then a search for its new words), and says
  // so when it answers without them (an import in progress).
  RecordPage search_records(int64_t dataset_id, const RecordFilter& filter) {
    constexpr auto kWaitForIndex = std::chrono::seconds(1);
    int64_t last_change = 0;
    {
      std::lock_guard lock(mutex_);
      last_change = last_record_search_change(connection_);
    }
    bool searchable = search_indexer_->wait_until_searchable(last_change, kWaitForIndex);
    std::lock_guard lock(search_mutex_);
    auto page = record_pages::list_records(*search_reader_, dataset_id, filter, std::nullopt);
    page.search_catching_up = !searchable;
    return page;
  }

  // Logs records added as one id range, for the search index to take in.
  void log_added_for_search_locked(int64_t first_id, int64_t last_id) {
    connection_.prepare("INSERT INTO record_search_changes(first_id, last_id) VALUES (?, ?)")
        .bind(1, first_id)
        .bind(2, last_id)
        .execute();
  }

  std::optional<int64_t> cached_total_locked(int64_t dataset_id, const RecordFilter& filter) {
    if (filter.text_query || filter.topic || filter.confidence || filter.origin) return std::nullopt;
    if (filter.issue_code) {
      if (filter.valid) return std::nullopt;
      int64_t total = 0;
      for (const auto& count : count_issue_codes_locked(dataset_id)) {
        if (count.code == *filter.issue_code) total += count.count;
      }
      return total;
    }
    auto counts = count_records_locked(dataset_id);
    if (!filter.valid) return counts.total;
    return *filter.valid ? counts.valid : counts.invalid;
  }

  static void run_unique(Statement& statement, const std::string& name) {
    try {
      statement.execute();
    } catch (const std::invalid_argument&) {
      throw dataset_name_taken(name);
    }
  }

  std::optional<Dataset> find_dataset_locked(int64_t id) {
    auto statement = connection_.prepare(select_from(kDatasetColumns, "FROM datasets WHERE id = ?"));
    statement.bind(1, id);
    if (!statement.step()) return std::nullopt;
    return read_dataset(statement);
  }

  std::optional<GraderRow> current_grader_locked(int64_t dataset_id) {
    auto statement = connection_.prepare(
        "SELECT id, dataset_id, version, config_json, created_at, last_test_json FROM graders "
        "WHERE dataset_id = ? ORDER BY id DESC LIMIT 1");
    statement.bind(1, dataset_id);
    if (!statement.step()) return std::nullopt;
    return GraderRow{statement.column_int(0), statement.column_int(1), statement.column_text(2),
                     statement.column_text(3), statement.column_int(4), statement.column_optional_text(5)};
  }

  // update_job, or update_held_job when `holder` is given; returns whether the row was written.
  bool write_job(const Job& job, const std::optional<std::string>& holder) {
    std::lock_guard lock(mutex_);
    connection_
        .prepare(
            "UPDATE jobs SET state = ?1, done = ?2, total = ?3, message = ?4, error = ?5, "
            "result_json = ?6, started_at = ?7, finished_at = ?8, "
            "lease_owner = CASE WHEN ?1 = 'queued' THEN NULL ELSE lease_owner END, "
            "lease_expires_at = CASE WHEN ?1 = 'running' THEN lease_expires_at END WHERE id = ?9 "
            "AND (?10 IS NULL OR (state = 'running' AND lease_owner = ?10))")
        .bind(1, to_string(job.state))
        .bind(2, job.done)
        .bind(3, job.total)
        .bind(4, job.message)
        .bind(5, job.error)
        .bind(6, job.result_json)
        .bind(7, job.started_at)
        .bind(8, job.finished_at)
        .bind(9, job.id)
        .bind(10, holder)
        .execute();
    return connection_.changes() > 0;
  }

  std::optional<Job> find_job_locked(int64_t id) {
    auto statement = connection_.prepare(select_from(kJobColumns, "FROM jobs WHERE id = ?"));
    statement.bind(1, id);
    if (!statement.step()) return std::nullopt;
    return read_job(statement);
  }

  // Adds one generated record with its topic, logged for the search index.
  int64_t add_generated_locked(int64_t dataset_id, const GeneratedRecordToAdd& add, int64_t now) {
    int64_t record_id = insert_record_locked(dataset_id, add.record, now);
    connection_.prepare("UPDATE records SET topic = ?, confidence = ? WHERE id = ?")
        .bind(1, add.topic)
        .bind(2, add.confidence)
        .bind(3, record_id)
        .execute();
    log_added_for_search_locked(record_id, record_id);
    return record_id;
  }

  // Deletes one record with its issue codes; a generation run that wrote it shows it deleted.
  // Returns 1 when the record was there.
  int64_t delete_record_locked(int64_t dataset_id, int64_t record_id) {
    connection_.prepare("DELETE FROM record_issue_codes WHERE record_id = ? AND dataset_id = ?")
        .bind(1, record_id)
        .bind(2, dataset_id)
        .execute();
    connection_.prepare("DELETE FROM records WHERE id = ? AND dataset_id = ?")
        .bind(1, record_id)
        .bind(2, dataset_id)
        .execute();
    int64_t deleted = connection_.changes();
    if (deleted) {
      connection_
          .prepare(
              "UPDATE generation_records SET status = 'deleted', record_id = NULL "
              "WHERE record_id = ?")
          .bind(1, record_id)
          .execute();
    }
    return deleted;
  }

  void bump_revision_locked(int64_t dataset_id, int64_t now) {
    connection_.prepare("UPDATE datasets SET revision = revision + 1, updated_at = ? WHERE id = ?")
        .bind(1, now)
        .bind(2, dataset_id)
        .execute();
  }

  // Inserts the row and its issue codes; the caller logs it for the search index.
  int64_t insert_record_locked(int64_t dataset_id, const NewRecord& record, int64_t now) {
    connection_
        .prepare(
            "INSERT INTO records(dataset_id, line, origin, valid, issues_json, token_count, preview, "
            "content_hash, trace_id, updated_at, text, generation_run_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(1, dataset_id)
        .bind(2, record.line)
        .bind(3, record.origin)
        .bind(4, int64_t{record.valid})
        .bind(5, record.issues_json)
        .bind(6, record.token_count)
        .bind(7, record.preview)
        .bind(8, static_cast<int64_t>(record.content_hash))
        .bind(9, record.trace_id)
        .bind(10, now)
        .bind(11, record.text)
        .bind(12, record.generation_run_id)
        .execute();
    int64_t record_id = connection_.last_insert_id();
    if (!record.issue_codes.empty()) insert_issue_codes_locked(dataset_id, record_id, record);
    return record_id;
  }

  void insert_issue_codes_locked(int64_t dataset_id, int64_t record_id, const NewRecord& record) {
    for (const auto& [code, is_error] : record.issue_codes) {
      connection_
          .prepare(
              "INSERT OR IGNORE INTO record_issue_codes(record_id, dataset_id, code, is_error) "
              "VALUES (?, ?, ?, ?)")
          .bind(1, record_id)
          .bind(2, dataset_id)
          .bind(3, code)
          .bind(4, int64_t{is_error})
          .execute();
    }
  }

  std::mutex mutex_;
  DatasetAggregateCache aggregates_;  // guarded by mutex_
  Connection connection_;
  std::unique_ptr<RecordSearchIndexer> search_indexer_;
  std::mutex search_mutex_;
  std::unique_ptr<Connection> search_reader_;  // guarded by search_mutex_
};

}  // namespace

std::string_view to_string(JobState state) {
  switch (state) {
    case JobState::queued: return "queued";
    case JobState::running: return "running";
    case JobState::succeeded: return "succeeded";
    case JobState::failed: return "failed";
    case JobState::cancelled: return "cancelled";
  }
  return "failed";
}

std::optional<JobState> job_state_from_string(std::string_view text) {
  for (auto state : {JobState::queued, JobState::running, JobState::succeeded, JobState::failed,
                     JobState::cancelled}) {
    if (to_string(state) == text) return state;
  }
  return std::nullopt;
}

std::unique_ptr<Store> open_sqlite_store(const std::filesystem::path& data_dir) {
  return std::make_unique<SqliteStore>(data_dir);
}

}  // namespace reinforge::store
