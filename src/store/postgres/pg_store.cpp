// Store on PostgreSQL: the same rows and rules as sqlite_store.cpp, for several instances on one
// database (docs/postgresql.md). The records list, the generation runs' SQL, the shared record
// writes and the jobs' SQL have files of their own, as on the SQLite side.
#include "store/postgres/pg_store.hpp"

#include <algorithm>
#include <map>

#include "store/postgres/pg_aggregate_cache.hpp"
#include "store/postgres/pg_arrays.hpp"
#include "store/postgres/pg_generation_rows.hpp"
#include "store/postgres/pg_job_rows.hpp"
#include "store/postgres/pg_migrations.hpp"
#include "store/postgres/pg_pool.hpp"
#include "store/postgres/pg_record_pages.hpp"
#include "store/postgres/pg_record_rows.hpp"
#include "store/postgres/pg_record_writes.hpp"
#include "store/postgres/pg_text_search.hpp"
#include "util/clock.hpp"

namespace reinforge::store::postgres {
namespace {

constexpr const char* kDatasetColumns =
    "id, name, objective, settings_json, revision, created_at, updated_at";

Dataset read_dataset(const PgResult& rows, int row) {
  Dataset dataset;
  dataset.id = rows.int_at(row, 0);
  dataset.name = rows.text_at(row, 1);
  dataset.objective = rows.text_at(row, 2);
  dataset.settings_json = rows.text_at(row, 3);
  dataset.revision = rows.int_at(row, 4);
  dataset.created_at = rows.int_at(row, 5);
  dataset.updated_at = rows.int_at(row, 6);
  return dataset;
}

// Runs a write that may clash with another dataset's name; the clash becomes a ConflictError.
template <typename Write>
auto unique_name(const std::string& name, Write write) {
  try {
    return write();
  } catch (const PgError& error) {
    if (error.unique_violation()) throw dataset_name_taken(name);
    throw;
  }
}

std::optional<Dataset> find_dataset_on(PgConnection& connection, int64_t id) {
  auto rows = connection.exec(
      std::string("SELECT ") + kDatasetColumns + " FROM datasets WHERE id = $1", {id});
  if (rows.rows() == 0) return std::nullopt;
  return read_dataset(rows, 0);
}

class PgStore final : public Store {
 public:
  // A few connections: the server's handlers, the job workers and the gateway share the store.
  explicit PgStore(const std::string& conninfo) : pool_(conninfo, 8) {
    auto connection = pool_.lease();
    apply_pg_migrations(*connection);
  }

  std::optional<std::string> get_setting(const std::string& key) override {
    auto connection = pool_.lease();
    return first_text(connection->exec("SELECT value FROM settings WHERE key = $1", {key}));
  }

