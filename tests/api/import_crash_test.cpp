#include <fstream>

#include "api/api_test_fixture.hpp"
#include "support/postgres_server.hpp"

namespace reinforge::testing {
namespace {

// Killing the server with SIGKILL in the middle of a large import must leave a consistent
// store: after a restart the import resumes after its last committed batch, so every line
// ends up imported exactly once, and the job is never left "running".
std::filesystem::path write_large_file(const std::filesystem::path& file, int records) {
  std::ofstream out(file);
  for (int i = 0; i < records; ++i) {
    out << R"({"messages":[{"role":"user","content":"Question number )" << i
        << R"( about the weather in city )" << (i % 997) << R"("},{"role":"assistant","content":"Answer )"
        << i << R"("}]})" << "\n";
  }
  return file;
}

// On both stores: each batch commits with its checkpoint (SQLite's transaction, PostgreSQL's
// COPY fed in parts), so a kill at any moment leaves whole batches and a resume adds the rest.
class ImportCrashTest : public ApiTest, public ::testing::WithParamInterface<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgresql")
      server_args = {"--store", shared_postgres_server().create_database()};
    ApiTest::SetUp();
  }
};

TEST_P(ImportCrashTest, import_survives_sigkill_and_resumes_exactly_once) {
  constexpr int kRecords = 300000;
  auto file = write_large_file(temp / "large.jsonl", kRecords);
  int64_t id = create_dataset("crash");
  auto accepted = client->post_file("/api/datasets/" + std::to_string(id) + "/import", file.string());
  ASSERT_EQ(accepted.status, 202) << accepted.body;
  int64_t job_id = json_of(accepted)["id"];

  bool killed_mid_import = false;
  for (int i = 0; i < 2000; ++i) {
    auto job = json_of(client->get("/api/jobs/" + std::to_string(job_id)));
    if (job["state"] == "running" && job["done"].get<int64_t>() > 0) {
      server->kill_hard();
      killed_mid_import = true;
      break;
    }
    ASSERT_NE(job["state"], "succeeded") << "the import finished before the test could kill it";
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ASSERT_TRUE(killed_mid_import);

  start_server();
  auto job = wait_for_job(job_id, 120);
  ASSERT_EQ(job["state"], "succeeded") << job.dump();
  EXPECT_EQ(job["result"]["imported"], kRecords);

  auto dataset = json_of(client->get("/api/datasets/" + std::to_string(id)));
  EXPECT_EQ(dataset["record_count"], kRecords);
  EXPECT_EQ(dataset["health"]["warnings"].value("duplicate_record", 0), 0);
  EXPECT_EQ(client->get("/api/datasets/" + std::to_string(id) + "/export").body, read_file(file));

  // The search index holds every line once too, before and after the kill: line i's number (past
  // the 997 city numbers) is in that record alone.
  for (int i = 1000; i < kRecords; i += 14999) {
    auto search = json_of(client->get("/api/datasets/" + std::to_string(id) +
                                      "/records?q=" + std::to_string(i)));
    EXPECT_EQ(search["total"], 1) << "search for line " << i << ": " << search.dump();
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, ImportCrashTest,
                         ::testing::Values(std::string("sqlite"), std::string("postgresql")),
                         [](const auto& info) { return info.param; });

TEST_F(ApiTest, graceful_shutdown_pauses_an_import_that_resumes_at_next_start) {
  constexpr int kRecords = 200000;
  auto file = write_large_file(temp / "large.jsonl", kRecords);
  int64_t id = create_dataset("pause");
  auto accepted = client->post_file("/api/datasets/" + std::to_string(id) + "/import", file.string());
  int64_t job_id = json_of(accepted)["id"];
  for (int i = 0; i < 2000; ++i) {
    auto job = json_of(client->get("/api/jobs/" + std::to_string(job_id)));
    if (job["state"] == "running" && job["done"].get<int64_t>() > 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_EQ(server->stop(), 0) << server->output();
  start_server();
  auto job = wait_for_job(job_id, 120);
  ASSERT_EQ(job["state"], "succeeded") << job.dump();
  EXPECT_EQ(json_of(client->get("/api/datasets/" + std::to_string(id)))["record_count"], kRecords);
}

TEST_F(ApiTest, uploads_over_the_size_limit_are_refused_with_413) {
  server.reset();
  server = std::make_unique<ServerProcess>(temp.path() / "data", kAdminToken,
                                           std::vector<std::string>{"--max-upload-mb", "1"});
  client = std::make_unique<HttpClient>(server->base_url(), kAdminToken);
  auto file = write_large_file(temp / "big.jsonl", 20000);  // about 2.5 MB
  int64_t id = create_dataset("limits");
  auto refused = client->post_file("/api/datasets/" + std::to_string(id) + "/import", file.string());
  EXPECT_EQ(refused.status, 413);
  EXPECT_NE(refused.body.find("1 MB"), std::string::npos) << refused.body;
  EXPECT_EQ(json_of(client->get("/api/datasets/" + std::to_string(id)))["record_count"], 0);
}

}  // namespace
}  // namespace reinforge::testing
