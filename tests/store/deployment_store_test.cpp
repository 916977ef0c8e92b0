// DeploymentStore on both backends: the same behaviour from SQLite and PostgreSQL.
#include "store/deployment_store.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <barrier>
#include <thread>

#include "store/postgres/pg_deployment_store.hpp"
#include "store_backends.hpp"
#include "support/postgres_server.hpp"
#include "support/temp_dir.hpp"

namespace reinforge::store {
namespace {

class DeploymentStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgresql")
      conninfo_ = reinforge::testing::shared_postgres_server().create_database();
    deployments = open();
  }
  // Another handle on the same store, as a second instance would have.
  std::unique_ptr<DeploymentStore> open() {
    if (GetParam() == "sqlite") return open_sqlite_deployment_store(temp_.path());
    return postgres::open_pg_deployment_store(conninfo_);
  }
  int64_t dataset(const std::string& name) {
    return reinforge::testing::test_dataset_id(GetParam(), temp_.path(), conninfo_, name);
  }
  static Deployment replacing(const std::string& base_model,
                              const std::string& tuned_model = "ft:tuned") {
    Deployment deployment;
    deployment.mode = "replace";
    deployment.base_model = base_model;
    deployment.tuned_model = tuned_model;
    deployment.history_json = R"([{"action":"created"}])";
    deployment.created_at = 1700000000;
    return deployment;
  }
  static Deployment answering(const std::string& endpoint, const std::string& base_model) {
    auto deployment = replacing(base_model);
    deployment.mode = "endpoint";
    deployment.endpoint = endpoint;
    return deployment;
  }
  static void end(DeploymentStore& store, int64_t id) {
    store.modify_deployment(id, [](Deployment& deployment) { deployment.state = "rolled_back"; });
  }
  static OnlineScore scored(int64_t seq, const std::string& arm, int64_t at_ms,
                            std::optional<double> score) {
    return {seq,
            "trace-" + std::to_string(seq),
            arm,
            at_ms,
            score,
            score ? "graded" : "",
            score ? "" : "grader failed"};
  }

  reinforge::testing::TempDir temp_;
  std::string conninfo_;
  std::unique_ptr<DeploymentStore> deployments;
};

TEST_P(DeploymentStoreTest, CreatesFindsAndListsDeploymentsNewestFirst) {
  auto ab = replacing("support", "ft:support:1");
  ab.mode = "ab";
  ab.dataset_id = 7;
  ab.run_id = 9;
  ab.provider = "tuned-provider";
  ab.share_bp = 2500;
  ab.options_json = R"({"online_scoring":{"share":0.5}})";
  auto first = deployments->create_deployment(ab);
  auto second = deployments->create_deployment(replacing("billing"));
  EXPECT_GT(first.id, 0);
  EXPECT_GT(second.id, first.id);

  auto found = deployments->find_deployment(first.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->dataset_id, 7);
  EXPECT_EQ(found->run_id, 9);
  EXPECT_EQ(found->mode, "ab");
  EXPECT_EQ(found->base_model, "support");
  EXPECT_EQ(found->tuned_model, "ft:support:1");
  EXPECT_EQ(found->endpoint, "");
  EXPECT_EQ(found->provider, "tuned-provider");
  EXPECT_EQ(found->share_bp, 2500);
  EXPECT_EQ(found->state, "active");
  EXPECT_EQ(found->history_json, R"([{"action":"created"}])");
  EXPECT_EQ(found->created_at, 1700000000);
  EXPECT_FALSE(found->ended_at);
  EXPECT_EQ(found->options_json, R"({"online_scoring":{"share":0.5}})");
  EXPECT_EQ(found->scored_through_seq, 0);
  auto plain = deployments->find_deployment(second.id);
  EXPECT_FALSE(plain->dataset_id);
  EXPECT_FALSE(plain->run_id);
  EXPECT_FALSE(deployments->find_deployment(second.id + 100));

  end(*deployments, first.id);
  auto all = deployments->list_deployments(false);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, second.id);
  EXPECT_EQ(all[1].id, first.id);
  auto active = deployments->list_deployments(true);
  ASSERT_EQ(active.size(), 1u);
  EXPECT_EQ(active[0].id, second.id);
}