  void put_setting(const std::string& key, const std::string& value) override {
    auto connection = pool_.lease();
    connection->exec(
        "INSERT INTO settings (key, value) VALUES ($1, $2) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        {key, value});
  }

  Dataset create_dataset(const std::string& name, const std::string& objective) override {
    auto connection = pool_.lease();
    int64_t now = util::now_unix_seconds();
    return unique_name(name, [&] {
      return read_dataset(
          connection->exec(
              std::string("INSERT INTO datasets (name, objective, created_at, updated_at) "
                          "VALUES ($1, $2, $3, $3) RETURNING ") +
                  kDatasetColumns,
              {name, objective, now}),
          0);
    });
  }

  std::optional<Dataset> find_dataset(int64_t id) override {
    auto connection = pool_.lease();
    return find_dataset_on(*connection, id);
  }

  std::optional<Dataset> find_dataset_by_name(const std::string& name) override {
    auto connection = pool_.lease();
    auto rows = connection->exec(
        std::string("SELECT ") + kDatasetColumns + " FROM datasets WHERE name = $1", {name});
    if (rows.rows() == 0) return std::nullopt;
    return read_dataset(rows, 0);
  }

  std::vector<Dataset> list_datasets() override {
    auto connection = pool_.lease();
    auto rows = connection->exec(std::string("SELECT ") + kDatasetColumns +
                                 " FROM datasets ORDER BY id DESC");
    std::vector<Dataset> datasets;
    for (int row = 0; row < rows.rows(); ++row) datasets.push_back(read_dataset(rows, row));
    return datasets;
  }

  Dataset update_dataset(const Dataset& dataset) override {
    auto connection = pool_.lease();
    auto rows = unique_name(dataset.name, [&] {
      return connection->exec(
          std::string("UPDATE datasets SET name = $1, objective = $2, settings_json = $3, "
                      "revision = revision + 1, updated_at = $4 WHERE id = $5 RETURNING ") +
              kDatasetColumns,
          {dataset.name, dataset.objective, dataset.settings_json, util::now_unix_seconds(),
           dataset.id});
    });
    // As SQLite's, which reads the row back: a dataset that is gone is a caller's error.
    if (rows.rows() == 0) throw std::out_of_range("no dataset " + std::to_string(dataset.id));
    return read_dataset(rows, 0);
  }

  Dataset duplicate_dataset(int64_t id, const std::string& new_name) override {
    auto connection = pool_.lease();
    PgTransaction transaction(*connection);
    // One snapshot for every statement: the issue codes follow the records by their rank in id
    // order, which a deletion by another instance between two statements would shift.
    connection->execute_script("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
    auto source = find_dataset_on(*connection, id);
    if (!source) throw std::out_of_range("no dataset " + std::to_string(id));
    int64_t now = util::now_unix_seconds();
    int64_t copy_id = unique_name(new_name, [&] {
      return connection
          ->exec(
              "INSERT INTO datasets (name, objective, settings_json, created_at, updated_at) "
              "VALUES ($1, $2, $3, $4, $4) RETURNING id",
              {new_name, source->objective, source->settings_json, now})
          .int_at(0, 0);
    });
    // Records keep their order: the ids are drawn in the ORDER BY's order.
    connection->exec(
        "INSERT INTO records (dataset_id, line, origin, valid, issues_json, token_count, preview, "
        "content_hash, trace_id, topic, confidence, topic_manual, updated_at, text, search) "
        "SELECT $1, line, origin, valid, issues_json, token_count, preview, content_hash, "
        "trace_id, topic, confidence, topic_manual, updated_at, text, search "
        "FROM records WHERE dataset_id = $2 "
        "ORDER BY id",
        {copy_id, id});
    connection->exec(
        "INSERT INTO record_issue_codes (record_id, dataset_id, code, is_error) "
        "SELECT copy.id, $1, codes.code, codes.is_error "
        "FROM (SELECT id, row_number() OVER (ORDER BY id) AS rank FROM records "
        "      WHERE dataset_id = $2) AS source "
        "JOIN (SELECT id, row_number() OVER (ORDER BY id) AS rank FROM records "
        "      WHERE dataset_id = $1) AS copy ON copy.rank = source.rank "
        "JOIN record_issue_codes AS codes ON codes.record_id = source.id",
        {copy_id, id});
    connection->exec(
        "INSERT INTO dataset_topics (dataset_id, topic_set_json, source, updated_at, method_json) "
        "SELECT $1, topic_set_json, source, updated_at, method_json FROM dataset_topics "
        "WHERE dataset_id = $2",
        {copy_id, id});
    auto copy = find_dataset_on(*connection, copy_id);
    transaction.commit();
    return *copy;
  }

  bool delete_dataset(int64_t id) override {
    auto connection = pool_.lease();
    PgTransaction transaction(*connection);
    // The issue codes first in one statement; the rest (records, jobs, topics, graders, runs)
    // goes through the foreign keys' ON DELETE CASCADE.
    connection->exec("SELECT id FROM datasets WHERE id = $1 FOR UPDATE", {id});
    connection->exec("DELETE FROM record_issue_codes WHERE dataset_id = $1", {id});
    bool deleted = connection->exec("DELETE FROM datasets WHERE id = $1", {id}).affected() > 0;
    transaction.commit();
    return deleted;
  }

  RecordCounts count_records(int64_t dataset_id) override {
    auto connection = pool_.lease();
    return record_counts(*connection, dataset_id);
  }

  std::vector<IssueCodeCount> count_issue_codes(int64_t dataset_id) override {
    auto connection = pool_.lease();
    return issue_code_counts(*connection, dataset_id);
  }

  void insert_records(int64_t dataset_id, std::span<const NewRecord> records,
                      const std::optional<JobCheckpoint>& checkpoint) override {
    auto connection = pool_.lease();
    PgTransaction transaction(*connection);
    record_writes::forget_aggregates(*connection, dataset_id);
    int64_t now = util::now_unix_seconds();
    record_writes::insert_records(*connection, dataset_id, records, now);
    if (!records.empty()) record_writes::bump_revision(*connection, dataset_id, now);
    if (checkpoint) {
      auto written = connection->exec(
          "UPDATE jobs SET checkpoint_json = $1, done = $2 WHERE id = $3 AND ($4 = '' OR "
          "(state = 'running' AND lease_owner = $4))",
          {checkpoint->checkpoint_json, checkpoint->done, checkpoint->job_id, checkpoint->holder});
      // The transaction rolls back: nothing of the batch is written.
      if (!checkpoint->holder.empty() && written.affected() == 0) throw JobLeaseLost();
    }
    transaction.commit();
  }

  std::vector<uint64_t> record_content_hashes(int64_t dataset_id) override {
    auto connection = pool_.lease();
    auto rows =
        connection->exec("SELECT content_hash FROM records WHERE dataset_id = $1", {dataset_id});
    std::vector<uint64_t> hashes;
    hashes.reserve(rows.rows());
    for (int row = 0; row < rows.rows(); ++row)
      hashes.push_back(static_cast<uint64_t>(rows.int_at(row, 0)));
    return hashes;
  }

  int64_t delete_all_records(int64_t dataset_id) override {
    auto connection = pool_.lease();
    PgTransaction transaction(*connection);
    record_writes::forget_aggregates(*connection, dataset_id);
    connection->exec("DELETE FROM record_issue_codes WHERE dataset_id = $1", {dataset_id});
    connection->exec(
        "UPDATE generation_records SET status = 'deleted', record_id = NULL WHERE run_id IN "
        "(SELECT id FROM generation_runs WHERE dataset_id = $1) AND record_id IS NOT NULL",
        {dataset_id});
    int64_t deleted =
        connection->exec("DELETE FROM records WHERE dataset_id = $1", {dataset_id}).affected();
    record_writes::bump_revision(*connection, dataset_id, util::now_unix_seconds());
    transaction.commit();
    return deleted;
  }

  RecordPage list_records(int64_t dataset_id, const RecordFilter& filter) override {
    auto connection = pool_.lease();
    return postgres::list_records(*connection, dataset_id, filter,
                                  cached_total(*connection, dataset_id, filter));
  }

  std::optional<Record> get_record(int64_t dataset_id, int64_t record_id) override {
    auto connection = pool_.lease();
    auto rows = connection->exec(std::string("SELECT ") + kRecordColumns +
                                     ", text FROM records WHERE dataset_id = $1 AND id = $2",
                                 {dataset_id, record_id});
    if (rows.rows() == 0) return std::nullopt;
    return read_record_with_text(rows, 0);
  }

  bool replace_record(int64_t dataset_id, int64_t record_id, const NewRecord& record) override {
    auto connection = pool_.lease();
    return replace_record_on(*connection, dataset_id, record_id, record);
  }

  int64_t delete_records(int64_t dataset_id, std::span<const int64_t> record_ids) override {
    auto connection = pool_.lease();
    PgTransaction transaction(*connection);
    record_writes::forget_aggregates(*connection, dataset_id);
    int64_t deleted = record_writes::delete_records(*connection, dataset_id, record_ids);
    if (deleted) record_writes::bump_revision(*connection, dataset_id, util::now_unix_seconds());
    transaction.commit();
    return deleted;
  }

  void for_each_record(int64_t dataset_id, bool valid_only,
                       const std::function<bool(const Record&)>& visit) override {
    // Pages by id, each on a connection leased for that page only, so an export of a million
    // records holds no connection while the caller writes the file.
    int64_t after_id = 0;
    constexpr int64_t kPage = 2000;
    for (;;) {
      std::vector<Record> page;
      {
        auto connection = pool_.lease();
        auto rows = connection->exec(std::string("SELECT ") + kRecordColumns +
                                         ", text FROM records WHERE dataset_id = $1 AND id > $2 "
                                         "AND ($3 = 0 OR valid) ORDER BY id LIMIT $4",
                                     {dataset_id, after_id, int64_t{valid_only}, kPage});
        for (int row = 0; row < rows.rows(); ++row)
          page.push_back(read_record_with_text(rows, row));
      }
      for (const auto& record : page) {
        if (!visit(record)) return;
      }
      if (static_cast<int64_t>(page.size()) < kPage) return;
      after_id = page.back().id;
    }
  }

  std::optional<DatasetTopics> get_topics(int64_t dataset_id) override {
    auto connection = pool_.lease();
    auto rows = connection->exec(
        "SELECT topic_set_json, source, updated_at, method_json FROM dataset_topics WHERE "
        "dataset_id = $1",
        {dataset_id});
    if (rows.rows() == 0) return std::nullopt;
    return DatasetTopics{rows.text_at(0, 0), rows.text_at(0, 1), rows.int_at(0, 2),
                         rows.text_at(0, 3)};
  }

  void put_topics(int64_t dataset_id, const DatasetTopics& topics,
                  bool clear_assignments) override {
    auto connection = pool_.lease();
    PgTransaction transaction(*connection);
    record_writes::forget_aggregates(*connection, dataset_id);
    connection->exec(
        "INSERT INTO dataset_topics (dataset_id, topic_set_json, source, updated_at, method_json) "
        "VALUES ($1, $2, $3, $4, $5) "
        "ON CONFLICT (dataset_id) DO UPDATE SET topic_set_json = excluded.topic_set_json, "
        "source = excluded.source, updated_at = excluded.updated_at, method_json = "
        "excluded.method_json",
        {dataset_id, topics.topic_set_json, topics.source, util::now_unix_seconds(),
         topics.method_json});
    if (clear_assignments) {
      connection->exec(
          "UPDATE records SET topic = NULL, confidence = NULL, topic_manual = false "
          "WHERE dataset_id = $1",
          {dataset_id});
    }
    transaction.commit();
  }

  bool put_topics_method(int64_t dataset_id, const std::string& method_json) override {
    auto connection = pool_.lease();
    return connection
               ->exec("UPDATE dataset_topics SET method_json = $1 WHERE dataset_id = $2",
                      {method_json, dataset_id})
               .affected() > 0;
  }

  void for_each_record_for_topics(
      int64_t dataset_id, bool unlabeled_only,
      const std::function<bool(const std::vector<RecordForTopics>&)>& visit_page) override {
    int64_t after_id = 0;
    constexpr int64_t kPage = 5000;
    for (;;) {
      std::vector<RecordForTopics> page;
      {
        auto connection = pool_.lease();
        auto rows = connection->exec(
            "SELECT id, text, topic, topic_manual FROM records WHERE dataset_id = $1 AND valid "
            "AND id > $2 AND ($3 = 0 OR topic IS NULL) ORDER BY id LIMIT $4",
            {dataset_id, after_id, int64_t{unlabeled_only}, kPage});
        for (int row = 0; row < rows.rows(); ++row) {
          page.push_back({rows.int_at(row, 0), rows.text_at(row, 1), rows.optional_text_at(row, 2),
                          rows.bool_at(row, 3)});
        }
      }
      if (page.empty() || !visit_page(page)) return;
      if (static_cast<int64_t>(page.size()) < kPage) return;
      after_id = page.back().id;
    }
  }

  void assign_topics(int64_t dataset_id, std::span<const TopicAssignment> assignments,
                     bool manual) override {
    // One statement for the batch; a record named twice gets its last assignment, as SQLite's
    // one UPDATE per assignment leaves it.
    std::map<int64_t, const TopicAssignment*> last;
    for (const auto& assignment : assignments) last[assignment.record_id] = &assignment;
    ArrayLiteral ids, topics, confidences;
    for (const auto& [id, assignment] : last) {
      ids.add(id);
      topics.add(assignment->topic);
      confidences.add(assignment->confidence);
    }
    auto connection = pool_.lease();
    PgTransaction transaction(*connection);
    record_writes::forget_aggregates(*connection, dataset_id);
    if (!last.empty()) {
      connection->exec(
          "UPDATE records AS r SET topic = a.topic, confidence = a.confidence, "
          "topic_manual = ($4 = 1 AND a.topic IS NOT NULL) "
          "FROM unnest($1::bigint[], $2::text[], $3::double precision[]) AS a(id, topic, "
          "confidence) "
          "WHERE r.id = a.id AND r.dataset_id = $5 AND ($4 = 1 OR NOT r.topic_manual)",
          {ids.text(), topics.text(), confidences.text(), int64_t{manual}, dataset_id});
    }
    transaction.commit();
  }

  int64_t uncategorize_topics_not_in(int64_t dataset_id,
                                     const std::vector<std::string>& topic_ids) override {
    ArrayLiteral kept;
    for (const auto& id : topic_ids) kept.add(id);
    auto connection = pool_.lease();
    PgTransaction transaction(*connection);
    record_writes::forget_aggregates(*connection, dataset_id);
    int64_t changed =
        connection
            ->exec(
                "UPDATE records SET topic = NULL, confidence = NULL, topic_manual = false "
                "WHERE dataset_id = $1 AND topic IS NOT NULL AND NOT (topic = ANY($2::text[]))",
                {dataset_id, kept.text()})
            .affected();
    transaction.commit();
    return changed;
  }

  int64_t apply_topic_edit(int64_t dataset_id, const TopicEdit& edit) override {
    auto connection = pool_.lease();
    PgTransaction transaction(*connection);
    record_writes::forget_aggregates(*connection, dataset_id);
    connection->exec(
        "INSERT INTO dataset_topics (dataset_id, topic_set_json, source, updated_at) "
        "VALUES ($1, $2, $3, $4) "
        "ON CONFLICT (dataset_id) DO UPDATE SET topic_set_json = excluded.topic_set_json, "
        "source = excluded.source, updated_at = excluded.updated_at",
        {dataset_id, edit.topics.topic_set_json, edit.topics.source, util::now_unix_seconds()});
    int64_t moved = 0;
    for (const auto& from : edit.merged_from) {
      moved += connection
                   ->exec("UPDATE records SET topic = $1 WHERE dataset_id = $2 AND topic = $3",
                          {edit.merged_into, dataset_id, from})
                   .affected();
    }
    // A record named twice moves with its first assignment: after it, it is no longer in
    // `reassigned_from`, as with SQLite's one UPDATE per assignment.
    std::map<int64_t, const TopicAssignment*> first;
    for (const auto& assignment : edit.reassigned) first.emplace(assignment.record_id, &assignment);
    if (!first.empty()) {
      ArrayLiteral ids, topics, confidences;
      for (const auto& [id, assignment] : first) {
        ids.add(id);
        topics.add(assignment->topic);
        confidences.add(assignment->confidence);
      }
      moved +=
          connection
              ->exec(
                  "UPDATE records AS r SET topic = a.topic, confidence = a.confidence "
                  "FROM unnest($1::bigint[], $2::text[], $3::double precision[]) "
                  "AS a(id, topic, confidence) "
                  "WHERE r.id = a.id AND r.dataset_id = $4 AND r.topic = $5",
                  {ids.text(), topics.text(), confidences.text(), dataset_id, edit.reassigned_from})
              .affected();
    }
    transaction.commit();
    return moved;
  }

  std::vector<TopicRecordCount> count_records_by_topic(int64_t dataset_id) override {
    auto connection = pool_.lease();
    return cached(*connection, dataset_id, &VersionedAggregateCache::Entry::topics, [&] {
      // Sorted as SQLite's GROUP BY leaves them: byte-wise topic, then origin, then band.
      auto rows = connection->exec(
          "SELECT coalesce(topic, '') COLLATE \"C\", origin COLLATE \"C\", "
          "CASE WHEN confidence IS NULL THEN -1 WHEN confidence >= 0.85 THEN 0 "
          "WHEN confidence >= 0.7 THEN 1 ELSE 2 END, COUNT(*), SUM(token_count) "
          "FROM records WHERE dataset_id = $1 AND valid GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
          {dataset_id});
      std::vector<TopicRecordCount> counts;
      for (int row = 0; row < rows.rows(); ++row) {
        TopicRecordCount count;
        count.topic = rows.text_at(row, 0);
        count.origin = rows.text_at(row, 1);
        int64_t band = rows.int_at(row, 2);
        if (band >= 0) count.band = static_cast<ConfidenceBand>(band);
        count.count = rows.int_at(row, 3);
        count.tokens = rows.int_at(row, 4);
        counts.push_back(std::move(count));
      }
      return counts;
    });
  }

  std::vector<std::pair<int64_t, int64_t>> token_length_counts(int64_t dataset_id) override {
    auto connection = pool_.lease();
    return cached(*connection, dataset_id, &VersionedAggregateCache::Entry::token_lengths, [&] {
      auto rows = connection->exec(
          "SELECT token_count, COUNT(*) FROM records WHERE dataset_id = $1 AND valid "
          "GROUP BY token_count ORDER BY token_count",
          {dataset_id});
      std::vector<std::pair<int64_t, int64_t>> counts;
      for (int row = 0; row < rows.rows(); ++row)
        counts.emplace_back(rows.int_at(row, 0), rows.int_at(row, 1));
      return counts;
    });
  }

  GraderRow save_grader(int64_t dataset_id, const std::string& version,
                        const std::string& config_json) override {
    auto connection = pool_.lease();
    auto rows = connection->exec(
        "INSERT INTO graders (dataset_id, version, config_json, created_at) VALUES ($1, $2, $3, "
        "$4) "
        "RETURNING id, dataset_id, version, config_json, created_at, last_test_json",
        {dataset_id, version, config_json, util::now_unix_seconds()});
    return read_grader(rows);
  }

  std::optional<GraderRow> current_grader(int64_t dataset_id) override {
    auto connection = pool_.lease();
    auto rows = connection->exec(
        "SELECT id, dataset_id, version, config_json, created_at, last_test_json FROM graders "
        "WHERE dataset_id = $1 ORDER BY id DESC LIMIT 1",
        {dataset_id});
    if (rows.rows() == 0) return std::nullopt;
    return read_grader(rows);
  }

  void save_grader_test(int64_t grader_id, const std::string& test_json) override {
    auto connection = pool_.lease();
    connection->exec("UPDATE graders SET last_test_json = $1 WHERE id = $2",
                     {test_json, grader_id});
  }

  std::vector<Record> random_valid_records(int64_t dataset_id, int64_t count) override {
    auto connection = pool_.lease();
    auto rows = connection->exec(std::string("SELECT ") + kRecordColumns +
                                     ", text FROM records WHERE dataset_id = $1 AND valid "
                                     "ORDER BY random() LIMIT $2",
                                 {dataset_id, count});
    std::vector<Record> records;
    for (int row = 0; row < rows.rows(); ++row) records.push_back(read_record_with_text(rows, row));
    return records;
  }

  std::optional<std::string> get_step_state(int64_t dataset_id, const std::string& step) override {
    auto connection = pool_.lease();
    return first_text(connection->exec(
        "SELECT state_json FROM dataset_step_state WHERE dataset_id = $1 AND step = $2",
        {dataset_id, step}));
  }

  void put_step_state(int64_t dataset_id, const std::string& step,
                      const std::string& state_json) override {
    auto connection = pool_.lease();
    connection->exec(
        "INSERT INTO dataset_step_state (dataset_id, step, state_json) VALUES ($1, $2, $3) "
        "ON CONFLICT (dataset_id, step) DO UPDATE SET state_json = excluded.state_json",
        {dataset_id, step, state_json});
  }

  GenerationRun create_generation_run(const GenerationRun& run) override {
    auto connection = pool_.lease();
    GenerationRun created = run;
    created.id = generation_rows::insert_run(*connection, run);
    return created;
  }

  std::optional<GenerationRun> find_generation_run(int64_t run_id) override {
    auto connection = pool_.lease();
    return generation_rows::find_run(*connection, run_id);
  }

  std::vector<GenerationRun> list_generation_runs(int64_t dataset_id) override {
    auto connection = pool_.lease();
    return generation_rows::list_runs(*connection, dataset_id);
  }

  void finish_generation_run(const GenerationRun& run, std::span<const GeneratedRecord> records,
                             std::span<const GeneratedRecordToAdd> accepted) override {
    auto connection = pool_.lease();
    PgTransaction transaction(*connection);
    record_writes::forget_aggregates(*connection, run.dataset_id);
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
          row.record_id = add_generated(*connection, run.dataset_id, add, now);
          added = true;
        }
      }
      generation_rows::insert_record(*connection, row);
    }
    if (added) record_writes::bump_revision(*connection, run.dataset_id, now);
    generation_rows::update_run_outcome(*connection, run);
    transaction.commit();
  }

