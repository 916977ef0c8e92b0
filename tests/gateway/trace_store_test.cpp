#include <gtest/gtest.h>

#include <chrono>
#include <thread>

// The trace store on both backends (one suite, tests/support/trace_database.hpp); the full-text
// index's merging is SQLite's own and tested on SQLite alone.
#include "store/sqlite_connection.hpp"
#include "store/trace_store.hpp"
#include "support/trace_database.hpp"
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

class TraceStore : public ::testing::TestWithParam<std::string> {};

}  // namespace

TEST_P(TraceStore, ListsNewestFirstWithEveryFilter) {
  reinforge::testing::TraceDatabase db(GetParam());
  auto traces = db.open();
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

// SQLite only: FTS5's segments (PostgreSQL's GIN index has no such merging to pace).
TEST(TraceStoreSqlite, TheSearchIndexIsMergedInStepsAfterEachBatchNotInsideIt) {
  reinforge::testing::TraceDatabase db("sqlite");
  auto traces = db.open();
  // SQLite merges no segments inside the write that adds them (migration 16).
  EXPECT_EQ(db.single_int("SELECT v FROM traces_fts_config WHERE k = 'automerge'"), 0);
  auto segments = [&] { return db.single_int("SELECT count(DISTINCT segid) FROM traces_fts_idx"); };
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
  db.expect_consistent();
}

TEST_P(TraceStore, TheLastCallOfASessionIsTheOneThatStartedLastWhateverOrderItWasWritten) {
  reinforge::testing::TraceDatabase db(GetParam());
  auto store = db.open();
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

TEST_P(TraceStore, StatsPerModelPerDayWithPercentiles) {
  reinforge::testing::TraceDatabase db(GetParam());
  auto traces = db.open();
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
  // A text search: the raw rows, with exact percentiles.
  store::TraceFilter searched;
  searched.text_query = "answer";
  auto raw = traces->trace_stats(searched);
  ASSERT_EQ(raw.size(), 2u);
  EXPECT_EQ(raw[0].day, "1970-01-01");
  EXPECT_EQ(raw[0].model, "a");
  EXPECT_EQ(raw[0].calls, 100);
  EXPECT_EQ(raw[0].errors, 10);
  EXPECT_EQ(raw[0].completion_tokens, 500);
  EXPECT_EQ(raw[0].latency_p50_ms, 50);
  EXPECT_EQ(raw[0].latency_p99_ms, 99);
  EXPECT_EQ(raw[1].day, "1970-01-02");
}

TEST_P(TraceStore, GatewayKeysAreFoundByHashUntilRevoked) {
  reinforge::testing::TraceDatabase db(GetParam());
  auto traces = db.open();
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

// Every field comes back as written, text with the characters COPY escapes and bytes that are
// not UTF-8 included (PostgreSQL stores those as U+FFFD; SQLite keeps them).
TEST_P(TraceStore, KeepsEveryFieldAndAnyText) {
  reinforge::testing::TraceDatabase db(GetParam());
  auto traces = db.open();
  auto trace = make_trace("tr_odd", 5000, "m\t1", 429, 12.375, {"a\\b", "quote\"d", "a\\b"});
  trace.request_json =
      "{\"content\":\"line\\none\ttab\\\\ \\N back\\slash\r caf\u00e9 \xe2\x82\xac\"}";
  trace.error = "upstream said \"no\"\n";
  trace.stream = true;
  trace.ttft_ms = 3.25;
  trace.total_tokens = 15;
  trace.cached_tokens = 2;
  trace.reasoning_tokens = 1;
  trace.gateway_key_id = 9;
  trace.attempts = 3;
  trace.deployment_id = 4;
  trace.arm = "tuned";
  trace.session_id = "ses_x";
  trace.conversation_json = R"({"messages":[]})";
  trace.conversation_hash = -42;
  auto plain = make_trace("tr_plain", 6000, "m", 200, 1);
  plain.response_json.reset();
  traces->insert_traces(std::vector<store::Trace>{trace, plain});
  auto back = traces->find_trace("tr_odd");
  ASSERT_TRUE(back);
  EXPECT_EQ(back->model_requested, "m\t1");
  EXPECT_EQ(back->request_json, trace.request_json);
  EXPECT_EQ(back->error, trace.error);
  EXPECT_EQ(back->tags, (std::vector<std::string>{"a\\b", "quote\"d", "a\\b"}));
  EXPECT_TRUE(back->stream);
  EXPECT_EQ(back->status, 429);
  EXPECT_EQ(back->latency_ms, 12.375);
  EXPECT_EQ(back->ttft_ms, 3.25);
  EXPECT_EQ(back->total_tokens, 15);
  EXPECT_EQ(back->cached_tokens, 2);
  EXPECT_EQ(back->reasoning_tokens, 1);
  EXPECT_EQ(back->gateway_key_id, 9);
  EXPECT_EQ(back->attempts, 3);
  EXPECT_EQ(back->deployment_id, 4);
  EXPECT_EQ(back->arm, "tuned");
  EXPECT_EQ(back->session_id, "ses_x");
  EXPECT_EQ(back->conversation_json, trace.conversation_json);
  EXPECT_EQ(traces->session_of_conversation(-42), "ses_x");
  auto other = traces->find_trace("tr_plain");
  ASSERT_TRUE(other);
  EXPECT_FALSE(other->response_json);
  EXPECT_FALSE(other->stream);
  EXPECT_EQ(other->arm, "");
  EXPECT_FALSE(other->deployment_id);
  store::TraceFilter tagged;
  tagged.tag = "quote\"d";
  EXPECT_EQ(traces->list_traces(tagged, false).total, 1);
  tagged.tag = "a\\b";
  EXPECT_EQ(traces->list_traces(tagged, false).total, 1);  // a tag given twice counts once
  store::TraceFilter search;
  search.text_query = "slash";
  EXPECT_EQ(traces->list_traces(search, false).total, 1);

  auto broken = make_trace("tr_bytes", 7000, "m", 200, 1);
  broken.request_json = "{\"content\":\"bad \xff\xfe bytes\"}";
  traces->insert_traces(std::vector<store::Trace>{broken});
  auto stored = traces->find_trace("tr_bytes");
  ASSERT_TRUE(stored);
  if (db.sqlite()) {
    EXPECT_EQ(stored->request_json, broken.request_json);
  } else {
    EXPECT_EQ(stored->request_json, "{\"content\":\"bad \xef\xbf\xbd\xef\xbf\xbd bytes\"}");
  }
  db.expect_consistent();
}

// Calls whose text PostgreSQL cannot take as it came: a word of 2,047 bytes (one past its
// longest lexeme), a word of invalid bytes that triples once stored as U+FFFD, two tags cut
// inside different characters (the same once stored), a model name with a NUL byte (which
// reaches the rollups as a bound parameter). Each is stored, in one batch with an ordinary call,
// and a filter of bytes that are not UTF-8 finds nothing rather than failing.
TEST_P(TraceStore, TextPostgreSQLCannotTakeAsSentIsStoredAsItCan) {
  reinforge::testing::TraceDatabase db(GetParam());
  auto traces = db.open();
  auto long_word = make_trace("tr_long_word", 1000, "m", 200, 1);
  long_word.request_json = "{\"content\":\"" + std::string(2047, 'w') + " findme\"}";
  auto invalid_word = make_trace("tr_invalid_word", 2000, "m", 200, 1);
  invalid_word.request_json = "{\"content\":\"a" + std::string(700, '\xff') + " other\"}";
  const std::string prefix(98, 't');
  auto cut_tags =
      make_trace("tr_cut_tags", 3000, "m", 200, 1, {prefix + "\xe2\x82", prefix + "\xe2\x84"});
  auto nul_model = make_trace("tr_nul_model", 4000, std::string("x\0y", 3), 400, 1);
  auto ordinary = make_trace("tr_ordinary", 5000, "m", 200, 1);
  traces->insert_traces(
      std::vector<store::Trace>{long_word, invalid_word, cut_tags, nul_model, ordinary});
  for (const char* id :
       {"tr_long_word", "tr_invalid_word", "tr_cut_tags", "tr_nul_model", "tr_ordinary"})
    EXPECT_TRUE(traces->find_trace(id)) << id;
  store::TraceFilter search;
  search.text_query = "findme";
  EXPECT_EQ(traces->list_traces(search, false).total, 1);  // the long word's neighbour
  store::TraceFilter not_utf8;
  not_utf8.model = "\xff";
  EXPECT_EQ(traces->list_traces(not_utf8, false).total, 0);
  not_utf8 = {};
  not_utf8.tag = "\xff\xfe";
  EXPECT_EQ(traces->list_traces(not_utf8, false).total, 0);
  db.expect_consistent();
}

// A pooled connection the server closed while it sat idle (a restart, an administrator's
// pg_terminate_backend) is noticed before it is leased again: the next call does not fail.
TEST_P(TraceStore, AConnectionTheServerClosedWhileIdleIsReplacedBeforeUse) {
  reinforge::testing::TraceDatabase db(GetParam());
  if (db.sqlite()) GTEST_SKIP() << "PostgreSQL's connection pool";
  auto traces = db.open();
  traces->insert_traces(std::vector<store::Trace>{make_trace("tr_1", 1000, "m", 200, 1)});
  ASSERT_GE(db.single_int("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                          "WHERE datname = current_database() AND pid <> pg_backend_pid()"),
            1);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the server's goodbye arrives
  EXPECT_EQ(traces->list_traces({}, false).total, 1);
  EXPECT_TRUE(traces->find_trace("tr_1"));
}

// A batch of a megabyte and more: PostgreSQL's COPY goes out in parts while the rest is being
// formatted, and the batch's seqs are one range taken at once. Every trace is there, numbered in
// the batch's order, the next batch numbered after it, escapes across the parts intact.
TEST_P(TraceStore, ABatchOfManyTracesIsStoredWholeAndNumberedInItsOrder) {
  reinforge::testing::TraceDatabase db(GetParam());
  auto traces = db.open();
  std::vector<store::Trace> batch;
  for (int i = 0; i < 1500; ++i) {
    auto trace = make_trace("tr_big_" + std::to_string(i), 10000 + i, "m", 200, 1,
                            {i % 7 == 0 ? "seventh" : "other"});
    trace.request_json =
        "{\"content\":\"" + std::string(900, 'x') + "\\t\\\\ tab\tand " + std::to_string(i) + "\"}";
    batch.push_back(std::move(trace));
  }
  traces->insert_traces(batch);
  traces->insert_traces(std::vector<store::Trace>{make_trace("tr_after", 20000, "m", 200, 1)});

  auto walked = traces->traces_after(store::TraceFilter{}, 0, 2000);
  ASSERT_EQ(walked.size(), 1501u);
  for (std::size_t i = 0; i < walked.size(); ++i) {
    EXPECT_EQ(walked[i].seq, walked[0].seq + static_cast<int64_t>(i));
    EXPECT_EQ(walked[i].id, i < batch.size() ? batch[i].id : "tr_after");
    if (i < batch.size()) {
      EXPECT_EQ(walked[i].request_json, batch[i].request_json);
    }
  }
  store::TraceFilter seventh;
  seventh.tag = "seventh";
  EXPECT_EQ(traces->list_traces(seventh, false).total, 215);
  store::TraceFilter word;
  word.text_query = "1499";
  EXPECT_EQ(traces->list_traces(word, false).total, 1);
  db.expect_consistent();
}

TEST_P(TraceStore, DeploymentArmsSessionsAndStoredResponses) {
  reinforge::testing::TraceDatabase db(GetParam());
  auto traces = db.open();
  std::vector<store::Trace> batch;
  for (int i = 0; i < 40; ++i) {
    auto trace =
        make_trace("tr_" + std::to_string(i), 1000 + i * 1000, "m", i % 10 == 0 ? 500 : 200, 1 + i);
    if (i % 4 != 3) {
      trace.deployment_id = 7;
      trace.arm = i % 2 ? "tuned" : "base";
    }
    trace.session_id = i < 20 ? "ses_a" : "ses_b";
    if (i == 1) trace.gateway_key_id = 9;
    batch.push_back(trace);
  }
  traces->insert_traces(batch);
  auto arms = traces->deployment_arm_stats(7);
  ASSERT_EQ(arms.size(), 2u);
  EXPECT_EQ(arms[0].model, "base");
  EXPECT_EQ(arms[0].day, "");
  EXPECT_EQ(arms[0].calls, 20);
  EXPECT_EQ(arms[0].errors, 4);
  EXPECT_EQ(arms[1].model, "tuned");
  EXPECT_EQ(arms[1].calls, 10);
  EXPECT_EQ(arms[1].prompt_tokens, 100);
  EXPECT_EQ(arms[1].latency_p50_ms, 18);  // latencies 2, 6, 10, ... 38: the 5th
  auto timeline = traces->deployment_arm_timeline(7, 10000);
  ASSERT_EQ(timeline.size(), 8u);  // 4 buckets of 10 s, 2 arms each
  EXPECT_EQ(timeline[0].day, "0");
  EXPECT_EQ(timeline[0].model, "base");
  EXPECT_EQ(timeline[1].model, "tuned");
  EXPECT_EQ(timeline[7].day, "3");
  EXPECT_TRUE(traces->deployment_arm_stats(8).empty());
  auto first = traces->deployment_traces_after(7, 0, 5);
  ASSERT_EQ(first.size(), 5u);
  EXPECT_EQ(first[0].id, "tr_0");
  EXPECT_FALSE(first[0].request_json.empty());
  auto rest = traces->deployment_traces_after(7, first.back().seq, 100);
  EXPECT_EQ(rest.size(), 25u);

  traces->save_stored_responses(std::vector<store::StoredResponse>{
      {"resp_1", "tr_1", "ses_a", R"({"messages":[1]})", R"({"id":"resp_1"})", 1000, std::nullopt},
      {"resp_2", "tr_2", "ses_b", R"({"messages":[2]})", R"({"id":"resp_2"})", 2000,
       std::nullopt}});
  traces->save_stored_responses(
      std::vector<store::StoredResponse>{{"resp_1", "tr_1", "ses_a", R"({"messages":[1,1]})",
                                          R"({"id":"resp_1"})", 1500, std::nullopt}});  // replaced
  auto answer = traces->find_stored_response("resp_1");
  ASSERT_TRUE(answer);
  EXPECT_EQ(answer->conversation_json, R"({"messages":[1,1]})");
  // Whose it is comes from its trace: only that key reads or continues it.
  EXPECT_EQ(answer->gateway_key_id, 9);
  EXPECT_FALSE(traces->find_stored_response("resp_2")->gateway_key_id);
  EXPECT_EQ(answer->created_at_ms, 1500);
  EXPECT_FALSE(traces->find_stored_response("resp_nope"));

  traces->merge_session("ses_b", "ses_a");
  store::TraceFilter session;
  session.session_id = "ses_a";
  EXPECT_EQ(traces->list_traces(session, false).total, 40);
  EXPECT_EQ(traces->find_stored_response("resp_2")->session_id, "ses_a");
  session.session_id = "ses_b";
  EXPECT_EQ(traces->list_traces(session, false).total, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, TraceStore, reinforge::testing::kTraceBackends,
                         reinforge::testing::trace_backend_name);
