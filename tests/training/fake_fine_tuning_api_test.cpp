// The fake fine-tuning API driven with plain HTTP: what it accepts, what it refuses, and a job's
// life from validating_files to its outcome, as a client following OpenAI's protocol sees it.
#include "training/fake_fine_tuning_api.hpp"

#include <curl/curl.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "support/http_client.hpp"

using nlohmann::json;
using reinforge::testing::FakeFault;
using reinforge::testing::FakeFineTuningApi;
using reinforge::testing::FakeJobOutcome;
using reinforge::testing::fine_tune_upload_body;
using reinforge::testing::FineTuningScenario;
using reinforge::testing::HttpClient;
using reinforge::testing::HttpResult;

namespace {

const std::string kTrainLines =
    R"({"messages":[{"role":"developer","content":"Answer with the capital."},{"role":"user","content":"France?"}],"reference":"Paris"})"
    "\n"
    R"({"messages":[{"role":"user","content":"Italy?"}],"reference":"Rome"})"
    "\n";

FineTuningScenario quick_scenario() {
  FineTuningScenario scenario;
  scenario.validating_ms = 20;
  scenario.queued_ms = 20;
  scenario.total_steps = 6;
  scenario.step_ms = 15;
  scenario.eval_interval = 2;
  return scenario;
}

HttpResult upload(const HttpClient& client, const std::string& content,
                  const std::string& purpose = "fine-tune",
                  const std::string& filename = "train.jsonl") {
  const std::string boundary = "reinforge-test-boundary";
  return client.post("/files", fine_tune_upload_body(boundary, purpose, filename, content),
                     "multipart/form-data; boundary=" + boundary);
}

std::string upload_id(const HttpClient& client, const std::string& content = kTrainLines) {
  auto result = upload(client, content);
  EXPECT_EQ(result.status, 200) << result.body;
  return json::parse(result.body)["id"];
}

json rft_job_body(const std::string& training_file, const std::string& validation_file) {
  return {{"model", "o4-mini-2025-04-16"},
          {"training_file", training_file},
          {"validation_file", validation_file},
          {"suffix", "support-v1"},
          {"seed", 42},
          {"method",
           {{"type", "reinforcement"},
            {"reinforcement",
             {{"grader",
               {{"type", "string_check"},
                {"name", "exact"},
                {"input", "{{sample.output_text}}"},
                {"reference", "{{item.reference}}"},
                {"operation", "eq"}}},
              {"hyperparameters",
               {{"n_epochs", 2}, {"batch_size", "auto"}, {"reasoning_effort", "medium"}}}}}}}};
}

json wait_for_status(const HttpClient& client, const std::string& job_id,
                     const std::string& status) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  json job;
  while (std::chrono::steady_clock::now() < deadline) {
    job = json::parse(client.get("/fine_tuning/jobs/" + job_id).body);
    if (job["status"] == status) return job;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ADD_FAILURE() << "job never reached " << status << ": " << job.dump();
  return job;
}

json error_of(const HttpResult& result) {
  return json::parse(result.body)["error"];
}

}  // namespace

TEST(FakeFineTuningApi, refuses_requests_without_the_configured_key) {
  FakeFineTuningApi api(quick_scenario());
  HttpClient anonymous(api.base_url());
  HttpClient wrong(api.base_url(), "sk-wrong");
  EXPECT_EQ(anonymous.get("/fine_tuning/jobs").status, 401);
  auto result = wrong.get("/fine_tuning/jobs");
  EXPECT_EQ(result.status, 401);
  EXPECT_EQ(error_of(result)["code"], "invalid_api_key");
  EXPECT_EQ(error_of(result)["type"], "invalid_request_error");
}

TEST(FakeFineTuningApi, stores_an_rft_file_and_answers_with_the_file_object) {
  FakeFineTuningApi api(quick_scenario());
  HttpClient client(api.base_url(), api.api_key());
  auto result = upload(client, kTrainLines);
  ASSERT_EQ(result.status, 200) << result.body;
  auto file = json::parse(result.body);
  EXPECT_EQ(file["object"], "file");
  EXPECT_EQ(file["purpose"], "fine-tune");
  EXPECT_EQ(file["filename"], "train.jsonl");
  EXPECT_EQ(file["bytes"], kTrainLines.size());
  ASSERT_EQ(api.files().size(), 1u);
  EXPECT_EQ(api.files()[0].lines.size(), 2u);
  EXPECT_EQ(api.files()[0].lines[1]["reference"], "Rome");
  EXPECT_EQ(api.calls("POST /files"), 1);
  EXPECT_EQ(json::parse(client.get("/files/" + file["id"].get<std::string>()).body)["id"],
            file["id"]);
}

