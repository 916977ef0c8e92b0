// TrainingStore on both backends: the same behaviour from SQLite and PostgreSQL.
#include "store/training_store.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "store/postgres/pg_training_store.hpp"
#include "store_backends.hpp"
#include "support/postgres_server.hpp"
#include "support/temp_dir.hpp"

namespace reinforge::store {
namespace {

class TrainingStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgresql")
      conninfo_ = reinforge::testing::shared_postgres_server().create_database();
    runs = open();
  }
  // Another handle on the same store, as a second instance would have.
  std::unique_ptr<TrainingStore> open() {
    if (GetParam() == "sqlite") return open_sqlite_training_store(temp_.path());
    return postgres::open_pg_training_store(conninfo_);
  }
  int64_t dataset(const std::string& name) {
    return reinforge::testing::test_dataset_id(GetParam(), temp_.path(), conninfo_, name);
  }
  TrainingRun run_on(int64_t dataset_id, const std::string& base_model) {
    TrainingRun run;
    run.dataset_id = dataset_id;
    run.backend = "external";
    run.base_model = base_model;
    run.dataset_revision = 3;
    run.grader_version = "v2";
    run.grader_config_json = R"({"type":"script"})";
    run.options_json = R"({"split":{"valid_share":0.2}})";
    run.token_sha256 = "sha";
    run.remote_job_id = "job-1";
    run.progress_json = R"({"percent":0})";
    run.rewards_json = R"({"train":{}})";
    run.created_at = 1700000000;
    return run;
  }

  reinforge::testing::TempDir temp_;
  std::string conninfo_;
  std::unique_ptr<TrainingStore> runs;
};

TEST_P(TrainingStoreTest, CreatesRunsWithTheirSplitAndListsThemNewestFirstPerDataset) {
  auto support = dataset("support");
  auto billing = dataset("billing");
  const std::vector<int64_t> train{11, 12, 13}, valid{14};
  auto first = runs->create_run(run_on(support, "small"), train, valid);
  auto second = runs->create_run(run_on(support, "large"), {}, {});
  auto other = runs->create_run(run_on(billing, "small"), std::vector<int64_t>{21}, {});
  EXPECT_GT(first.id, 0);
  EXPECT_GT(second.id, first.id);
  EXPECT_EQ(first.train_count, 3);
  EXPECT_EQ(first.valid_count, 1);

  auto found = runs->find_run(first.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->dataset_id, support);
  EXPECT_FALSE(found->job_id);
  EXPECT_EQ(found->backend, "external");
  EXPECT_EQ(found->base_model, "small");
  EXPECT_EQ(found->state, "queued");
  EXPECT_EQ(found->remote_status, "");
  EXPECT_EQ(found->dataset_revision, 3);
  EXPECT_EQ(found->grader_version, "v2");
  EXPECT_EQ(found->grader_config_json, R"({"type":"script"})");
  EXPECT_EQ(found->options_json, R"({"split":{"valid_share":0.2}})");
  EXPECT_EQ(found->token_sha256, "sha");
  EXPECT_EQ(found->remote_job_id, "job-1");
  EXPECT_EQ(found->backend_state_json, "{}");
  EXPECT_EQ(found->progress_json, R"({"percent":0})");
  EXPECT_EQ(found->rewards_json, R"({"train":{}})");
  EXPECT_EQ(found->train_count, 3);
  EXPECT_EQ(found->valid_count, 1);
  EXPECT_FALSE(found->fine_tuned_model);
  EXPECT_FALSE(found->model_url);
  EXPECT_FALSE(found->error);
  EXPECT_FALSE(found->trainer_result_json);
  EXPECT_EQ(found->created_at, 1700000000);
  EXPECT_FALSE(found->started_at);
  EXPECT_FALSE(found->finished_at);
  EXPECT_FALSE(runs->find_run(other.id + 100));

  auto listed = runs->list_runs(support);
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].id, second.id);
  EXPECT_EQ(listed[1].id, first.id);
  EXPECT_EQ(runs->list_runs(billing).size(), 1u);
  EXPECT_TRUE(runs->list_runs(billing + 1000).empty());

  auto split = runs->split_of(first.id);
  EXPECT_EQ(split, (std::unordered_map<int64_t, SplitPart>{{11, SplitPart::train},
                                                           {12, SplitPart::train},
                                                           {13, SplitPart::train},
                                                           {14, SplitPart::valid}}));
  EXPECT_TRUE(runs->split_of(second.id).empty());
  EXPECT_EQ(runs->split_of(other.id).size(), 1u);
}

TEST_P(TrainingStoreTest, ALargeSplitIsKeptWhole) {
  std::vector<int64_t> train, valid;
  for (int64_t id = 1; id <= 20000; ++id) (id % 5 ? train : valid).push_back(id);
  auto run = runs->create_run(run_on(dataset("big"), "small"), train, valid);
  auto split = runs->split_of(run.id);
  ASSERT_EQ(split.size(), 20000u);
  EXPECT_EQ(split.at(5), SplitPart::valid);
  EXPECT_EQ(split.at(20000), SplitPart::valid);
  EXPECT_EQ(split.at(19999), SplitPart::train);
}

