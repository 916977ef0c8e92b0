#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "gateway/trace_datasets.hpp"
#include "gateway/trace_record_text.hpp"
#include "store/store.hpp"
#include "support/random_traces.hpp"
#include "support/temp_dir.hpp"
#include "gateway/trace_filter_fields.hpp"

using namespace reinforge;

TEST(TraceDatasets, ARecordIsTheRequestThenTheAnswer) {
  store::Trace trace;
  trace.id = "tr_9";
  trace.endpoint = "chat.completions";
  trace.status = 200;
  trace.model_requested = "m";
  trace.request_json = R"({"model":"m","messages":[{"role":"system","content":"be brief"},{"role":"user","content":"weather?"}],
                           "tools":[{"type":"function","function":{"name":"get_weather"}}],"temperature":0.2})";
  trace.response_json = R"({"choices":[{"index":0,"message":{"role":"assistant","content":null,"refusal":null,
                           "tool_calls":[{"id":"c1","type":"function","function":{"name":"get_weather","arguments":"{}"}}]}}]})";
  auto text = gateway::record_text_from_trace(trace);
  ASSERT_TRUE(text);
  auto record = nlohmann::json::parse(*text);
  ASSERT_EQ(record["messages"].size(), 3u);
  EXPECT_EQ(record["messages"][2]["tool_calls"][0]["id"], "c1");
  EXPECT_FALSE(record["messages"][2].contains("refusal"));
  EXPECT_EQ(record["tools"][0]["function"]["name"], "get_weather");
  EXPECT_EQ(record["metadata"]["trace_id"], "tr_9");

  trace.status = 500;
  EXPECT_FALSE(gateway::record_text_from_trace(trace));
  trace.status = 200;
  // A stream the upstream broke off was a 200 to its caller, but its answer is cut short.
  trace.error = "the upstream stream broke: partial message";
  EXPECT_FALSE(gateway::record_text_from_trace(trace));
  trace.error.reset();
  trace.endpoint = "embeddings";
  EXPECT_FALSE(gateway::record_text_from_trace(trace));
}

TEST(TraceDatasets, ARecordKeepsTheTextsAndTheMembersInOrder) {
  store::Trace trace;
  trace.id = "tr_\"1";
  trace.endpoint = "chat.completions";
  trace.status = 200;
  trace.model_requested = "m";
  trace.request_json = R"({"messages": [ {"role":"user","content":"caf\u00e9 \"quoted\"\nline"} ], "tools": []})";
  trace.response_json = R"({"choices":[{"message":{"role":"assistant","tool_calls":[]}}]})";
  // The record's own members in nlohmann::json::dump's order (sorted by key), the caller's
  // objects as they came; no content in the answer reads as null; the caller's texts unchanged;
  // a chat record carries no session even when its call had one.
  trace.session_id = "s1";
  EXPECT_EQ(gateway::record_text_from_trace(trace),
            R"({"messages":[{"role":"user","content":"café \"quoted\"\nline"},{"content":null,"role":"assistant"}],)"
            R"("metadata":{"model":"m","trace_id":"tr_\"1"},"tools":[]})");

  trace.request_json = R"({"messages":[]})";
  trace.response_json = R"({"choices":[{"message":{"content":"hi"}}]})";
  EXPECT_EQ(gateway::record_text_from_trace(trace),
            R"({"messages":[{"content":"hi","role":"assistant"}],"metadata":{"model":"m","trace_id":"tr_\"1"}})");

  for (const char* broken : {R"({"messages":{}})", R"([1])", "not json", R"({"model":"m"})"}) {
    trace.request_json = broken;
    EXPECT_FALSE(gateway::record_text_from_trace(trace)) << broken;
  }
  trace.request_json = R"({"messages":[]})";
  for (const char* broken : {R"({"choices":[]})", R"({"choices":[{"message":"hi"}]})", R"({"error":{}})"}) {
    trace.response_json = broken;
    EXPECT_FALSE(gateway::record_text_from_trace(trace)) << broken;
  }
}