TEST(FakeFineTuningApi, reads_a_file_sent_with_libcurls_mime_api) {
  FakeFineTuningApi api(quick_scenario());
  CURL* curl = curl_easy_init();
  ASSERT_NE(curl, nullptr);
  curl_mime* mime = curl_mime_init(curl);
  curl_mimepart* purpose = curl_mime_addpart(mime);
  curl_mime_name(purpose, "purpose");
  curl_mime_data(purpose, "fine-tune", CURL_ZERO_TERMINATED);
  curl_mimepart* file = curl_mime_addpart(mime);
  curl_mime_name(file, "file");
  curl_mime_filename(file, "valid.jsonl");
  curl_mime_data(file, kTrainLines.data(), kTrainLines.size());
  std::string url = api.base_url() + "/files";
  std::string authorization = "Authorization: Bearer " + api.api_key();
  curl_slist* headers = curl_slist_append(nullptr, authorization.c_str());
  long status = 0;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_MIMEPOST, mime);
  curl_easy_setopt(
      curl, CURLOPT_WRITEFUNCTION,
      +[](char*, size_t size, size_t count, void*) { return size * count; });
  ASSERT_EQ(curl_easy_perform(curl), CURLE_OK);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all(headers);
  curl_mime_free(mime);
  curl_easy_cleanup(curl);
  EXPECT_EQ(status, 200);
  ASSERT_EQ(api.files().size(), 1u);
  EXPECT_EQ(api.files()[0].filename, "valid.jsonl");
  EXPECT_EQ(api.files()[0].content, kTrainLines);
}

TEST(FakeFineTuningApi, refuses_files_that_are_not_rft_data) {
  FakeFineTuningApi api(quick_scenario());
  HttpClient client(api.base_url(), api.api_key());
  struct Case {
    std::string name, content, purpose, filename, message_part;
  };
  std::vector<Case> cases = {
      {"answer included",
       R"({"messages":[{"role":"user","content":"Hi"},{"role":"assistant","content":"Hello"}]})",
       "fine-tune", "a.jsonl", "Line 1: the last message is an assistant message"},
      {"no messages", R"({"prompt":"Hi"})", "fine-tune", "a.jsonl", "has no \"messages\""},
      {"empty messages", R"({"messages":[]})", "fine-tune", "a.jsonl", "non-empty array"},
      {"not json", "{oops", "fine-tune", "a.jsonl", "Line 1 is not valid JSON"},
      {"system role",
       R"({"messages":[{"role":"system","content":"x"},{"role":"user","content":"y"}]})",
       "fine-tune", "a.jsonl", "role \"system\""},
      {"empty file", "\n", "fine-tune", "a.jsonl", "no examples"},
      {"wrong purpose", kTrainLines, "batch", "a.jsonl", "'purpose'"},
      {"not jsonl", kTrainLines, "fine-tune", "a.json", "Must be .jsonl"},
  };
  for (const auto& c : cases) {
    auto result = upload(client, c.content, c.purpose, c.filename);
    EXPECT_EQ(result.status, 400) << c.name;
    auto error = error_of(result);
    EXPECT_EQ(error["type"], "invalid_request_error") << c.name;
    EXPECT_NE(error["message"].get<std::string>().find(c.message_part), std::string::npos)
        << c.name << ": " << error["message"];
  }
  EXPECT_TRUE(api.files().empty());
}

TEST(FakeFineTuningApi, runs_a_job_from_validating_files_to_succeeded) {
  FakeFineTuningApi api(quick_scenario());
  HttpClient client(api.base_url(), api.api_key());
  auto train = upload_id(client);
  auto valid = upload_id(client);
  auto created = client.post("/fine_tuning/jobs", rft_job_body(train, valid).dump());
  ASSERT_EQ(created.status, 200) << created.body;
  auto job = json::parse(created.body);
  EXPECT_EQ(job["object"], "fine_tuning.job");
  EXPECT_EQ(job["status"], "validating_files");
  EXPECT_TRUE(job["fine_tuned_model"].is_null());
  EXPECT_TRUE(job["error"].is_null());
  EXPECT_EQ(job["method"]["type"], "reinforcement");
  ASSERT_EQ(api.job_requests().size(), 1u);
  EXPECT_EQ(api.job_requests()[0]["method"]["reinforcement"]["grader"]["operation"], "eq");

  std::string id = job["id"];
  // Polled as a client would: the statuses seen follow OpenAI's order, whatever the poll rate.
  const std::vector<std::string> order = {"validating_files", "queued", "running", "succeeded"};
  size_t at = 0;
  json done;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline) {
    done = json::parse(client.get("/fine_tuning/jobs/" + id).body);
    auto seen = std::find(order.begin(), order.end(), done["status"].get<std::string>());
    ASSERT_NE(seen, order.end()) << done.dump();
    ASSERT_GE(static_cast<size_t>(seen - order.begin()), at) << done.dump();
    at = seen - order.begin();
    if (done["status"] == "running") {
      EXPECT_TRUE(done["estimated_finish"].is_number_integer());
    }
    if (done["status"] == "succeeded") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(3));
  }
  ASSERT_EQ(done["status"], "succeeded");
  EXPECT_EQ(done["fine_tuned_model"], "ft:o4-mini-2025-04-16:reinforge-test:support-v1:RfJob0001");
  EXPECT_TRUE(done["finished_at"].is_number_integer());
  EXPECT_TRUE(done["estimated_finish"].is_null());
  EXPECT_EQ(api.job(id)["status"], "succeeded");
}