  std::vector<GeneratedRecord> list_generated_records(int64_t run_id,
                                                      const std::optional<std::string>& status,
                                                      int64_t offset, int64_t limit,
                                                      int64_t* total) override {
    auto connection = pool_.lease();
    return generation_rows::list_records(*connection, run_id, status, offset, limit, total);
  }

  std::optional<GeneratedRecord> find_generated_record(int64_t run_id, int64_t id) override {
    auto connection = pool_.lease();
    return generation_rows::find_record(*connection, run_id, id);
  }

  std::vector<std::pair<std::string, int64_t>> count_generated_records(int64_t run_id) override {
    auto connection = pool_.lease();
    return generation_rows::count_by_status(*connection, run_id);
  }

  int64_t accept_generated_records(int64_t run_id,
                                   std::span<const GeneratedRecordToAdd> records) override {
    auto connection = pool_.lease();
    auto run = generation_rows::find_run(*connection, run_id);
    if (!run) return 0;
    PgTransaction transaction(*connection);
    record_writes::forget_aggregates(*connection, run->dataset_id);
    int64_t now = util::now_unix_seconds();
    int64_t accepted = 0;
    for (const auto& add : records) {
      // Locked: another instance accepting the same record waits, then finds it accepted.
      auto row = generation_rows::find_record(*connection, run_id, add.generated_id, true);
      if (!row || (row->status != "pending" && row->status != "rejected")) continue;
      int64_t record_id = add_generated(*connection, run->dataset_id, add, now);
      generation_rows::set_record_status(*connection, row->id, "accepted", record_id);
      generation_rows::set_record_text(*connection, row->id, add.record.text);
      ++accepted;
    }
    if (accepted > 0) record_writes::bump_revision(*connection, run->dataset_id, now);
    transaction.commit();
    return accepted;
  }