TEST_P(DeploymentStoreTest, AnActiveDeploymentOwnsItsBaseModelAndItsEndpoint) {
  auto refusal = [&](const Deployment& wanted) -> std::string {
    try {
      deployments->create_deployment(wanted);
    } catch (const ConflictError& error) {
      return error.what();
    }
    return "created";
  };
  auto support = deployments->create_deployment(replacing("support"));
  const auto support_name = "Deployment " + std::to_string(support.id);
  EXPECT_EQ(refusal(replacing("support", "ft:other")),
            support_name + " already routes support; roll it back first.");
  auto endpoint = deployments->create_deployment(answering("support-v2", "small"));
  EXPECT_EQ(refusal(answering("support-v2", "large")),
            "Deployment " + std::to_string(endpoint.id) +
                " already answers to 'support-v2'; roll it back or choose another name.");
  // An endpoint cannot take a name whose calls a deployment answers, nor the name of a model
  // a deployment starts from: its callers would reach the tuned model.
  EXPECT_EQ(refusal(answering("support", "large")),
            support_name + " already routes support; roll it back first.");
  EXPECT_EQ(refusal(answering("small", "large")),
            "'small' is the base model of deployment " + std::to_string(endpoint.id) +
                ", which its callers still reach; an endpoint needs a name of its own.");
  auto ab = replacing("billing");
  ab.mode = "ab";
  ab.share_bp = 2000;
  auto billing = deployments->create_deployment(ab);
  EXPECT_EQ(refusal(replacing("billing")),
            "Deployment " + std::to_string(billing.id) +
                " already routes billing; roll it back or promote it first.");
  // An endpoint leaves its base model's traffic alone: the base can be replaced or tested, and
  // another endpoint can start from it.
  EXPECT_EQ(refusal(replacing("small")), "created");
  EXPECT_EQ(refusal(answering("support-v3", "small")), "created");
  // Models are told apart by case, and an empty endpoint is no endpoint.
  EXPECT_EQ(refusal(replacing("Support")), "created");

  end(*deployments, support.id);
  end(*deployments, endpoint.id);
  EXPECT_NO_THROW(deployments->create_deployment(replacing("support")));
  EXPECT_NO_THROW(deployments->create_deployment(answering("support-v2", "large")));
  EXPECT_EQ(deployments->list_deployments(true).size(), 6u);
}

TEST_P(DeploymentStoreTest, TwoInstancesDeployingOneModelAtOnceOnlyOneWins) {
  auto other = open();
  constexpr int kRounds = 8;
  for (int round = 0; round < kRounds; ++round) {
    const std::string model = "model-" + std::to_string(round);
    std::atomic<int> created{0}, refused{0};
    std::barrier start(2);
    // Even rounds race for one base model; odd ones for one endpoint, from two base models.
    auto deploy = [&](DeploymentStore& store, const std::string& own_base_model) {
      auto wanted = round % 2 ? answering("shared-" + model, own_base_model) : replacing(model);
      start.arrive_and_wait();
      try {
        store.create_deployment(wanted);
        ++created;
      } catch (const ConflictError&) {
        ++refused;
      }
    };
    std::thread a([&] { deploy(*deployments, model + "-a"); });
    std::thread b([&] { deploy(*other, model + "-b"); });
    a.join();
    b.join();
    EXPECT_EQ(created, 1) << model;
    EXPECT_EQ(refused, 1) << model;
  }
  EXPECT_EQ(deployments->list_deployments(true).size(), static_cast<std::size_t>(kRounds));
  EXPECT_EQ(other->routes_version(), kRounds);
}