TEST_P(TrainingStoreTest, ModifyRunWritesEveryChangeableFieldAndClearsOptionalOnes) {
  auto run = runs->create_run(run_on(dataset("support"), "small"), std::vector<int64_t>{1, 2},
                              std::vector<int64_t>{3});
  auto changed = runs->modify_run(run.id, [](TrainingRun& stored) {
    stored.job_id = 42;
    stored.state = "succeeded";
    stored.remote_status = "succeeded";
    stored.token_sha256 = "new-sha";
    stored.remote_job_id = "ftjob-9";
    stored.backend_state_json = R"({"file":"f-1"})";
    stored.progress_json = R"({"percent":100})";
    stored.rewards_json = R"({"train":{"first":0.1,"last":0.9}})";
    stored.fine_tuned_model = "ft:small:9";
    stored.model_url = "https://models.example/9";
    stored.error = "none, really";
    stored.trainer_result_json = R"({"status":"succeeded"})";
    stored.started_at = 1700000100;
    stored.finished_at = 1700000200;
  });
  ASSERT_TRUE(changed);
  EXPECT_EQ(changed->state, "succeeded");
  auto found = runs->find_run(run.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->job_id, 42);
  EXPECT_EQ(found->state, "succeeded");
  EXPECT_EQ(found->remote_status, "succeeded");
  EXPECT_EQ(found->token_sha256, "new-sha");
  EXPECT_EQ(found->remote_job_id, "ftjob-9");
  EXPECT_EQ(found->backend_state_json, R"({"file":"f-1"})");
  EXPECT_EQ(found->progress_json, R"({"percent":100})");
  EXPECT_EQ(found->rewards_json, R"({"train":{"first":0.1,"last":0.9}})");
  EXPECT_EQ(found->fine_tuned_model, "ft:small:9");
  EXPECT_EQ(found->model_url, "https://models.example/9");
  EXPECT_EQ(found->error, "none, really");
  EXPECT_EQ(found->trainer_result_json, R"({"status":"succeeded"})");
  EXPECT_EQ(found->started_at, 1700000100);
  EXPECT_EQ(found->finished_at, 1700000200);
  EXPECT_EQ(found->train_count, 2);
  EXPECT_EQ(runs->split_of(run.id).size(), 3u);

  runs->modify_run(run.id, [](TrainingRun& stored) {
    stored.job_id.reset();
    stored.fine_tuned_model.reset();
    stored.model_url.reset();
    stored.error.reset();
    stored.trainer_result_json.reset();
    stored.started_at.reset();
    stored.finished_at.reset();
  });
  found = runs->find_run(run.id);
  EXPECT_FALSE(found->job_id);
  EXPECT_FALSE(found->fine_tuned_model);
  EXPECT_FALSE(found->model_url);
  EXPECT_FALSE(found->error);
  EXPECT_FALSE(found->trainer_result_json);
  EXPECT_FALSE(found->started_at);
  EXPECT_FALSE(found->finished_at);

  bool called = false;
  EXPECT_FALSE(runs->modify_run(run.id + 100, [&](TrainingRun&) { called = true; }));
  EXPECT_FALSE(called);
}

TEST_P(TrainingStoreTest, TwoInstancesModifyingOneRunNeverLoseAnUpdate) {
  auto run = runs->create_run(run_on(dataset("support"), "small"), {}, {});
  auto other = open();
  constexpr int kPerThread = 25;
  auto count_up = [&](TrainingStore& store) {
    for (int i = 0; i < kPerThread; ++i) {
      store.modify_run(run.id, [](TrainingRun& stored) {
        stored.remote_status = std::to_string(
            std::stoi(stored.remote_status.empty() ? "0" : stored.remote_status) + 1);
      });
    }
  };
  std::vector<std::thread> threads;
  for (int i = 0; i < 2; ++i) {
    threads.emplace_back([&] { count_up(*runs); });
    threads.emplace_back([&] { count_up(*other); });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(runs->find_run(run.id)->remote_status, std::to_string(4 * kPerThread));
}

TEST_P(TrainingStoreTest, MetricsGetSequenceNumbersAndArePagedAfterOne) {
  auto dataset_id = dataset("support");
  auto run = runs->create_run(run_on(dataset_id, "small"), {}, {});
  auto neighbour = runs->create_run(run_on(dataset_id, "large"), {}, {});
  std::vector<TrainingMetric> points;
  for (int step = 1; step <= 5; ++step) {
    points.push_back({0, 0, 1000 + step, R"({"step":)" + std::to_string(step) + "}"});
  }
  auto stored = runs->append_metrics(run.id, points);
  runs->append_metrics(neighbour.id, std::vector<TrainingMetric>{{0, 0, 1, R"({"step":1})"}});
  ASSERT_EQ(stored.size(), 5u);
  for (std::size_t i = 0; i < stored.size(); ++i) {
    EXPECT_EQ(stored[i].run_id, run.id);
    EXPECT_EQ(stored[i].at_ms, points[i].at_ms);
    if (i > 0) {
      EXPECT_GT(stored[i].seq, stored[i - 1].seq);
    }
  }
  EXPECT_TRUE(runs->append_metrics(run.id, {}).empty());

  auto page = runs->list_metrics(run.id, 0, 2);
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[0].seq, stored[0].seq);
  EXPECT_EQ(page[0].run_id, run.id);
  EXPECT_EQ(page[0].at_ms, 1001);
  EXPECT_EQ(page[0].values_json, R"({"step":1})");
  auto rest = runs->list_metrics(run.id, page.back().seq, 100);
  ASSERT_EQ(rest.size(), 3u);
  EXPECT_EQ(rest[0].seq, stored[2].seq);
  EXPECT_EQ(rest[2].values_json, R"({"step":5})");
  EXPECT_TRUE(runs->list_metrics(run.id, stored.back().seq, 100).empty());
}