TEST(FakeFineTuningApi, refuses_job_bodies_the_real_service_refuses) {
  FakeFineTuningApi api(quick_scenario());
  HttpClient client(api.base_url(), api.api_key());
  auto train = upload_id(client);
  auto valid = upload_id(client);
  auto base = rft_job_body(train, valid);
  struct Case {
    std::string name;
    json body;
    std::string param;
  };
  auto with = [&](const std::string& pointer, json value) {
    json body = base;
    body[json::json_pointer(pointer)] = std::move(value);
    return body;
  };
  auto without = [&](const std::string& parent, const std::string& key) {
    json body = base;
    body[json::json_pointer(parent)].erase(key);
    return body;
  };
  std::vector<Case> cases = {
      {"no model", without("", "model"), "model"},
      {"unknown training file", with("/training_file", "file-nope"), "training_file"},
      {"no validation file", without("", "validation_file"), "validation_file"},
      {"supervised", with("/method/type", "supervised"), "method.type"},
      {"no grader", without("/method/reinforcement", "grader"), "method.reinforcement.grader"},
      {"unknown grader type", with("/method/reinforcement/grader/type", "regex"),
       "method.reinforcement.grader.type"},
      {"bad operation", with("/method/reinforcement/grader/operation", "contains"),
       "method.reinforcement.grader.operation"},
      {"n_epochs as text", with("/method/reinforcement/hyperparameters/n_epochs", "2"),
       "method.reinforcement.hyperparameters.n_epochs"},
      {"external-only hyperparameter", with("/method/reinforcement/hyperparameters/group_size", 8),
       "method.reinforcement.hyperparameters.group_size"},
      {"bad reasoning effort",
       with("/method/reinforcement/hyperparameters/reasoning_effort", "max"),
       "method.reinforcement.hyperparameters.reasoning_effort"},
      {"unknown top-level field", with("/temperature", 1), "temperature"},
      {"long suffix", with("/suffix", std::string(65, 'x')), "suffix"},
  };
  for (const auto& c : cases) {
    auto result = client.post("/fine_tuning/jobs", c.body.dump());
    EXPECT_EQ(result.status, 400) << c.name;
    auto error = error_of(result);
    EXPECT_EQ(error["param"], c.param) << c.name << ": " << result.body;
    EXPECT_EQ(error["type"], "invalid_request_error") << c.name;
    EXPECT_TRUE(error["message"].is_string()) << c.name;
    EXPECT_TRUE(error.contains("code")) << c.name;
  }
  EXPECT_TRUE(api.job_requests().empty());
  EXPECT_EQ(api.calls("POST /fine_tuning/jobs"), static_cast<int>(cases.size()));
}

TEST(FakeFineTuningApi, accepts_a_minimal_body_and_names_the_model_without_a_suffix) {
  auto scenario = quick_scenario();
  scenario.total_steps = 1;
  FakeFineTuningApi api(scenario);
  HttpClient client(api.base_url(), api.api_key());
  json body = rft_job_body(upload_id(client), upload_id(client));
  body.erase("seed");
  body.erase("suffix");
  body["method"]["reinforcement"].erase("hyperparameters");
  auto created = client.post("/fine_tuning/jobs", body.dump());
  ASSERT_EQ(created.status, 200) << created.body;
  auto job = json::parse(created.body);
  EXPECT_TRUE(job["seed"].is_number_integer());
  auto done = wait_for_status(client, job["id"], "succeeded");
  EXPECT_EQ(done["fine_tuned_model"], "ft:o4-mini-2025-04-16:reinforge-test::RfJob0001");
}