TEST_P(DeploymentStoreTest, EveryChangeBumpsTheRoutesVersionAndARefusalDoesNot) {
  auto other = open();
  EXPECT_EQ(deployments->routes_version(), 0);
  auto created = deployments->create_deployment(replacing("support"));
  EXPECT_EQ(deployments->routes_version(), 1);
  EXPECT_EQ(other->routes_version(), 1);
  EXPECT_THROW(other->create_deployment(replacing("support")), ConflictError);
  EXPECT_EQ(deployments->routes_version(), 1);
  other->modify_deployment(created.id, [](Deployment& deployment) { deployment.share_bp = 100; });
  EXPECT_EQ(deployments->routes_version(), 2);
  EXPECT_FALSE(other->modify_deployment(created.id + 100, [](Deployment&) {}));
  EXPECT_EQ(deployments->routes_version(), 2);
  deployments->record_online_scores(created.id, 10, {});
  EXPECT_EQ(deployments->routes_version(), 2) << "scores do not change routes";
}

TEST_P(DeploymentStoreTest, ModifyDeploymentWritesItsChangeableFields) {
  auto created = deployments->create_deployment(replacing("support"));
  auto changed = deployments->modify_deployment(created.id, [](Deployment& deployment) {
    deployment.mode = "endpoint";
    deployment.tuned_model = "ft:support:2";
    deployment.endpoint = "support-v2";
    deployment.provider = "other";
    deployment.share_bp = 5000;
    deployment.state = "ended";
    deployment.history_json = R"([{"action":"created"},{"action":"promoted"}])";
    deployment.ended_at = 1700000500;
    deployment.options_json = R"({"guard":{"enabled":true}})";
  });
  ASSERT_TRUE(changed);
  EXPECT_EQ(changed->state, "ended");
  auto found = deployments->find_deployment(created.id);
  EXPECT_EQ(found->mode, "endpoint");
  EXPECT_EQ(found->tuned_model, "ft:support:2");
  EXPECT_EQ(found->endpoint, "support-v2");
  EXPECT_EQ(found->provider, "other");
  EXPECT_EQ(found->share_bp, 5000);
  EXPECT_EQ(found->state, "ended");
  EXPECT_EQ(found->history_json, R"([{"action":"created"},{"action":"promoted"}])");
  EXPECT_EQ(found->ended_at, 1700000500);
  EXPECT_EQ(found->options_json, R"({"guard":{"enabled":true}})");
  EXPECT_EQ(found->base_model, "support");
  deployments->modify_deployment(created.id,
                                 [](Deployment& deployment) { deployment.ended_at.reset(); });
  EXPECT_FALSE(deployments->find_deployment(created.id)->ended_at);
}

