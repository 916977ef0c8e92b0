#pragma once
// The real server with a data directory, plus what the training tests ask of a run: start it,
// read it, wait for it to end, read its metric and event series.
#include <chrono>
#include <thread>

#include "api/api_test_fixture.hpp"

namespace reinforge::testing {

class TrainingTest : public ApiTest {
 protected:
  static std::string run_path(int64_t run_id, const std::string& rest = "") {
    return "/api/training/runs/" + std::to_string(run_id) + rest;
  }

  // The start's answer ({"run", "token"}); the test fails unless it is 201.
  nlohmann::json start(int64_t dataset_id, const nlohmann::json& body) {
    auto started = client->post(path(dataset_id, "/training"), body.dump());
    EXPECT_EQ(started.status, 201) << started.body;
    return json_of(started);
  }

  nlohmann::json run(int64_t run_id) { return json_of(client->get(run_path(run_id))); }

  nlohmann::json wait_for_run(int64_t run_id, int seconds = 60) {
    for (int i = 0; i < seconds * 20; ++i) {
      auto current = run(run_id);
      std::string state = current["state"];
      if (state == "succeeded" || state == "failed" || state == "cancelled") return current;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "run " << run_id << " did not finish in " << seconds << " s";
    return run(run_id);
  }

  nlohmann::json metrics(int64_t run_id) {
    return json_of(client->get(run_path(run_id, "/metrics")))["items"];
  }
  nlohmann::json events(int64_t run_id) {
    return json_of(client->get(run_path(run_id, "/events?limit=1000")))["items"];
  }
  std::string events_text(int64_t run_id) {
    std::string text;
    for (const auto& event : events(run_id)) text += event["message"].get<std::string>() + "\n";
    return text;
  }
};

}  // namespace reinforge::testing