  bool edit_generated_record(int64_t run_id, int64_t id, const NewRecord& record) override {
    auto connection = pool_.lease();
    int64_t dataset_id = 0;
    std::optional<int64_t> record_id;
    {
      PgTransaction transaction(*connection);
      auto row = generation_rows::find_record(*connection, run_id, id, true);
      auto run = generation_rows::find_run(*connection, run_id);
      if (!row || !run || row->status == "deleted") return false;
      generation_rows::set_record_text(*connection, id, record.text);
      transaction.commit();
      dataset_id = run->dataset_id;
      record_id = row->record_id;
    }
    return !record_id || replace_record_on(*connection, dataset_id, *record_id, record);
  }

  bool delete_generated_record(int64_t run_id, int64_t id) override {
    auto connection = pool_.lease();
    auto run = generation_rows::find_run(*connection, run_id);
    if (!run) return false;
    PgTransaction transaction(*connection);
    record_writes::forget_aggregates(*connection, run->dataset_id);
    auto row = generation_rows::find_record(*connection, run_id, id, true);
    if (!row || row->status == "deleted") return false;
    if (row->record_id) {
      const int64_t ids[] = {*row->record_id};
      record_writes::delete_records(*connection, run->dataset_id, ids);
    }
    generation_rows::set_record_status(*connection, id, "deleted", std::nullopt);
    record_writes::bump_revision(*connection, run->dataset_id, util::now_unix_seconds());
    transaction.commit();
    return true;
  }

