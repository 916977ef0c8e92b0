#include <gtest/gtest.h>

#include "store/sqlite_connection.hpp"
#include "store/trace_store.hpp"
#include "support/trace_store_checks.hpp"
#include "support/temp_dir.hpp"
#include "util/clock.hpp"

using namespace reinforge;

namespace {

store::Trace make_trace(const std::string& id, int64_t at_ms, const std::string& model, int status, double latency,
                        std::vector<std::string> tags = {}) {
  store::Trace trace;
  trace.id = id;
  trace.created_at_ms = at_ms;
  trace.endpoint = "chat.completions";
  trace.model_requested = model;
  trace.model = model + "-upstream";
  trace.provider = "local";
  trace.status = status;
  trace.latency_ms = latency;
  trace.prompt_tokens = 10;
  trace.completion_tokens = 5;
  trace.tags = std::move(tags);
  trace.request_json = R"({"model":")" + model + R"(","messages":[{"role":"user","content":"question )" + id + R"("}]})";
  trace.response_json = R"({"choices":[{"message":{"role":"assistant","content":"answer"}}]})";
  return trace;
}

constexpr int64_t kDay = 86400000;

}  // namespace

TEST(TraceStore, ListsNewestFirstWithEveryFilter) {
  reinforge::testing::TempDir dir;
  auto traces = store::open_sqlite_trace_store(dir.path());
  std::vector<store::Trace> batch{make_trace("tr_1", 1000, "a", 200, 10, {"prod", "team-x"}),
                                  make_trace("tr_2", 2000, "b", 500, 20, {"prod"}),
                                  make_trace("tr_3", 3000, "a", 429, 30),
                                  make_trace("tr_4", 4000, "a", 200, 40)};
  batch[3].gateway_key_id = 7;
  traces->insert_traces(batch);

  store::TraceFilter all;
  auto page = traces->list_traces(all, false);
  ASSERT_EQ(page.total, 4);
  auto& listed = page.traces;
  EXPECT_EQ(listed[0].id, "tr_4");
  EXPECT_TRUE(listed[0].request_json.empty());  // bodies only when asked

  auto count = [&](store::TraceFilter filter) { return traces->list_traces(filter, true).total; };
  store::TraceFilter filter;
  filter.model = "a";
  EXPECT_EQ(count(filter), 3);
  filter = {};
  filter.model = "b-upstream";
  EXPECT_EQ(count(filter), 1);
  filter = {};
  filter.status = "ok";
  EXPECT_EQ(count(filter), 2);
  filter.status = "error";
  EXPECT_EQ(count(filter), 2);
  filter.status = "429";
  EXPECT_EQ(count(filter), 1);
  filter = {};
  filter.tag = "prod";
  EXPECT_EQ(count(filter), 2);
  filter = {};
  filter.from_ms = 2000;
  filter.to_ms = 4000;
  EXPECT_EQ(count(filter), 2);
  filter = {};
  filter.gateway_key_id = 7;
  EXPECT_EQ(count(filter), 1);
  filter = {};
  filter.text_query = "question tr_3";
  auto found = traces->list_traces(filter, true).traces;
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].id, "tr_3");
  filter.text_query = "unbalanced \" quote";
  EXPECT_EQ(count(filter), 0);

  auto detail = traces->find_trace("tr_1");
  ASSERT_TRUE(detail);
  EXPECT_EQ(detail->tags, (std::vector<std::string>{"prod", "team-x"}));
  EXPECT_EQ(detail->prompt_tokens, 10);
  EXPECT_FALSE(detail->ttft_ms);
  EXPECT_NE(detail->response_json->find("answer"), std::string::npos);
  EXPECT_FALSE(traces->find_trace("tr_nope"));
}

TEST(TraceStore, TheSearchIndexIsMergedInStepsAfterEachBatchNotInsideIt) {
  reinforge::testing::TempDir dir;
  auto traces = store::open_sqlite_trace_store(dir.path());
  store::Connection connection(dir.path() / "reinforge.db");
  // SQLite merges no segments inside the write that adds them (migration 16).
  EXPECT_EQ(reinforge::testing::single_int(
                connection, "SELECT v FROM traces_fts_config WHERE k = 'automerge'"),
            0);
  auto segments = [&] {
    return reinforge::testing::single_int(connection,
                                          "SELECT count(DISTINCT segid) FROM traces_fts_idx");
  };
  // The trace writer's trickle: each batch adds a segment. Left alone, 300 of them would pile
  // up to crisis merges (up to 15 a level, merged in one go inside a write).
  int64_t most_segments = 0;
  for (int batch = 0; batch < 300; ++batch) {
    std::vector<store::Trace> few;
    for (int i = 0; i < 3; ++i) {
      std::string id = "tr_" + std::to_string(batch * 3 + i);
      few.push_back(make_trace(id, 1000 + batch * 3 + i, "a", 200, 10));
    }
    traces->insert_traces(few);
    most_segments = std::max(most_segments, segments());
  }
  EXPECT_FALSE(traces->merge_search_index(std::chrono::seconds(1)))
      << "insert_traces left merging undone";
  EXPECT_LE(most_segments, 12);  // at most 3 a level, 4 levels
  store::TraceFilter filter;
  filter.text_query = "answer";
  filter.limit = 1000;
  EXPECT_EQ(traces->list_traces(filter, false).traces.size(), 900u);
  filter.text_query = "question tr_457";
  auto found = traces->list_traces(filter, false).traces;
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].id, "tr_457");
  reinforge::testing::expect_trace_tables_consistent(connection);
}