TEST_P(DeploymentStoreTest, TwoInstancesModifyingOneDeploymentNeverLoseAnUpdate) {
  auto created = deployments->create_deployment(replacing("support"));
  auto other = open();
  constexpr int kPerThread = 25;
  auto count_up = [&](DeploymentStore& store) {
    for (int i = 0; i < kPerThread; ++i) {
      store.modify_deployment(created.id, [](Deployment& deployment) { ++deployment.share_bp; });
    }
  };
  std::vector<std::thread> threads;
  for (int i = 0; i < 2; ++i) {
    threads.emplace_back([&] { count_up(*deployments); });
    threads.emplace_back([&] { count_up(*other); });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(deployments->find_deployment(created.id)->share_bp, 4 * kPerThread);
  EXPECT_EQ(deployments->routes_version(), 1 + 4 * kPerThread);
}

TEST_P(DeploymentStoreTest, OnlineScoresAreSummedPerArmAndPerBucketAndListedInTraceOrder) {
  auto deployment = deployments->create_deployment(replacing("support"));
  auto neighbour = deployments->create_deployment(replacing("billing"));
  deployments->record_online_scores(
      deployment.id, 20,
      {scored(3, "tuned", 1500, 1.0), scored(1, "base", 100, 0.5), scored(2, "base", 1200, 0.25),
       scored(4, "tuned", 2500, std::nullopt)});
  deployments->record_online_scores(neighbour.id, 5, {scored(1, "base", 100, 0.75)});
  // A trace scored again (a restart before the cursor moved) keeps its first score, and the
  // cursor never goes back.
  deployments->record_online_scores(deployment.id, 10,
                                    {scored(1, "base", 100, 0.0), scored(5, "base", 2100, 0.5)});
  EXPECT_EQ(deployments->find_deployment(deployment.id)->scored_through_seq, 20);
  EXPECT_EQ(deployments->find_deployment(neighbour.id)->scored_through_seq, 5);

  auto totals = deployments->online_score_totals(deployment.id);
  ASSERT_EQ(totals.size(), 2u);
  EXPECT_EQ(totals[0].arm, "base");
  EXPECT_EQ(totals[0].graded, 3);
  EXPECT_EQ(totals[0].errors, 0);
  EXPECT_DOUBLE_EQ(totals[0].sum, 1.25);
  EXPECT_DOUBLE_EQ(totals[0].sum_squares, 0.5625);
  EXPECT_EQ(totals[1].arm, "tuned");
  EXPECT_EQ(totals[1].graded, 1);
  EXPECT_EQ(totals[1].errors, 1);
  EXPECT_DOUBLE_EQ(totals[1].sum, 1.0);
  EXPECT_DOUBLE_EQ(totals[1].sum_squares, 1.0);
  EXPECT_TRUE(deployments->online_score_totals(neighbour.id + 100).empty());

  auto timeline = deployments->online_score_timeline(deployment.id, 1000);
  ASSERT_EQ(timeline.size(), 5u);
  EXPECT_EQ(timeline[0].bucket, 0);
  EXPECT_EQ(timeline[0].totals.arm, "base");
  EXPECT_EQ(timeline[0].totals.graded, 1);
  EXPECT_EQ(timeline[1].bucket, 1);
  EXPECT_EQ(timeline[1].totals.arm, "base");
  EXPECT_DOUBLE_EQ(timeline[1].totals.sum, 0.25);
  EXPECT_EQ(timeline[2].bucket, 1);
  EXPECT_EQ(timeline[2].totals.arm, "tuned");
  EXPECT_EQ(timeline[3].bucket, 2);
  EXPECT_EQ(timeline[3].totals.arm, "base");
  EXPECT_EQ(timeline[3].totals.graded, 1);
  EXPECT_DOUBLE_EQ(timeline[3].totals.sum, 0.5);
  EXPECT_EQ(timeline[4].bucket, 2);
  EXPECT_EQ(timeline[4].totals.arm, "tuned");
  EXPECT_EQ(timeline[4].totals.graded, 0);
  EXPECT_EQ(timeline[4].totals.errors, 1);
  EXPECT_DOUBLE_EQ(timeline[4].totals.sum, 0.0);

  auto all = deployments->list_online_scores(deployment.id, 0, 100);
  ASSERT_EQ(all.size(), 5u);
  for (std::size_t i = 0; i < all.size(); ++i)
    EXPECT_EQ(all[i].trace_seq, static_cast<int64_t>(i + 1));
  EXPECT_EQ(all[0].trace_id, "trace-1");
  EXPECT_EQ(all[0].arm, "base");
  EXPECT_EQ(all[0].trace_created_at_ms, 100);
  EXPECT_EQ(all[0].score, 0.5);
  EXPECT_EQ(all[0].reason, "graded");
  EXPECT_FALSE(all[3].score);
  EXPECT_EQ(all[3].error, "grader failed");
  auto page = deployments->list_online_scores(deployment.id, 1, 2);
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[0].trace_seq, 2);
  EXPECT_EQ(page[1].trace_seq, 3);
}