TEST_P(TrainingStoreTest, EventsArePagedAfterASequenceNumber) {
  auto dataset_id = dataset("support");
  auto run = runs->create_run(run_on(dataset_id, "small"), {}, {});
  auto neighbour = runs->create_run(run_on(dataset_id, "large"), {}, {});
  runs->append_events(run.id, std::vector<TrainingEvent>{
                                  {0, 0, 10, "info", "uploaded the split"},
                                  {0, 0, 20, "warning", "slow provider"},
                                  {0, 0, 30, "error", "it's \"broken\"; retrying"},
                              });
  runs->append_events(neighbour.id, std::vector<TrainingEvent>{{0, 0, 15, "info", "elsewhere"}});
  runs->append_events(run.id, {});

  auto all = runs->list_events(run.id, 0, 100);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_LT(all[0].seq, all[1].seq);
  EXPECT_LT(all[1].seq, all[2].seq);
  EXPECT_EQ(all[0].run_id, run.id);
  EXPECT_EQ(all[0].at_ms, 10);
  EXPECT_EQ(all[1].level, "warning");
  EXPECT_EQ(all[2].message, "it's \"broken\"; retrying");
  auto page = runs->list_events(run.id, all[0].seq, 1);
  ASSERT_EQ(page.size(), 1u);
  EXPECT_EQ(page[0].seq, all[1].seq);
  EXPECT_TRUE(runs->list_events(run.id, all[2].seq, 100).empty());
}

// A trainer posting to one instance while the run's job appends on another: a reader paging
// after the last sequence number it saw still gets every point, none twice.
TEST_P(TrainingStoreTest, AReaderPagingWhileTwoInstancesAppendMissesNoPoint) {
  auto run = runs->create_run(run_on(dataset("support"), "small"), {}, {});
  auto other = open();
  auto reader = open();
  constexpr int kBatches = 40, kPerBatch = 3;
  std::atomic<int> writing{2};
  auto append = [&](TrainingStore& store) {
    for (int batch = 0; batch < kBatches; ++batch) {
      std::vector<TrainingMetric> points(kPerBatch, TrainingMetric{0, 0, batch, "{}"});
      store.append_metrics(run.id, points);
    }
    --writing;
  };
  std::thread a([&] { append(*runs); });
  std::thread b([&] { append(*other); });
  int64_t after = 0;
  int seen = 0;
  bool ordered = true;
  auto drain = [&] {
    auto page = reader->list_metrics(run.id, after, 7);
    for (const auto& point : page) {
      ordered = ordered && point.seq > after;
      after = point.seq;
      ++seen;
    }
    return !page.empty();
  };
  while (writing > 0) drain();
  a.join();
  b.join();
  while (drain()) {
  }
  EXPECT_TRUE(ordered);
  EXPECT_EQ(seen, 2 * kBatches * kPerBatch);
}

TEST_P(TrainingStoreTest, DeletingTheDatasetDeletesItsRuns) {
  auto datasets = reinforge::testing::open_test_store(GetParam(), temp_.path(), conninfo_);
  auto doomed = datasets->create_dataset("doomed", "").id;
  auto kept = dataset("kept");
  auto run = runs->create_run(run_on(doomed, "small"), std::vector<int64_t>{1}, {});
  auto other = runs->create_run(run_on(kept, "small"), {}, {});
  ASSERT_TRUE(datasets->delete_dataset(doomed));
  EXPECT_FALSE(runs->find_run(run.id));
  EXPECT_TRUE(runs->split_of(run.id).empty());
  EXPECT_TRUE(runs->find_run(other.id));
}

INSTANTIATE_TEST_SUITE_P(Backends, TrainingStoreTest, reinforge::testing::kStoreBackends,
                         reinforge::testing::backend_test_name);

}  // namespace
}  // namespace reinforge::store
