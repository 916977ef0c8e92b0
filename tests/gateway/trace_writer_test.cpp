#include "gateway/trace_writer.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <stdexcept>

#include "store/trace_store.hpp"
#include "support/forwarding_trace_store.hpp"
#include "support/temp_dir.hpp"
#include "util/temporarily_unavailable.hpp"

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
class GatedStore : public reinforge::testing::ForwardingTraceStore {
 public:
  using ForwardingTraceStore::ForwardingTraceStore;
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

 private:
  std::mutex mutex_;
  std::condition_variable gate_;
  bool open_ = false;
  bool inserting_ = false;
};

// A gated store that refuses, as a database refuses a value, every batch holding one trace.
class OneTraceRefusedStore : public GatedStore {
 public:
  OneTraceRefusedStore(std::unique_ptr<store::TraceStore> inner, std::string refused_id)
      : GatedStore(std::move(inner)), refused_id_(std::move(refused_id)) {}
  void insert_traces(std::span<const store::Trace> traces) override {
    for (const auto& trace : traces)
      if (trace.id == refused_id_) throw std::runtime_error("database error: value refused");
    GatedStore::insert_traces(traces);
    ++batches_written;
  }
  std::atomic<int> batches_written{0};

 private:
  std::string refused_id_;
};

// A store whose first batch is committed but whose answer is lost with the connection, as a
// database restarting between its COMMIT and the reply.
class CommitAnswerLostStore : public reinforge::testing::ForwardingTraceStore {
 public:
  using ForwardingTraceStore::ForwardingTraceStore;
  void insert_traces(std::span<const store::Trace> traces) override {
    inner_->insert_traces(traces);
    ++inserts;
    if (inserts == 1) throw util::TemporarilyUnavailable("server closed the connection");
  }
  std::atomic<int> inserts{0};
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

// The calm writer waits for gaps the gateway leaves; a backlog is written by the writer at
// normal priority, so a saturated gateway slows down rather than dropping traces.
TEST(TraceWriter, ABacklogIsWrittenByTheWriterAtNormalPriority) {
  reinforge::testing::TempDir dir;
  auto gated = std::make_unique<GatedStore>(store::open_sqlite_trace_store(dir.path()));
  auto* gate = gated.get();
  gateway::TraceWriter writer(std::move(gated), 80);  // a backlog from 10 traces on
  EXPECT_TRUE(writer.submit(captured("tr_first")));
  gate->wait_until_inserting();  // the calm writer holds tr_first
  for (int i = 0; i < 30; ++i) EXPECT_TRUE(writer.submit(captured("tr_b" + std::to_string(i))));
  gate->open_gate();
  writer.flush();
  auto stats = writer.stats();
  EXPECT_EQ(stats.written, 31u);
  EXPECT_EQ(stats.written_catching_up, 30u);
  EXPECT_EQ(stats.dropped, 0u);
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(writer.submit(captured("tr_c" + std::to_string(i))));
  writer.flush();
  EXPECT_EQ(writer.stats().written_catching_up, 30u);  // no backlog: the calm writer's
  EXPECT_EQ(writer.stats().written, 36u);
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

// More than one batch waits (the writer takes them from the front of its queue while calls keep
// coming): each is written once, in the order submitted.
TEST(TraceWriter, AQueueOfSeveralBatchesIsWrittenOnceInOrder) {
  reinforge::testing::TempDir dir;
  auto gated = std::make_unique<GatedStore>(store::open_sqlite_trace_store(dir.path()));
  auto* gate = gated.get();
  std::vector<std::string> submitted{"tr_first"};
  {
    gateway::TraceWriter writer(std::move(gated), 100000);
    EXPECT_TRUE(writer.submit(captured(submitted.front())));
    gate->wait_until_inserting();  // the queue fills behind the first batch
    for (int i = 0; i < 5000; ++i) {
      submitted.push_back("tr_a" + std::to_string(i));
      EXPECT_TRUE(writer.submit(captured(submitted.back())));
    }
    gate->open_gate();
    for (int i = 0; i < 3000; ++i) {  // while the batches of the first 5,000 are taken
      submitted.push_back("tr_b" + std::to_string(i));
      EXPECT_TRUE(writer.submit(captured(submitted.back())));
    }
    writer.flush();
    EXPECT_EQ(writer.stats().written, submitted.size());
  }
  auto traces = store::open_sqlite_trace_store(dir.path())->traces_after({}, 0, 100000);
  std::vector<std::string> written;
  for (const auto& trace : traces) written.push_back(trace.id);
  EXPECT_EQ(written, submitted);
}

// One call's trace the store refuses costs only that trace: the batch it was in is written
// again one trace at a time.
TEST(TraceWriter, ATraceTheStoreRefusesIsTheOnlyOneLost) {
  reinforge::testing::TempDir dir;
  auto refusing =
      std::make_unique<OneTraceRefusedStore>(store::open_sqlite_trace_store(dir.path()), "tr_bad");
  auto* store = refusing.get();
  gateway::TraceWriter writer(std::move(refusing), 1000);
  EXPECT_TRUE(writer.submit(captured("tr_first")));
  store->wait_until_inserting();  // the next four queue up and go as one batch
  for (const char* id : {"tr_1", "tr_bad", "tr_2", "tr_3"})
    EXPECT_TRUE(writer.submit(captured(id)));
  store->open_gate();
  writer.flush();
  auto stats = writer.stats();
  EXPECT_EQ(stats.written, 4u);
  EXPECT_EQ(stats.failed, 1u);
  EXPECT_EQ(store->batches_written, 4);  // tr_first's, then tr_1, tr_2 and tr_3 alone
  auto stored = store::open_sqlite_trace_store(dir.path())->traces_after({}, 0, 10);
  std::vector<std::string> ids;
  for (const auto& trace : stored) ids.push_back(trace.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"tr_first", "tr_1", "tr_2", "tr_3"}));
}

// The retry after a lost answer finds the batch stored and does not write it again (which the
// store would refuse as duplicates, counting stored traces as failed).
TEST(TraceWriter, ABatchWhoseCommitAnswerWasLostIsCountedOnceAsWritten) {
  reinforge::testing::TempDir dir;
  auto losing = std::make_unique<CommitAnswerLostStore>(store::open_sqlite_trace_store(dir.path()));
  auto* store = losing.get();
  gateway::TraceWriter writer(std::move(losing), 1000);
  EXPECT_TRUE(writer.submit(captured("tr_once")));
  writer.flush();
  EXPECT_TRUE(writer.submit(captured("tr_after")));
  writer.flush();
  auto stats = writer.stats();
  EXPECT_EQ(stats.written, 2u);
  EXPECT_EQ(stats.failed, 0u);
  EXPECT_EQ(store->inserts, 2);  // tr_once's batch once, then tr_after's
  auto stored = store::open_sqlite_trace_store(dir.path())->traces_after({}, 0, 10);
  std::vector<std::string> ids;
  for (const auto& trace : stored) ids.push_back(trace.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"tr_once", "tr_after"}));
}
