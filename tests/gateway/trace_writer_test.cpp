#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>

#include "gateway/trace_writer.hpp"
#include "store/trace_store.hpp"
#include "support/temp_dir.hpp"

using namespace reinforge;

namespace {

gateway::CapturedTrace captured(const std::string& id) {
  gateway::CapturedTrace trace;
  trace.trace.id = id;
  trace.trace.endpoint = "chat.completions";
  trace.trace.status = 200;
  trace.trace.request_json = "{}";
  return trace;
}

// A store whose inserts wait until the test opens the gate, to fill the writer's queue.
class GatedStore : public store::TraceStore {
 public:
  explicit GatedStore(std::unique_ptr<store::TraceStore> inner) : inner_(std::move(inner)) {}
  void open_gate() {
    std::lock_guard lock(mutex_);
    open_ = true;
    gate_.notify_all();
  }
  void wait_until_inserting() {
    std::unique_lock lock(mutex_);
    gate_.wait(lock, [this] { return inserting_; });
  }
  void insert_traces(std::span<const store::Trace> traces) override {
    std::unique_lock lock(mutex_);
    inserting_ = true;
    gate_.notify_all();
    gate_.wait(lock, [this] { return open_; });
    lock.unlock();
    inner_->insert_traces(traces);
  }
  std::chrono::steady_clock::duration last_insert_lock_wait() const override {
    return inner_->last_insert_lock_wait();
  }
  store::TracePage list_traces(const store::TraceFilter& f, bool b) override { return inner_->list_traces(f, b); }
  std::optional<store::Trace> find_trace(const std::string& id) override { return inner_->find_trace(id); }
  std::vector<store::TraceStatsRow> trace_stats(const store::TraceFilter& f) override { return inner_->trace_stats(f); }
  std::vector<store::TraceStatsRow> deployment_arm_stats(int64_t id) override { return inner_->deployment_arm_stats(id); }
  std::vector<store::TraceStatsRow> deployment_arm_timeline(int64_t id, int64_t bucket) override {
    return inner_->deployment_arm_timeline(id, bucket);
  }
  std::vector<store::Trace> deployment_traces_after(int64_t id, int64_t after, int64_t max) override {
    return inner_->deployment_traces_after(id, after, max);
  }
  std::optional<std::string> session_of_conversation(int64_t hash) override {
    return inner_->session_of_conversation(hash);
  }
  void merge_session(const std::string& from, const std::string& into) override {
    inner_->merge_session(from, into);
  }
  void save_stored_responses(std::span<const store::StoredResponse> responses) override {
    inner_->save_stored_responses(responses);
  }
  std::optional<store::StoredResponse> find_stored_response(const std::string& id) override {
    return inner_->find_stored_response(id);
  }
  store::TracesToPull traces_to_pull(const store::TraceFilter& f, int64_t d, int64_t after, int64_t m) override {
    return inner_->traces_to_pull(f, d, after, m);
  }
  int64_t last_pull_steps() const override { return inner_->last_pull_steps(); }
  std::vector<store::Trace> selected_traces_not_in_dataset(std::span<const std::string> i, int64_t d) override {
    return inner_->selected_traces_not_in_dataset(i, d);
  }
  int64_t count_traces_to_pull(const store::TraceFilter& f, int64_t after, int64_t cap) override {
    return inner_->count_traces_to_pull(f, after, cap);
  }
  int64_t count_records_from_traces(const store::TraceFilter& f, int64_t d) override {
    return inner_->count_records_from_traces(f, d);
  }
  int64_t prune_traces(int64_t before, int64_t max) override { return inner_->prune_traces(before, max); }
  std::chrono::steady_clock::duration last_prune_lock_time() const override { return inner_->last_prune_lock_time(); }
  int64_t trace_bytes() override { return inner_->trace_bytes(); }
  bool merge_search_index(std::chrono::milliseconds budget) override {
    return inner_->merge_search_index(budget);
  }
  void checkpoint() override { inner_->checkpoint(); }
  std::vector<store::Trace> traces_after(const store::TraceFilter& f, int64_t after, int64_t m) override {
    return inner_->traces_after(f, after, m);
  }
  store::GatewayKey create_gateway_key(const std::string& n, const std::string& p, const std::string& h) override {
    return inner_->create_gateway_key(n, p, h);
  }
  std::vector<store::GatewayKey> list_gateway_keys() override { return inner_->list_gateway_keys(); }
  bool revoke_gateway_key(int64_t id) override { return inner_->revoke_gateway_key(id); }
  std::optional<store::GatewayKey> find_active_gateway_key(const std::string& h) override { return inner_->find_active_gateway_key(h); }
  std::vector<std::pair<std::string, int64_t>> active_gateway_key_hashes() override { return inner_->active_gateway_key_hashes(); }
  void save_dataset_trace_source(const store::DatasetTraceSource& s) override { inner_->save_dataset_trace_source(s); }
  std::optional<store::DatasetTraceSource> find_dataset_trace_source(int64_t d) override { return inner_->find_dataset_trace_source(d); }

 private:
  std::unique_ptr<store::TraceStore> inner_;
  std::mutex mutex_;
  std::condition_variable gate_;
  bool open_ = false;
  bool inserting_ = false;
};

}  // namespace

TEST(TraceWriter, WritesEverythingSubmitted) {
  reinforge::testing::TempDir dir;
  {
    gateway::TraceWriter writer(store::open_sqlite_trace_store(dir.path()), 1000);
    for (int i = 0; i < 250; ++i) EXPECT_TRUE(writer.submit(captured("tr_" + std::to_string(i))));
    writer.flush();
    auto stats = writer.stats();
    EXPECT_EQ(stats.written, 250u);
    EXPECT_EQ(stats.dropped, 0u);
    EXPECT_EQ(stats.queued, 0u);
  }
  EXPECT_EQ(store::open_sqlite_trace_store(dir.path())->list_traces({}, false).total, 250);
}

TEST(TraceWriter, AFullQueueDropsAndCountsInsteadOfWaiting) {
  reinforge::testing::TempDir dir;
  auto gated = std::make_unique<GatedStore>(store::open_sqlite_trace_store(dir.path()));
  auto* gate = gated.get();
  gateway::TraceWriter writer(std::move(gated), 3);
  EXPECT_TRUE(writer.submit(captured("tr_first")));
  gate->wait_until_inserting();  // the writer holds tr_first and is stuck in the store
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(writer.submit(captured("tr_q" + std::to_string(i))));
  EXPECT_FALSE(writer.submit(captured("tr_over_1")));  // returns at once, does not block
  EXPECT_FALSE(writer.submit(captured("tr_over_2")));
  auto stats = writer.stats();
  EXPECT_EQ(stats.dropped, 2u);
  EXPECT_EQ(stats.queued, 3u);
  gate->open_gate();
  writer.flush();
  EXPECT_EQ(writer.stats().written, 4u);
}

TEST(TraceWriter, AssemblesStreamedBodiesAndReadsUsage) {
  auto trace = captured("tr_s");
  trace.streamed_body = true;
  trace.trace.response_json =
      "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Hi\"}}]}\n\n"
      "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":2,\"completion_tokens\":1,\"total_tokens\":3}}\n\ndata: [DONE]\n\n";
  auto finished = gateway::finish_trace(std::move(trace));
  EXPECT_NE(finished.response_json->find("\"content\":\"Hi\""), std::string::npos);
  EXPECT_EQ(finished.total_tokens, 3);
}