TEST(TraceStore, TheLastCallOfASessionIsTheOneThatStartedLastWhateverOrderItWasWritten) {
  reinforge::testing::TempDir dir;
  auto store = store::open_sqlite_trace_store(dir.path());
  // Under load the third call's trace is written before the second's (and gets a lower seq).
  auto first = make_trace("tr_1", 1000, "m", 200, 1);
  auto second = make_trace("tr_2", 2000, "m", 200, 1);
  auto third = make_trace("tr_3", 3000, "m", 200, 1);
  for (auto* trace : {&first, &second, &third}) trace->session_id = "ses_a";
  store->insert_traces(std::vector<store::Trace>{first, third});
  store->insert_traces(std::vector<store::Trace>{second});
  store::TraceFilter filter;
  filter.last_call_of_session = true;
  auto last = store->list_traces(filter, false).traces;
  ASSERT_EQ(last.size(), 1u);
  EXPECT_EQ(last[0].id, "tr_3");

  // Two calls in the same millisecond, the later written first: the longer conversation is last.
  auto fourth = make_trace("tr_4", 4000, "m", 200, 1);
  auto fifth = make_trace("tr_5", 4000, "m", 200, 1);
  fifth.request_json = R"({"model":"m","messages":[{"role":"user","content":"question tr_4"},)"
                       R"({"role":"assistant","content":"answer"},{"role":"user","content":"more"}]})";
  for (auto* trace : {&fourth, &fifth}) trace->session_id = "ses_b";
  store->insert_traces(std::vector<store::Trace>{fifth});
  store->insert_traces(std::vector<store::Trace>{fourth});
  filter.session_id = "ses_b";
  last = store->list_traces(filter, false).traces;
  ASSERT_EQ(last.size(), 1u);
  EXPECT_EQ(last[0].id, "tr_5");
}

TEST(TraceStore, StatsPerModelPerDayWithPercentiles) {
  reinforge::testing::TempDir dir;
  auto traces = store::open_sqlite_trace_store(dir.path());
  std::vector<store::Trace> batch;
  for (int i = 1; i <= 100; ++i) batch.push_back(make_trace("tr_a" + std::to_string(i), 1000 + i, "a", i <= 10 ? 500 : 200, i));
  batch.push_back(make_trace("tr_b", kDay + 5, "a", 200, 7));
  traces->insert_traces(batch);
  auto rows = traces->trace_stats({});
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].day, "1970-01-01");
  EXPECT_EQ(rows[0].calls, 100);
  EXPECT_EQ(rows[0].errors, 10);
  EXPECT_EQ(rows[0].prompt_tokens, 1000);
  // From the rollups' latency histograms: within 2% of the raw rows' nearest-rank percentiles.
  EXPECT_NEAR(rows[0].latency_p50_ms, 50, 50 * 0.02);
  EXPECT_NEAR(rows[0].latency_p95_ms, 95, 95 * 0.02);
  EXPECT_NEAR(rows[0].latency_p99_ms, 99, 99 * 0.02);
  EXPECT_EQ(rows[1].day, "1970-01-02");
  EXPECT_EQ(rows[1].calls, 1);
}

TEST(TraceStore, GatewayKeysAreFoundByHashUntilRevoked) {
  reinforge::testing::TempDir dir;
  auto traces = store::open_sqlite_trace_store(dir.path());
  auto key = traces->create_gateway_key("ci", "rk_abc1234", "hash-1");
  EXPECT_EQ(traces->find_active_gateway_key("hash-1")->id, key.id);
  EXPECT_EQ(traces->active_gateway_key_hashes().size(), 1u);
  EXPECT_TRUE(traces->revoke_gateway_key(key.id));
  EXPECT_FALSE(traces->revoke_gateway_key(key.id));
  EXPECT_FALSE(traces->find_active_gateway_key("hash-1"));
  EXPECT_TRUE(traces->active_gateway_key_hashes().empty());
  auto listed = traces->list_gateway_keys();
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_TRUE(listed[0].revoked_at);
  EXPECT_EQ(listed[0].prefix, "rk_abc1234");
}
