// What the dataset JSON says about a dataset made from traces, and what a pull reports.
#include <algorithm>
#include <set>

#include "api/api_test_fixture.hpp"
#include "store/trace_store.hpp"

namespace reinforge::testing {
namespace {

TEST_F(ApiTest, a_dataset_from_traces_shows_its_saved_filter_and_pulls_with_it) {
  nlohmann::json filter{{"from", "1795478400000"}, {"model", "team-model"}, {"tag", "prod"}, {"status", "ok"}};
  auto created = client->post("/api/datasets/from-traces",
                              nlohmann::json{{"name", "from traces"}, {"objective", "o"}, {"filter", filter}}.dump());
  ASSERT_EQ(created.status, 201) << created.body;
  auto id = std::to_string(json_of(created)["id"].get<int64_t>());
  EXPECT_EQ(json_of(created)["trace_filter"], filter);

  auto dataset = json_of(client->get("/api/datasets/" + id));
  EXPECT_EQ(dataset["trace_filter"], filter);
  EXPECT_TRUE(dataset["traces_pulled_at"].is_string());
  // No trace matched: step 1 says so, rather than asking for a file.
  EXPECT_EQ(dataset["steps"][0]["headline"], "No records yet: no trace matched the filter; pull new traces later");

  auto pulled = client->post("/api/datasets/" + id + "/pull-traces", "");
  ASSERT_EQ(pulled.status, 200) << pulled.body;
  EXPECT_EQ(json_of(pulled), (nlohmann::json{{"added", 0}, {"invalid", 0}, {"skipped", 0}, {"already_in_dataset", 0}}));
}

TEST_F(ApiTest, an_uploaded_dataset_has_no_trace_filter_and_cannot_pull) {
  auto id = std::to_string(create_dataset("uploaded"));
  auto dataset = json_of(client->get("/api/datasets/" + id));
  ASSERT_TRUE(dataset.contains("trace_filter"));
  EXPECT_TRUE(dataset["trace_filter"].is_null());
  EXPECT_TRUE(dataset["traces_pulled_at"].is_null());
  auto pulled = client->post("/api/datasets/" + id + "/pull-traces", "");
  EXPECT_EQ(pulled.status, 409);
  EXPECT_EQ(json_of(pulled)["error"]["code"], "no_trace_filter");
}

store::Trace chat_trace(const std::string& id, int64_t created_at_ms, const std::string& model) {
  store::Trace trace;
  trace.id = id;
  trace.created_at_ms = created_at_ms;
  trace.endpoint = "chat.completions";
  trace.model_requested = trace.model = model;
  trace.provider = "local";
  trace.status = 200;
  trace.latency_ms = 10;
  trace.request_json = R"({"messages":[{"role":"user","content":"hello )" + id + R"("}]})";
  trace.response_json =
      R"({"choices":[{"message":{"role":"assistant","content":"hi"},"finish_reason":"stop"}]})";
  return trace;
}

// Traces written straight into the server's store (as the gateway's writer would).
void write_traces(const std::filesystem::path& data_dir, int count, const std::string& model,
                  int64_t from_ms = 1795478400000) {
  std::vector<store::Trace> traces;
  for (int i = 0; i < count; ++i)
    traces.push_back(chat_trace("tr_" + model + "_" + std::to_string(from_ms + i), from_ms + i * 1000, model));
  store::open_sqlite_trace_store(data_dir)->insert_traces(traces);
}

TEST_F(ApiTest, the_trace_list_pages_with_a_cursor_and_refuses_a_foreign_one) {
  write_traces(temp.path() / "data", 25, "m1");
  write_traces(temp.path() / "data", 5, "m2");
  std::set<std::string> ids;
  std::string url = "/api/traces?model=m1&limit=10";
  std::string cursor;
  for (int page = 0; page < 3; ++page) {
    auto answer = client->get(url + (cursor.empty() ? "" : "&cursor=" + cursor));
    ASSERT_EQ(answer.status, 200) << answer.body;
    auto json = json_of(answer);
    EXPECT_EQ(json["total"], 25);
    EXPECT_EQ(json["total_exact"], true);
    for (const auto& item : json["items"]) ids.insert(item["id"].get<std::string>());
    if (page < 2) {
      ASSERT_TRUE(json["next_cursor"].is_string()) << json.dump();
      cursor = json["next_cursor"].get<std::string>();
    } else {
      EXPECT_EQ(json["items"].size(), 5u);
      EXPECT_TRUE(json["next_cursor"].is_null());
    }
  }
  EXPECT_EQ(ids.size(), 25u);

  auto first = json_of(client->get(url));
  std::string m1_cursor = first["next_cursor"].get<std::string>();
  for (const std::string& bad : std::vector<std::string>{"/api/traces?model=m2&cursor=" + m1_cursor,  // another filter
                                 "/api/traces?cursor=" + m1_cursor,
                                 "/api/traces?model=m1&cursor=c1.zz.1.2",     // not hex
                                 "/api/traces?model=m1&cursor=c1.1.2",        // a part short
                                 "/api/traces?model=m1&cursor=%00garbage"}) {
    auto answer = client->get(bad);
    EXPECT_EQ(answer.status, 400) << bad << " " << answer.body;
    EXPECT_EQ(json_of(answer)["error"]["code"], "invalid_cursor") << bad;
  }
  // A page of none is a mistake said as one, not answered with a page of one.
  EXPECT_EQ(client->get("/api/traces?limit=0").status, 400);
  EXPECT_EQ(json_of(client->get("/api/traces?model=m1&limit=5000"))["items"].size(), 25u);
}

TEST_F(ApiTest, a_dataset_from_many_traces_is_one_job_and_a_second_pull_adds_only_new_ones) {
  write_traces(temp.path() / "data", 3000, "m1");
  write_traces(temp.path() / "data", 500, "m2");
  auto created = client->post("/api/datasets/from-traces",
                              nlohmann::json{{"name", "m1 calls"}, {"filter", {{"model", "m1"}}}}.dump());
  ASSERT_EQ(created.status, 201) << created.body;
  auto json = json_of(created);
  ASSERT_TRUE(json["job"].is_object()) << json.dump();
  auto job = wait_for_job(json["job"]["id"].get<int64_t>());
  EXPECT_EQ(job["state"], "succeeded") << job.dump();
  auto id = json["id"].get<int64_t>();
  auto dataset = json_of(client->get(path(id, "")));
  EXPECT_EQ(dataset["record_count"], 3000) << dataset.dump();

  // Traces that arrive later (m1 and others): the next pull adds the new m1 ones only.
  write_traces(temp.path() / "data", 4, "m1", 1795478400000 + 5000000);
  write_traces(temp.path() / "data", 3, "m3", 1795478400000 + 6000000);
  auto pulled = client->post(path(id, "/pull-traces"), "");
  ASSERT_EQ(pulled.status, 200) << pulled.body;
  EXPECT_EQ(json_of(pulled)["added"], 4) << pulled.body;
  auto again = client->post(path(id, "/pull-traces"), "");
  EXPECT_EQ(json_of(again)["added"], 0) << again.body;
}

TEST_F(ApiTest, picked_traces_that_do_not_exist_are_refused_and_a_stream_cut_short_is_skipped) {
  write_traces(temp.path() / "data", 2, "m1");
  auto cut = chat_trace("tr_cut", 1795478500000, "m1");
  cut.error = "the upstream stream broke: partial message";
  store::open_sqlite_trace_store(temp.path() / "data")
      ->insert_traces(std::vector<store::Trace>{cut});
  const std::string first = "tr_m1_1795478400000";
  auto before = json_of(client->get("/api/datasets"))["items"].size();

  auto refused =
      client->post("/api/datasets/from-traces",
                   nlohmann::json{{"name", "picked"}, {"trace_ids", {first, "tr_nope"}}}.dump());
  ASSERT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(json_of(refused)["error"]["code"], "unknown_trace");
  EXPECT_NE(json_of(refused)["error"]["message"].get<std::string>().find(
                "1 of the 2 picked traces do not exist (tr_nope)"),
            std::string::npos)
      << refused.body;
  EXPECT_EQ(json_of(client->get("/api/datasets"))["items"].size(), before) << "no dataset was made";

  auto picked =
      client->post("/api/datasets/from-traces",
                   nlohmann::json{{"name", "picked"}, {"trace_ids", {first, "tr_cut"}}}.dump());
  ASSERT_EQ(picked.status, 201) << picked.body;
  EXPECT_EQ(json_of(picked)["from_traces"],
            (nlohmann::json{{"added", 1}, {"invalid", 0}, {"skipped", 1}}));
  auto filtered =
      client->post("/api/datasets/from-traces",
                   nlohmann::json{{"name", "all m1"}, {"filter", {{"model", "m1"}}}}.dump());
  ASSERT_EQ(filtered.status, 201) << filtered.body;
  EXPECT_EQ(json_of(filtered)["from_traces"],
            (nlohmann::json{{"added", 2}, {"invalid", 0}, {"skipped", 1}}));
}

// "Create & start" from traces queues step 2 once the records are in, as an upload does: at
// once for a few traces, after the pull job for many. Without `start`, nothing follows.
TEST_F(ApiTest, a_dataset_from_traces_created_with_start_goes_on_to_its_topics) {
  write_traces(temp.path() / "data", 40, "few");
  write_traces(temp.path() / "data", 2500, "many");
  auto create = [&](const std::string& name, const std::string& model, nlohmann::json start) {
    nlohmann::json body{{"name", name}, {"filter", {{"model", model}}}};
    if (!start.is_null()) body["start"] = start;
    return client->post("/api/datasets/from-traces", body.dump());
  };
  // The kinds of the dataset's jobs, waiting up to 30 s for one of `kind` to appear.
  auto job_kinds_once_there = [&](int64_t id, const std::string& kind) {
    std::vector<std::string> kinds;
    for (int i = 0; i < 600; ++i) {
      kinds.clear();
      auto jobs = json_of(client->get(path(id, "/jobs")));
      for (const auto& job : jobs["items"]) kinds.push_back(job["kind"]);
      if (std::find(kinds.begin(), kinds.end(), kind) != kinds.end()) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return kinds;
  };
  auto few = create("few", "few", true);
  ASSERT_EQ(few.status, 201) << few.body;
  EXPECT_TRUE(json_of(few)["job"].is_null());
  auto kinds = job_kinds_once_there(json_of(few)["id"], "discover_topics");
  EXPECT_EQ(kinds, std::vector<std::string>{"discover_topics"});

  auto many = create("many", "many", true);
  ASSERT_EQ(many.status, 201) << many.body;
  auto pull = wait_for_job(json_of(many)["job"]["id"].get<int64_t>());
  EXPECT_EQ(pull["state"], "succeeded") << pull.dump();
  kinds = job_kinds_once_there(json_of(many)["id"], "discover_topics");
  EXPECT_EQ(std::set<std::string>(kinds.begin(), kinds.end()),
            (std::set<std::string>{"pull_traces", "discover_topics"}));

  auto plain = create("plain", "few", nullptr);
  ASSERT_EQ(plain.status, 201) << plain.body;
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_TRUE(json_of(client->get(path(json_of(plain)["id"], "/jobs")))["items"].empty());

  auto wrong = create("wrong", "few", "yes");
  EXPECT_EQ(wrong.status, 400) << wrong.body;
}

// SIGKILL in the middle of a pull: after a restart the job goes on from the dataset's saved
// cursor and every trace ends up a record exactly once.
TEST_F(ApiTest, a_pull_killed_mid_way_resumes_and_adds_every_trace_once) {
  constexpr int kTraces = 60000;
  write_traces(temp.path() / "data", kTraces, "m1");
  auto created = client->post("/api/datasets/from-traces",
                              nlohmann::json{{"name", "crash"}, {"filter", {{"model", "m1"}}}}.dump());
  ASSERT_EQ(created.status, 201) << created.body;
  auto id = json_of(created)["id"].get<int64_t>();
  auto job_id = json_of(created)["job"]["id"].get<int64_t>();
  bool killed_mid_pull = false;
  for (int i = 0; i < 4000 && !killed_mid_pull; ++i) {
    auto job = json_of(client->get("/api/jobs/" + std::to_string(job_id)));
    ASSERT_NE(job["state"], "succeeded") << "the pull finished before the test could kill it";
    if (job["state"] == "running" && job["done"].get<int64_t>() > 0) {
      server->kill_hard();
      killed_mid_pull = true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  ASSERT_TRUE(killed_mid_pull);
  start_server();
  auto job = wait_for_job(job_id, 120);
  ASSERT_EQ(job["state"], "succeeded") << job.dump();
  auto dataset = json_of(client->get(path(id, "")));
  EXPECT_EQ(dataset["record_count"], kTraces);
  EXPECT_EQ(dataset["health"]["warnings"].value("duplicate_record", 0), 0);
  auto again = client->post(path(id, "/pull-traces"), "");
  EXPECT_EQ(json_of(again)["added"], 0) << again.body;
  EXPECT_EQ(json_of(again)["already_in_dataset"], kTraces) << again.body;
}

}  // namespace
}  // namespace reinforge::testing