TEST(FakeFineTuningApi, accepts_multi_score_model_and_python_graders) {
  FakeFineTuningApi api(quick_scenario());
  HttpClient client(api.base_url(), api.api_key());
  auto body = rft_job_body(upload_id(client), upload_id(client));
  body["method"]["reinforcement"]["grader"] = {
      {"type", "multi"},
      {"name", "weighted"},
      {"calculate_output", "0.5 * judge + 0.5 * script"},
      {"graders",
       {{"judge",
         {{"type", "score_model"},
          {"name", "judge"},
          {"model", "gpt-4o-2024-08-06"},
          {"range", {0, 1}},
          {"input", {{{"role", "user"}, {"content", "Grade {{sample.output_text}}"}}}}}},
        {"script",
         {{"type", "python"},
          {"name", "script"},
          {"source", "def grade(sample, item):\n    return 1.0\n"}}}}}};
  auto result = client.post("/fine_tuning/jobs", body.dump());
  EXPECT_EQ(result.status, 200) << result.body;
}

TEST(FakeFineTuningApi, lists_events_newest_first_with_rising_rewards_and_pages_with_after) {
  FakeFineTuningApi api(quick_scenario());
  HttpClient client(api.base_url(), api.api_key());
  auto job = json::parse(
      client.post("/fine_tuning/jobs", rft_job_body(upload_id(client), upload_id(client)).dump())
          .body);
  std::string id = job["id"];
  wait_for_status(client, id, "succeeded");

  auto all = json::parse(client.get("/fine_tuning/jobs/" + id + "/events?limit=100").body);
  EXPECT_EQ(all["object"], "list");
  EXPECT_EQ(all["has_more"], false);
  const auto& events = all["data"];
  ASSERT_GT(events.size(), 6u);
  EXPECT_EQ(events[0]["message"], "The job has successfully completed");
  EXPECT_EQ(events.back()["message"], "Created fine-tuning job: " + id);
  for (size_t i = 1; i < events.size(); ++i) {
    EXPECT_LE(events[i]["created_at"], events[i - 1]["created_at"]);
  }
  std::vector<json> metrics;  // oldest first
  for (auto it = events.rbegin(); it != events.rend(); ++it) {
    EXPECT_EQ((*it)["object"], "fine_tuning.job.event");
    if ((*it)["type"] == "metrics") metrics.push_back((*it)["data"]);
  }
  ASSERT_EQ(metrics.size(), 6u);
  EXPECT_EQ(metrics[0]["step"], 1);
  EXPECT_EQ(metrics[5]["total_steps"], 6);
  EXPECT_GT(metrics[5]["scores"]["train_reward_mean"].get<double>(),
            metrics[0]["scores"]["train_reward_mean"].get<double>());
  EXPECT_EQ(metrics[5]["scores"]["train_reward_mean"], metrics[5]["train_mean_reward"]);
  EXPECT_FALSE(metrics[0]["scores"].contains("valid_reward_mean"));  // step 1: no eval
  EXPECT_GT(metrics[5]["scores"]["valid_reward_mean"].get<double>(),
            metrics[1]["scores"]["valid_reward_mean"].get<double>());
  EXPECT_EQ(metrics[1]["full_valid_mean_reward"], metrics[1]["scores"]["valid_reward_mean"]);

  // Paging: the pages, read with `after`, give the same list.
  std::vector<json> paged;
  std::string after;
  for (int page = 0; page < 100; ++page) {
    auto body = json::parse(client
                                .get("/fine_tuning/jobs/" + id + "/events?limit=3" +
                                     (after.empty() ? "" : "&after=" + after))
                                .body);
    for (const auto& event : body["data"]) paged.push_back(event);
    if (!body["has_more"].get<bool>()) break;
    after = body["data"].back()["id"];
  }
  EXPECT_EQ(json(paged), events);
  auto first_page = json::parse(client.get("/fine_tuning/jobs/" + id + "/events").body);
  EXPECT_EQ(first_page["data"].size(), std::min<size_t>(20, events.size()));
}