  std::optional<int64_t> delete_generation_run(int64_t run_id) override {
    auto connection = pool_.lease();
    auto run = generation_rows::find_run(*connection, run_id);
    if (!run) return std::nullopt;
    PgTransaction transaction(*connection);
    record_writes::forget_aggregates(*connection, run->dataset_id);
    auto ids =
        connection->exec("SELECT id FROM records WHERE dataset_id = $1 AND generation_run_id = $2",
                         {run->dataset_id, run_id});
    std::vector<int64_t> record_ids;
    for (int row = 0; row < ids.rows(); ++row) record_ids.push_back(ids.int_at(row, 0));
    record_writes::delete_records(*connection, run->dataset_id, record_ids);
    connection->exec("DELETE FROM generation_runs WHERE id = $1", {run_id});
    record_writes::bump_revision(*connection, run->dataset_id, util::now_unix_seconds());
    transaction.commit();
    return static_cast<int64_t>(record_ids.size());
  }

  Job create_job(const Job& job) override {
    auto connection = pool_.lease();
    return job_rows::insert(*connection, job, util::now_unix_seconds());
  }

  std::optional<Job> find_job(int64_t id) override {
    auto connection = pool_.lease();
    return job_rows::find(*connection, id);
  }

  std::vector<Job> list_jobs(std::optional<int64_t> dataset_id, int64_t limit) override {
    auto connection = pool_.lease();
    return job_rows::list(*connection, dataset_id, limit);
  }

