// How many traces a pull would take and how many records came from traces, on both backends.
#include <gtest/gtest.h>

#include "store/trace_store.hpp"
#include "support/trace_database.hpp"

namespace reinforge::store {
namespace {

Trace chat_trace(const std::string& id, int64_t at_ms, int status, const std::string& endpoint = "chat.completions") {
  Trace trace;
  trace.id = id;
  trace.created_at_ms = at_ms;
  trace.endpoint = endpoint;
  trace.model_requested = "m";
  trace.model = "m";
  trace.provider = "local";
  trace.status = status;
  trace.request_json = R"({"messages":[{"role":"user","content":"hi"}]})";
  trace.response_json = R"({"choices":[{"message":{"role":"assistant","content":"hello"}}]})";
  return trace;
}

class TraceCounts : public ::testing::TestWithParam<std::string> {};

TEST_P(TraceCounts, counts_the_traces_a_pull_would_take_and_the_records_that_came_from_traces) {
  reinforge::testing::TraceDatabase db(GetParam());
  auto traces = db.open();
  traces->insert_traces(std::vector<Trace>{chat_trace("tr_a", 1000, 200), chat_trace("tr_b", 2000, 200),
                                           chat_trace("tr_c", 3000, 200), chat_trace("tr_err", 4000, 500),
                                           chat_trace("tr_emb", 5000, 200, "embeddings")});
  auto dataset = db.dataset_with_records_from("from traces", {"tr_a", "tr_b", "tr_err", "tr_emb"});
  auto other = db.dataset_with_records_from("other", {"tr_c"});
  TraceFilter all;
  EXPECT_EQ(traces->count_records_from_traces(all, dataset),
            2);  // not the error, not the embedding
  EXPECT_EQ(traces->count_records_from_traces(all, other), 1);
  TraceFilter after_a;
  after_a.from_ms = 1500;
  EXPECT_EQ(traces->count_records_from_traces(after_a, dataset), 1);

  EXPECT_EQ(traces->count_traces_to_pull(all, 0, 100), 3);  // not the error, not the embedding
  EXPECT_EQ(traces->count_traces_to_pull(all, 0, 2), 2);    // counting stops at the cap
  auto tr_b = traces->find_trace("tr_b");
  EXPECT_EQ(traces->count_traces_to_pull(all, tr_b->seq, 100), 1);  // after the cursor only
  TraceFilter later;
  later.from_ms = 1500;
  EXPECT_EQ(traces->count_traces_to_pull(later, 0, 100), 2);
  TraceFilter other_model;
  other_model.model = "not-m";
  EXPECT_EQ(traces->count_traces_to_pull(other_model, 0, 100), 0);

  // A pull leaves out what the dataset has; picked traces too.
  auto pulled = traces->traces_to_pull(all, other, 0, 100);
  ASSERT_EQ(pulled.traces.size(), 2u);
  EXPECT_EQ(pulled.traces[0].id, "tr_a");
  EXPECT_EQ(pulled.traces[1].id, "tr_b");
  std::vector<std::string> picked{"tr_c", "tr_a", "tr_nope", "tr_a"};
  auto selected = traces->selected_traces_not_in_dataset(picked, other);
  ASSERT_EQ(selected.size(), 1u);
  EXPECT_EQ(selected[0].id, "tr_a");
  EXPECT_FALSE(selected[0].request_json.empty());

  // The dataset's saved source and its cursor.
  EXPECT_FALSE(traces->find_dataset_trace_source(dataset));
  traces->save_dataset_trace_source({dataset, R"({"model":"m"})", std::nullopt, 0});
  traces->save_dataset_trace_source({dataset, R"({"model":"m2"})", 1234, tr_b->seq});
  auto source = traces->find_dataset_trace_source(dataset);
  ASSERT_TRUE(source);
  EXPECT_EQ(source->filter_json, R"({"model":"m2"})");
  EXPECT_EQ(source->last_pulled_at, 1234);
  EXPECT_EQ(source->pulled_through_seq, tr_b->seq);
}

INSTANTIATE_TEST_SUITE_P(Backends, TraceCounts, reinforge::testing::kTraceBackends,
                         reinforge::testing::trace_backend_name);

}  // namespace
}  // namespace reinforge::store
