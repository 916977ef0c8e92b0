#include <gtest/gtest.h>

#include "store/store.hpp"
#include "store/trace_store.hpp"
#include "support/temp_dir.hpp"

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

NewRecord record_of(const std::string& trace_id) {
  NewRecord record;
  record.text = R"({"messages":[{"role":"user","content":"hi"}]})";
  record.origin = "trace";
  record.valid = true;
  record.content_hash = std::hash<std::string>{}(trace_id);
  record.trace_id = trace_id;
  return record;
}

TEST(TraceCounts, counts_the_traces_a_pull_would_take_and_the_records_that_came_from_traces) {
  testing::TempDir temp;
  auto store = open_sqlite_store(temp.path());
  auto traces = open_sqlite_trace_store(temp.path());
  traces->insert_traces(std::vector<Trace>{chat_trace("tr_a", 1000, 200), chat_trace("tr_b", 2000, 200),
                                           chat_trace("tr_c", 3000, 200), chat_trace("tr_err", 4000, 500),
                                           chat_trace("tr_emb", 5000, 200, "embeddings")});
  auto dataset = store->create_dataset("from traces", "");
  auto other = store->create_dataset("other", "");
  std::vector<NewRecord> mine{record_of("tr_a"), record_of("tr_b"), record_of("tr_err"), record_of("tr_emb")};
  store->insert_records(dataset.id, mine);
  std::vector<NewRecord> theirs{record_of("tr_c")};
  store->insert_records(other.id, theirs);
  TraceFilter all;
  EXPECT_EQ(traces->count_records_from_traces(all, dataset.id), 2);  // not the error, not the embedding
  EXPECT_EQ(traces->count_records_from_traces(all, other.id), 1);
  TraceFilter after_a;
  after_a.from_ms = 1500;
  EXPECT_EQ(traces->count_records_from_traces(after_a, dataset.id), 1);

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
}

}  // namespace
}  // namespace reinforge::store
