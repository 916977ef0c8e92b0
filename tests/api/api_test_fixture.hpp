#pragma once
// Starts the real server with a temporary data directory and gives a client with the token.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>

#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"

namespace reinforge::testing {

inline constexpr const char* kAdminToken = "test-admin-token";

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override { start_server(); }

  void start_server() {
    server = std::make_unique<ServerProcess>(temp.path() / "data", kAdminToken, server_args);
    client = std::make_unique<HttpClient>(server->base_url(), kAdminToken);
  }

  nlohmann::json json_of(const HttpResult& result) { return nlohmann::json::parse(result.body); }

  // "/api/datasets/7" + rest.
  static std::string path(int64_t id, const std::string& rest) {
    return "/api/datasets/" + std::to_string(id) + rest;
  }

  int64_t create_dataset(const std::string& name) {
    auto result =
        client->post("/api/datasets", nlohmann::json{{"name", name}, {"objective", "test"}}.dump());
    EXPECT_EQ(result.status, 201) << result.body;
    return json_of(result)["id"].get<int64_t>();
  }

  // Polls the job until it leaves queued/running; fails the test after `seconds`.
  nlohmann::json wait_for_job(int64_t job_id, int seconds = 60) {
    for (int i = 0; i < seconds * 20; ++i) {
      auto job = json_of(client->get("/api/jobs/" + std::to_string(job_id)));
      if (job["state"] != "queued" && job["state"] != "running") return job;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "job " << job_id << " did not finish in " << seconds << " s";
    return {};
  }

  TempDir temp;
  std::vector<std::string> server_args;  // e.g. --store, set before SetUp starts the server
  std::unique_ptr<ServerProcess> server;
  std::unique_ptr<HttpClient> client;
};

}  // namespace reinforge::testing