  std::vector<Job> jobs_in_state(JobState state) override {
    auto connection = pool_.lease();
    return job_rows::in_state(*connection, state);
  }

  void update_job(const Job& job) override {
    auto connection = pool_.lease();
    job_rows::update(*connection, job);
  }

  bool update_held_job(const Job& job, const std::string& instance) override {
    auto connection = pool_.lease();
    return job_rows::update(*connection, job, instance);
  }

  void request_job_cancel(int64_t id) override {
    auto connection = pool_.lease();
    job_rows::request_cancel(*connection, id);
  }

  std::optional<Job> claim_job(int64_t id, const std::string& instance,
                               int64_t lease_expires_at) override {
    auto connection = pool_.lease();
    return job_rows::claim(*connection, id, instance, util::now_unix_seconds(), lease_expires_at);
  }

  std::vector<int64_t> renew_job_leases(const std::string& instance,
                                        int64_t lease_expires_at) override {
    auto connection = pool_.lease();
    return job_rows::renew_leases(*connection, instance, lease_expires_at);
  }

  std::vector<Job> claimable_jobs(const std::string& instance, int64_t limit) override {
    auto connection = pool_.lease();
    return job_rows::claimable(*connection, instance, limit);
  }

  std::vector<Job> abandoned_jobs(const std::string& instance, int64_t now) override {
    auto connection = pool_.lease();
    return job_rows::abandoned(*connection, instance, now);
  }