TEST(FakeFineTuningApi, lists_a_checkpoint_per_evaluation_newest_first) {
  FakeFineTuningApi api(quick_scenario());
  HttpClient client(api.base_url(), api.api_key());
  auto job = json::parse(
      client.post("/fine_tuning/jobs", rft_job_body(upload_id(client), upload_id(client)).dump())
          .body);
  std::string id = job["id"];
  wait_for_status(client, id, "succeeded");
  auto list = json::parse(client.get("/fine_tuning/jobs/" + id + "/checkpoints").body);
  ASSERT_EQ(list["data"].size(), 3u);  // steps 6, 4, 2
  EXPECT_EQ(list["data"][0]["step_number"], 6);
  EXPECT_EQ(list["data"][0]["object"], "fine_tuning.job.checkpoint");
  EXPECT_EQ(list["data"][0]["fine_tuning_job_id"], id);
  EXPECT_EQ(list["data"][0]["fine_tuned_model_checkpoint"],
            "ft:o4-mini-2025-04-16:reinforge-test:support-v1:RfJob0001:ckpt-step-6");
  EXPECT_EQ(list["first_id"], list["data"][0]["id"]);
  EXPECT_EQ(list["last_id"], list["data"][2]["id"]);
  EXPECT_TRUE(list["data"][2]["metrics"]["valid_reward_mean"].is_number());
}

TEST(FakeFineTuningApi, cancels_a_running_job_and_refuses_to_cancel_a_finished_one) {
  auto scenario = quick_scenario();
  scenario.step_ms = 1000;
  FakeFineTuningApi api(scenario);
  HttpClient client(api.base_url(), api.api_key());
  auto train = upload_id(client);
  auto valid = upload_id(client);
  std::string id =
      json::parse(client.post("/fine_tuning/jobs", rft_job_body(train, valid).dump()).body)["id"];
  wait_for_status(client, id, "running");
  auto cancelled = client.post("/fine_tuning/jobs/" + id + "/cancel", "");
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(json::parse(cancelled.body)["status"], "cancelled");
  EXPECT_TRUE(api.cancelled(id));
  EXPECT_EQ(json::parse(client.get("/fine_tuning/jobs/" + id).body)["status"], "cancelled");
  auto events = json::parse(client.get("/fine_tuning/jobs/" + id + "/events").body);
  EXPECT_EQ(events["data"][0]["message"], "Fine-tuning job cancelled");

  api.set_scenario(quick_scenario());
  std::string quick =
      json::parse(client.post("/fine_tuning/jobs", rft_job_body(train, valid).dump()).body)["id"];
  wait_for_status(client, quick, "succeeded");
  EXPECT_EQ(client.post("/fine_tuning/jobs/" + quick + "/cancel", "").status, 400);
  EXPECT_EQ(client.get("/fine_tuning/jobs/ftjob-none").status, 404);
}

TEST(FakeFineTuningApi, fails_a_job_with_the_configured_error) {
  auto scenario = quick_scenario();
  scenario.outcome = FakeJobOutcome::failed;
  scenario.fail_after_steps = 2;
  FakeFineTuningApi api(scenario);
  HttpClient client(api.base_url(), api.api_key());
  std::string id = json::parse(
      client.post("/fine_tuning/jobs", rft_job_body(upload_id(client), upload_id(client)).dump())
          .body)["id"];
  auto failed = wait_for_status(client, id, "failed");
  EXPECT_EQ(failed["error"]["code"], "server_error");
  EXPECT_TRUE(failed["fine_tuned_model"].is_null());
  auto events = json::parse(client.get("/fine_tuning/jobs/" + id + "/events").body);
  EXPECT_EQ(events["data"][0]["level"], "error");
  for (const auto& event : events["data"]) {
    if (event["type"] != "metrics") continue;
    EXPECT_EQ(event["data"]["step"], 2);  // the newest metrics: the last step done
    break;
  }
}

TEST(FakeFineTuningApi, rate_limits_and_fails_requests_as_configured) {
  auto scenario = quick_scenario();
  scenario.rate_limited_requests = 2;
  scenario.retry_after_ms = 1500;
  scenario.server_error_on_request = 3;
  scenario.faults.push_back(FakeFault{"GET /fine_tuning/jobs", 4, 503, -1, false});
  FakeFineTuningApi api(scenario);
  HttpClient client(api.base_url(), api.api_key());
  auto first = client.get("/fine_tuning/jobs");
  EXPECT_EQ(first.status, 429);
  EXPECT_EQ(first.headers["retry-after"], "2");
  EXPECT_EQ(first.headers["retry-after-ms"], "1500");
  EXPECT_EQ(error_of(first)["code"], "rate_limit_exceeded");
  EXPECT_EQ(client.get("/fine_tuning/jobs").status, 429);
  auto third = client.get("/fine_tuning/jobs");
  EXPECT_EQ(third.status, 500);
  EXPECT_EQ(error_of(third)["type"], "server_error");
  EXPECT_EQ(client.get("/fine_tuning/jobs").status, 503);  // the route's fourth call
  EXPECT_EQ(client.get("/fine_tuning/jobs").status, 200);
  EXPECT_EQ(api.calls("GET /fine_tuning/jobs"), 5);
  EXPECT_EQ(api.total_requests(), 5);
}