TEST(TraceDatasets, AnAgentCallIsItsConversationWithOurMetadata) {
  store::Trace trace;
  trace.id = "tr_2";
  trace.endpoint = "responses";
  trace.status = 200;
  trace.model_requested = "m";
  trace.session_id = "s1";
  trace.conversation_json = R"({"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"hello"}],)"
                            R"("metadata":{"trace_id":"forged"},"tools":[]})";
  EXPECT_EQ(gateway::record_text_from_trace(trace),
            R"({"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"hello"}],)"
            R"("metadata":{"model":"m","session_id":"s1","trace_id":"tr_2"}})");
  trace.conversation_json = R"({"tools":[{"type":"function","function":{"name":"f"}}],"messages":[]})";
  trace.session_id.clear();
  EXPECT_EQ(gateway::record_text_from_trace(trace),
            R"({"messages":[],"metadata":{"model":"m","trace_id":"tr_2"},"tools":[{"type":"function","function":{"name":"f"}}]})");
  trace.conversation_json = R"({"input":"no messages"})";
  EXPECT_FALSE(gateway::record_text_from_trace(trace));
}

// The pull reads and builds a batch while the one before it is written: over several batches,
// stopped after the first (a cancelled job) and pulled again, every matching trace becomes one
// record, none twice, and the saved cursor says where the walk got to.
TEST(TraceDatasets, APullStoppedAfterABatchGoesOnWithoutAddingATraceTwice) {
  reinforge::testing::TempDir dir;
  auto store = store::open_sqlite_store(dir.path());
  auto traces = store::open_sqlite_trace_store(dir.path());
  reinforge::testing::TraceMaker maker(7);
  std::vector<store::Trace> made;
  int64_t expected = 0;
  for (int i = 0; i < 50000; ++i) {  // about three batches of 8,192 requested model "a"
    made.push_back(maker.next(1795000000000 + i));
    const auto& trace = made.back();
    if (trace.model_requested == "a" && trace.endpoint == "chat.completions" && trace.status == 200) ++expected;
  }
  traces->insert_traces(made);
  auto dataset = store->create_dataset("pulled", "");
  traces->save_dataset_trace_source({dataset.id, R"({"model":"a"})", std::nullopt, 0});

  struct Stop {};
  int batches = 0;
  int64_t added_before_the_stop = 0;
  EXPECT_THROW(gateway::pull_new_traces(*store, *traces, dataset.id, [&](const gateway::TraceImportCounts& counts) {
                 ++batches;
                 added_before_the_stop = counts.added;
                 throw Stop{};
               }),
               Stop);
  EXPECT_EQ(batches, 1);
  auto first = store->count_records(dataset.id).total;
  EXPECT_EQ(first, added_before_the_stop);  // one batch, committed before the stop
  EXPECT_GT(first, 1000);
  EXPECT_LT(first, expected / 2);  // the stop came before the pipeline's second batch was written
  auto cursor = traces->find_dataset_trace_source(dataset.id)->pulled_through_seq;
  EXPECT_GT(cursor, 0);
  EXPECT_LT(cursor, 50000);

  auto rest = gateway::pull_new_traces(*store, *traces, dataset.id);
  EXPECT_EQ(first + rest.added, expected);
  EXPECT_EQ(store->count_records(dataset.id).total, expected);
  std::set<std::string> trace_ids;
  store->for_each_record(dataset.id, false, [&](const store::Record& record) {
    EXPECT_TRUE(trace_ids.insert(record.trace_id.value_or("")).second) << "twice: " << *record.trace_id;
    return true;
  });
  EXPECT_EQ(static_cast<int64_t>(trace_ids.size()), expected);
  EXPECT_EQ(gateway::pull_new_traces(*store, *traces, dataset.id).added, 0);  // nothing new
}

TEST(TraceFilterFields, ReadsTimesStatusesAndKeysAndRoundTrips) {
  auto filter = gateway::trace_filter_from_fields(
      {{"from", "2026-11-24T10:00:00Z"}, {"to", "1795600000000"}, {"status", "error"}, {"key", "4"}, {"tag", "prod"}, {"q", ""}});
  EXPECT_EQ(filter.from_ms, 1795514400000);  // 2026-11-24T10:00:00Z
  EXPECT_EQ(filter.to_ms, 1795600000000);
  EXPECT_EQ(filter.status, "error");
  EXPECT_EQ(filter.gateway_key_id, 4);
  EXPECT_FALSE(filter.text_query);  // empty means no filter
  auto again = gateway::trace_filter_from_fields(gateway::trace_filter_to_fields(filter));
  EXPECT_EQ(again.from_ms, filter.from_ms);
  EXPECT_EQ(again.tag, "prod");
  EXPECT_THROW(gateway::trace_filter_from_fields({{"status", "fine"}}), std::invalid_argument);
  EXPECT_THROW(gateway::trace_filter_from_fields({{"from", "yesterday"}}), std::invalid_argument);
  EXPECT_EQ(gateway::trace_filter_from_fields({{"from", "2026-11-24"}}).from_ms, 1795478400000);
}