  std::optional<Job> take_over_job(int64_t id, const std::string& instance, int64_t now,
                                   int64_t lease_expires_at) override {
    auto connection = pool_.lease();
    return job_rows::take_over(*connection, id, instance, now, lease_expires_at);
  }

 private:
  static std::optional<std::string> first_text(const PgResult& rows) {
    if (rows.rows() == 0) return std::nullopt;
    return rows.text_at(0, 0);
  }

  static GraderRow read_grader(const PgResult& rows) {
    return GraderRow{rows.int_at(0, 0),  rows.int_at(0, 1), rows.text_at(0, 2),
                     rows.text_at(0, 3), rows.int_at(0, 4), rows.optional_text_at(0, 5)};
  }

  // The aggregate from this instance's cache while the dataset's aggregates_version is the one it
  // was computed at; otherwise computed again (and kept). A dataset that is gone is not cached.
  template <typename T, typename Compute>
  T cached(PgConnection& connection, int64_t dataset_id,
           std::optional<T> VersionedAggregateCache::Entry::*member, Compute compute) {
    auto version =
        connection.exec("SELECT aggregates_version FROM datasets WHERE id = $1", {dataset_id});
    if (version.rows() == 0) return compute();
    if (auto hit = aggregates_.find(dataset_id, version.int_at(0, 0), member)) return *hit;
    T value = compute();
    aggregates_.keep(dataset_id, version.int_at(0, 0), member, value);
    return value;
  }