TEST_P(DeploymentStoreTest, BenchmarksKeepTheirReportAndSamplesAndListNewestFirstByFilter) {
  auto support = dataset("support");
  auto billing = dataset("billing");
  auto benchmark_of = [](int64_t dataset_id, std::optional<int64_t> run_id) {
    Benchmark benchmark;
    benchmark.dataset_id = dataset_id;
    benchmark.run_id = run_id;
    benchmark.base_model = "small";
    benchmark.tuned_model = "ft:small:1";
    benchmark.provider = "tuned-provider";
    benchmark.options_json = R"({"records":50})";
    benchmark.created_at = 1700000000;
    return benchmark;
  };
  auto first = deployments->create_benchmark(benchmark_of(support, 1));
  auto second = deployments->create_benchmark(benchmark_of(support, std::nullopt));
  auto third = deployments->create_benchmark(benchmark_of(billing, 1));
  EXPECT_GT(first.id, 0);
  EXPECT_GT(second.id, first.id);

  auto found = deployments->find_benchmark(first.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->dataset_id, support);
  EXPECT_EQ(found->run_id, 1);
  EXPECT_EQ(found->job_id, 0);
  EXPECT_EQ(found->base_model, "small");
  EXPECT_EQ(found->tuned_model, "ft:small:1");
  EXPECT_EQ(found->provider, "tuned-provider");
  EXPECT_EQ(found->options_json, R"({"records":50})");
  EXPECT_EQ(found->report_json, "");
  EXPECT_EQ(found->created_at, 1700000000);
  EXPECT_FALSE(deployments->find_benchmark(second.id)->run_id);
  EXPECT_EQ(deployments->benchmark_samples(first.id), "");
  EXPECT_FALSE(deployments->find_benchmark(third.id + 100));
  EXPECT_FALSE(deployments->benchmark_samples(third.id + 100));

  deployments->set_benchmark_job(first.id, 77);
  deployments->save_benchmark_report(first.id, R"({"verdict":"better"})", R"([{"id":1}])");
  found = deployments->find_benchmark(first.id);
  EXPECT_EQ(found->job_id, 77);
  EXPECT_EQ(found->report_json, R"({"verdict":"better"})");
  EXPECT_EQ(deployments->benchmark_samples(first.id), R"([{"id":1}])");

  auto ids = [](const std::vector<Benchmark>& benchmarks) {
    std::vector<int64_t> ids;
    for (const auto& benchmark : benchmarks) ids.push_back(benchmark.id);
    return ids;
  };
  EXPECT_EQ(ids(deployments->list_benchmarks(std::nullopt, std::nullopt)),
            (std::vector<int64_t>{third.id, second.id, first.id}));
  EXPECT_EQ(ids(deployments->list_benchmarks(support, std::nullopt)),
            (std::vector<int64_t>{second.id, first.id}));
  EXPECT_EQ(ids(deployments->list_benchmarks(std::nullopt, 1)),
            (std::vector<int64_t>{third.id, first.id}));
  EXPECT_EQ(ids(deployments->list_benchmarks(billing, 1)), (std::vector<int64_t>{third.id}));
  EXPECT_TRUE(deployments->list_benchmarks(billing, 2).empty());
  EXPECT_EQ(deployments->list_benchmarks(std::nullopt, std::nullopt)[2].report_json,
            R"({"verdict":"better"})");
}

TEST_P(DeploymentStoreTest, DeletingTheDatasetDeletesItsBenchmarks) {
  auto datasets = reinforge::testing::open_test_store(GetParam(), temp_.path(), conninfo_);
  auto doomed = datasets->create_dataset("doomed", "").id;
  Benchmark benchmark;
  benchmark.dataset_id = doomed;
  benchmark.base_model = "small";
  benchmark.tuned_model = "ft:small:1";
  auto created = deployments->create_benchmark(benchmark);
  ASSERT_TRUE(deployments->find_benchmark(created.id));
  ASSERT_TRUE(datasets->delete_dataset(doomed));
  EXPECT_FALSE(deployments->find_benchmark(created.id));
}

INSTANTIATE_TEST_SUITE_P(Backends, DeploymentStoreTest, reinforge::testing::kStoreBackends,
                         reinforge::testing::backend_test_name);

}  // namespace
}  // namespace reinforge::store