  RecordCounts record_counts(PgConnection& connection, int64_t dataset_id) {
    return cached(connection, dataset_id, &VersionedAggregateCache::Entry::records, [&] {
      auto rows = connection.exec(
          "SELECT valid, COUNT(*) FROM records WHERE dataset_id = $1 GROUP BY valid", {dataset_id});
      RecordCounts counts;
      for (int row = 0; row < rows.rows(); ++row) {
        (rows.bool_at(row, 0) ? counts.valid : counts.invalid) = rows.int_at(row, 1);
      }
      counts.total = counts.valid + counts.invalid;
      return counts;
    });
  }

  std::vector<IssueCodeCount> issue_code_counts(PgConnection& connection, int64_t dataset_id) {
    return cached(connection, dataset_id, &VersionedAggregateCache::Entry::issue_codes, [&] {
      // Ties in byte-wise code order, so the order is the same on every call.
      auto rows = connection.exec(
          "SELECT code, is_error, COUNT(*) FROM record_issue_codes WHERE dataset_id = $1 "
          "GROUP BY code, is_error ORDER BY COUNT(*) DESC, code COLLATE \"C\", is_error",
          {dataset_id});
      std::vector<IssueCodeCount> counts;
      for (int row = 0; row < rows.rows(); ++row) {
        counts.push_back({rows.text_at(row, 0), rows.bool_at(row, 1), rows.int_at(row, 2)});
      }
      return counts;
    });
  }

  // The exact total of a records filter the cached aggregates count (none, validity, or an
  // issue code alone), as SqliteStore's.
  std::optional<int64_t> cached_total(PgConnection& connection, int64_t dataset_id,
                                      const RecordFilter& filter) {
    if (filter.text_query || filter.topic || filter.confidence || filter.origin)
      return std::nullopt;
    if (filter.issue_code) {
      if (filter.valid) return std::nullopt;
      int64_t total = 0;
      for (const auto& count : issue_code_counts(connection, dataset_id)) {
        if (count.code == *filter.issue_code) total += count.count;
      }
      return total;
    }
    auto counts = record_counts(connection, dataset_id);
    if (!filter.valid) return counts.total;
    return *filter.valid ? counts.valid : counts.invalid;
  }

  bool replace_record_on(PgConnection& connection, int64_t dataset_id, int64_t record_id,
                         const NewRecord& record) {
    PgTransaction transaction(connection);
    record_writes::forget_aggregates(connection, dataset_id);
    int64_t now = util::now_unix_seconds();
    std::string issues_scratch, preview_scratch, text_scratch;
    const auto& stored_text = record_writes::storable_text(record.text, text_scratch);
    auto updated = connection.exec(
        "UPDATE records SET origin = $1, valid = $2, issues_json = $3, token_count = $4, "
        "preview = $5, content_hash = $6, updated_at = $7, text = $8, search = $9::tsvector "
        "WHERE dataset_id = $10 AND id = $11",
        {record.origin, int64_t{record.valid},
         record_writes::storable_text(record.issues_json, issues_scratch), record.token_count,
         record_writes::storable_text(record.preview, preview_scratch),
         static_cast<int64_t>(record.content_hash), now, stored_text,
         record_search_vector(stored_text), dataset_id, record_id});
    if (updated.affected() == 0) return false;
    connection.exec("DELETE FROM record_issue_codes WHERE record_id = $1", {record_id});
    // A generated record's row in its run follows, so the run's review shows what is there.
    connection.exec("UPDATE generation_records SET text = $1 WHERE record_id = $2",
                    {stored_text, record_id});
    const int64_t ids[] = {record_id};
    record_writes::insert_issue_codes(connection, dataset_id, ids, std::span(&record, 1));
    record_writes::bump_revision(connection, dataset_id, now);
    transaction.commit();
    return true;
  }

  // Adds one generated record with its topic.
  static int64_t add_generated(PgConnection& connection, int64_t dataset_id,
                               const GeneratedRecordToAdd& add, int64_t now) {
    int64_t record_id =
        record_writes::insert_records(connection, dataset_id, std::span(&add.record, 1), now)[0];
    connection.exec("UPDATE records SET topic = $1, confidence = $2 WHERE id = $3",
                    {add.topic, add.confidence, record_id});
    return record_id;
  }

  PgPool pool_;
  VersionedAggregateCache aggregates_;
};

}  // namespace

std::unique_ptr<Store> open_pg_store(const std::string& conninfo) {
  return std::make_unique<PgStore>(conninfo);
}

}  // namespace reinforge::store::postgres
