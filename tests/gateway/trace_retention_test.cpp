// Trace retention: pruning deletes exactly the traces older than the cut with their index and tag
// rows, never a newer one (even while the gateway writes), leaves the rollups alone, and the
// server's pruner keeps to its age and size limits and stops promptly; on both backends.
#include "gateway/trace_retention.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "store/trace_store.hpp"
#include "support/random_traces.hpp"
#include "support/trace_database.hpp"

using namespace reinforge;
using reinforge::testing::kDayMs;
using reinforge::testing::TraceMaker;

namespace {

constexpr int64_t kHourMs = 3600000;

std::vector<store::Trace> every_trace(store::TraceStore& traces) {
  return traces.traces_after({}, 0, 1000000);
}

store::StoredResponse stored_answer(const std::string& id, int64_t at_ms) {
  return {id,    "tr_" + id,  "ses_" + id, R"({"messages":[]})", R"({"id":")" + id + R"("})",
          at_ms, std::nullopt};
}

class TraceRetention : public ::testing::TestWithParam<std::string> {};
class TraceExport : public ::testing::TestWithParam<std::string> {};

}  // namespace

TEST_P(TraceRetention, PruneDeletesExactlyTheTracesOlderThanTheCutWithTheirSearchAndTagRows) {
  reinforge::testing::TraceDatabase db(GetParam());
  auto traces = db.open();
  TraceMaker maker(7);
  std::mt19937 random(1);
  const int64_t cut = kDayMs + kDayMs / 2 + 17 * 60000;  // mid-hour, a day and a half in
  std::vector<store::Trace> written;
  for (int batch_number = 0; batch_number < 30; ++batch_number) {
    std::vector<store::Trace> batch;
    for (int i = 0; i < 40; ++i) {
      bool last_stored = batch_number == 29 && i == 39;  // new: the last trace is never pruned
      auto trace =
          maker.next(last_stored ? 3 * kDayMs : static_cast<int64_t>(random() % (3 * kDayMs)));
      // A word only old traces have, and one only new ones have.
      trace.request_json = R"({"messages":[{"role":"user","content":")" +
                           std::string(trace.created_at_ms < cut ? "bygone" : "current") +
                           R"( question"}]})";
      if (i % 3 == 0) trace.conversation_json = R"({"messages":[{"role":"user","content":"q"}]})";
      if (trace.status != 200) trace.error = "upstream said no";
      batch.push_back(trace);
    }
    traces->insert_traces(batch);
    written.insert(written.end(), batch.begin(), batch.end());
  }
  traces->save_stored_responses(std::vector<store::StoredResponse>{
      stored_answer("resp_old", cut - 1), stored_answer("resp_new", cut),
      stored_answer("resp_newer", cut + kDayMs)});
  int64_t older = std::count_if(written.begin(), written.end(),
                                [&](const auto& t) { return t.created_at_ms < cut; });
  ASSERT_GT(older, 300);

  auto hourly_before = db.rollup("hourly");
  auto daily_before = db.rollup("daily");
  auto stored_before = every_trace(*traces);

  int64_t pruned = 0;
  int64_t deleted = 0;
  do {
    deleted = traces->prune_traces(cut, 37);
    pruned += deleted;
  } while (deleted == 37);
  EXPECT_EQ(pruned, older);
  EXPECT_EQ(traces->prune_traces(cut, 37), 0);

  std::set<std::string> kept;
  for (const auto& trace : every_trace(*traces)) {
    EXPECT_GE(trace.created_at_ms, cut) << trace.id;
    kept.insert(trace.id);
  }
  for (const auto& trace : written) {
    if (trace.created_at_ms >= cut) {
      EXPECT_TRUE(kept.count(trace.id)) << "a newer trace went: " << trace.id;
    }
  }
  EXPECT_EQ(static_cast<int64_t>(kept.size()), static_cast<int64_t>(written.size()) - older);

  store::TraceFilter search;
  search.text_query = "bygone";
  EXPECT_EQ(traces->list_traces(search, false).total, 0);
  search.text_query = "current";
  EXPECT_EQ(traces->list_traces(search, false).total, static_cast<int64_t>(kept.size()));
  store::TraceFilter tagged;
  tagged.tag = "common";
  int64_t common_kept = std::count_if(written.begin(), written.end(), [&](const auto& t) {
    return t.created_at_ms >= cut &&
           std::find(t.tags.begin(), t.tags.end(), "common") != t.tags.end();
  });
  EXPECT_EQ(traces->list_traces(tagged, false).total, common_kept);
  db.expect_consistent();
  EXPECT_EQ(traces->trace_bytes(), db.single_int("SELECT bytes FROM trace_space"));

  EXPECT_FALSE(traces->find_stored_response("resp_old"));
  EXPECT_TRUE(traces->find_stored_response("resp_new"));
  EXPECT_TRUE(traces->find_stored_response("resp_newer"));

  // The rollups are as they were, a recount of every trace stored: the charts keep the pruned
  // calls.
  EXPECT_EQ(db.rollup("hourly"), hourly_before);
  EXPECT_EQ(db.rollup("daily"), daily_before);
  EXPECT_EQ(hourly_before, reinforge::testing::recount_rollup(stored_before, "hourly"));
  EXPECT_EQ(daily_before, reinforge::testing::recount_rollup(stored_before, "daily"));
}

TEST_P(TraceRetention, TheLastTraceStoredIsKeptSoSeqNumbersNeverRestart) {
  reinforge::testing::TraceDatabase db(GetParam());
  auto traces = db.open();
  TraceMaker maker(3);
  // Stored last but started first (a slow call): still the one kept.
  traces->insert_traces(
      std::vector<store::Trace>{maker.next(5000), maker.next(6000), maker.next(1000)});
  EXPECT_EQ(traces->prune_traces(INT64_MAX, 500), 2);
  auto left = every_trace(*traces);
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].seq, 3);
  traces->insert_traces(std::vector<store::Trace>{maker.next(7000)});
  EXPECT_EQ(every_trace(*traces).back().seq, 4);
  EXPECT_EQ(traces->prune_traces(INT64_MAX, 500), 1);
}

TEST_P(TraceRetention, PruningWhileTracesAreWrittenLosesNoTraceNewerThanTheCut) {
  reinforge::testing::TraceDatabase db(GetParam());
  const int64_t cut = 100 * kDayMs;
  {
    auto seed = db.open();
    TraceMaker old_maker(5);
    for (int batch = 0; batch < 12; ++batch) {
      std::vector<store::Trace> old;
      for (int i = 0; i < 1000; ++i) {
        auto trace = old_maker.next(cut - 1 - (batch * 1000 + i));
        trace.id = "old_" + std::to_string(batch * 1000 + i);
        old.push_back(trace);
      }
      seed->insert_traces(old);
    }
  }
  // The gateway's writer and the server's pruner: two connections to the same database.
  auto writer_store = db.open();
  auto pruner_store = db.open();
  std::atomic<bool> pruning_done{false};
  std::vector<std::string> new_ids;
  std::chrono::steady_clock::duration longest_insert{};
  std::chrono::steady_clock::duration longest_wait{};
  std::thread writer([&] {
    TraceMaker maker(6);
    std::mt19937 random(2);
    for (int batch = 0; batch < 400 && !(pruning_done && batch > 40); ++batch) {
      std::vector<store::Trace> traces;
      for (int i = 0; i < 10; ++i) {
        // Some start exactly at the cut, some just after it: both must stay.
        auto trace =
            maker.next(cut + static_cast<int64_t>(random() % 3) * (random() % 2 ? 1 : 5000));
        trace.id = "new_" + std::to_string(batch * 10 + i);
        new_ids.push_back(trace.id);
        traces.push_back(trace);
      }
      auto started = std::chrono::steady_clock::now();
      writer_store->insert_traces(traces);
      longest_insert = std::max(longest_insert, std::chrono::steady_clock::now() - started);
      longest_wait = std::max(longest_wait, writer_store->last_insert_lock_wait());
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  });
  gateway::PruningPace pace;
  pace.pause = std::chrono::milliseconds(10);
  int64_t pruned = gateway::prune_traces_before(*pruner_store, cut, pace, [](auto pause) {
    std::this_thread::sleep_for(pause);
    return true;
  });
  pruning_done = true;
  writer.join();

  EXPECT_EQ(pruned, 12000);
  std::set<std::string> kept;
  for (const auto& trace : every_trace(*writer_store)) kept.insert(trace.id);
  EXPECT_EQ(kept.size(), new_ids.size());
  for (const auto& id : new_ids) EXPECT_TRUE(kept.count(id)) << "lost " << id;
  db.expect_consistent();
  auto longest_ms = std::chrono::duration_cast<std::chrono::milliseconds>(longest_insert).count();
  RecordProperty("longest_insert_ms", static_cast<int>(longest_ms));
  auto waited_ms = std::chrono::duration_cast<std::chrono::milliseconds>(longest_wait).count();
  RecordProperty("longest_lock_wait_ms", static_cast<int>(waited_ms));
  std::cerr << "longest insert of 10 traces while pruning: " << longest_ms
            << " ms, of which waiting for the pruner's lock: " << waited_ms << " ms\n";
  // A loose bound (the machine may be busy): what matters is that the writer is never held for
  // the whole prune, which would take seconds here.
  EXPECT_LT(longest_ms, 1000);
}

TEST_P(TraceRetention, TheSizeLimitDeletesTheOldestUntilTheTracesFit) {
  reinforge::testing::TraceDatabase db(GetParam());
  auto traces = db.open();
  TraceMaker maker(8);
  std::vector<store::Trace> batch;
  for (int i = 0; i < 3000; ++i) batch.push_back(maker.next(1000000 + i * 1000LL));
  std::shuffle(batch.begin(), batch.end(), std::mt19937(4));  // stored out of time order
  traces->insert_traces(batch);
  int64_t all_bytes = traces->trace_bytes();
  ASSERT_GT(all_bytes, 3000 * 100);
  const int64_t max_bytes = all_bytes / 3;

  gateway::TraceRetention retention;
  retention.max_bytes = max_bytes;
  gateway::PruningPace pace;
  pace.pause = std::chrono::milliseconds(1);
  pace.max_batch_rows = 100;
  gateway::TracePruner pruner(db.open(), retention, std::chrono::seconds(60), pace);
  auto round = pruner.run_round(10 * kDayMs);
  EXPECT_EQ(round.by_age, 0);
  EXPECT_GT(round.by_size, 1500);
  EXPECT_LE(traces->trace_bytes(), max_bytes);
  // No more than needed, give or take the size of a few traces (batches went by the hundred,
  // whatever the overshoot, and deleted up to that many more).
  EXPECT_GT(traces->trace_bytes(), max_bytes - all_bytes / 3000 * 5);
  auto left = every_trace(*traces);
  // The last trace stored stays whatever its age (it started early here): leave it out.
  const std::string& last_stored = batch.back().id;
  int64_t oldest_left = INT64_MAX;
  for (const auto& trace : left)
    if (trace.id != last_stored) oldest_left = std::min(oldest_left, trace.created_at_ms);
  for (const auto& trace : batch) {
    if (trace.id == last_stored) continue;
    bool is_left =
        std::any_of(left.begin(), left.end(), [&](const auto& t) { return t.id == trace.id; });
    EXPECT_EQ(is_left, trace.created_at_ms >= oldest_left) << trace.id;  // the oldest went
  }
  EXPECT_EQ(pruner.run_round(10 * kDayMs).by_size, 0);  // it fits now
}

TEST_P(TraceRetention, TheAgeLimitDeletesWhatStartedMoreThanTheDaysAgo) {
  reinforge::testing::TraceDatabase db(GetParam());
  auto traces = db.open();
  TraceMaker maker(9);
  const int64_t now = 400 * kDayMs + 12345;
  std::vector<store::Trace> batch;
  for (int i = 0; i < 30; ++i) batch.push_back(maker.next(now - 8 * kDayMs + i));  // past 7 days
  for (int i = 0; i < 20; ++i) batch.push_back(maker.next(now - 7 * kDayMs + i));  // just inside
  traces->insert_traces(batch);
  gateway::TraceRetention retention;
  retention.days = 7;
  gateway::TracePruner pruner(db.open(), retention);
  auto round = pruner.run_round(now);
  EXPECT_EQ(round.by_age, 30);
  EXPECT_EQ(round.by_size, 0);
  EXPECT_EQ(every_trace(*traces).size(), 20u);
}

TEST_P(TraceRetention, ThePrunerStopsPromptlyMidBacklog) {
  reinforge::testing::TraceDatabase db(GetParam());
  {
    auto seed = db.open();
    TraceMaker maker(10);
    std::vector<store::Trace> batch;
    for (int i = 0; i < 3000; ++i) batch.push_back(maker.next(i));
    seed->insert_traces(batch);
  }
  gateway::TraceRetention retention;
  retention.days = 1;
  gateway::PruningPace pace;
  pace.max_batch_rows = 10;
  pace.pause = std::chrono::seconds(3);
  auto observer = db.open();
  gateway::TracePruner pruner(db.open(), retention, std::chrono::seconds(60), pace);
  pruner.start();
  for (int i = 0; i < 500 && every_trace(*observer).size() == 3000; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  auto stopping = std::chrono::steady_clock::now();
  pruner.stop();
  auto took = std::chrono::steady_clock::now() - stopping;
  EXPECT_LT(took, std::chrono::seconds(1));  // within the pause it was in, not after it
  auto left = every_trace(*observer).size();
  EXPECT_LT(left, 3000u);
  EXPECT_GT(left, 2000u);  // it was stopped mid-way, not after the backlog
}

TEST(TraceRetention, BatchesAreSizedByWhatTheLastTwoCostATrace) {
  gateway::PruningPace pace;  // 20 rows first, 500 at most, 10 ms a batch
  using std::chrono::microseconds;
  struct Step {
    microseconds took;  // by a batch of the size the sizer said
    int64_t next;
  };
  struct Case {
    std::string name;
    std::vector<Step> steps;
  };
  auto ms = [](int64_t n) { return microseconds(n * 1000); };
  for (const auto& c : std::vector<Case>{
           {"cheap traces: grows by half a batch at a time up to the cap",
            {{ms(1), 31},
             {ms(1), 47},
             {ms(1), 71},
             {ms(2), 107},
             {ms(2), 161},
             {ms(3), 242},
             {ms(4), 364},
             {ms(5), 500},
             {ms(6), 500}}},
           {"as many as the target allows", {{ms(20), 10}, {ms(10), 10}}},
           {"one slow batch does not shrink the next, two do",
            {{ms(5), 31},
             {ms(300), 40},
             {ms(300), 1},
             {microseconds(250), 2},
             {microseconds(500), 4}}},
           {"huge bodies: one trace at a time", {{ms(900), 1}, {ms(900), 1}}},
           {"too fast to measure", {{ms(0), 31}}},
       }) {
    SCOPED_TRACE(c.name);
    gateway::BatchSizer sizer(pace);
    EXPECT_EQ(sizer.rows(), 20);
    for (const auto& step : c.steps) {
      sizer.record(sizer.rows(), step.took);
      EXPECT_EQ(sizer.rows(), step.next) << "after " << step.took.count() << " us";
    }
  }
}

TEST(TraceRetention, TheCutIsNowLessTheDays) {
  EXPECT_EQ(gateway::retention_cut_ms(10 * kDayMs + 5, 7), 3 * kDayMs + 5);
  EXPECT_EQ(gateway::retention_cut_ms(10 * kDayMs, INT64_MAX / 2), INT64_MIN);  // keeps everything
}

TEST_P(TraceExport, TracesAfterWalksEveryMatchingTraceOnceInSeqOrder) {
  reinforge::testing::TraceDatabase db(GetParam());
  auto traces = db.open();
  TraceMaker maker(12);
  std::vector<store::Trace> written;
  for (int i = 0; i < 700; ++i)
    written.push_back(maker.next(1000LL * (700 - i)));  // time runs backwards
  traces->insert_traces(written);
  std::vector<store::TraceFilter> filters(6);
  filters[1].model = "a";
  filters[2].status = "error";
  filters[3].tag = "rare";
  filters[4].text_query = "gamma";
  filters[5].from_ms = 100000;
  filters[5].gateway_key_id = 2;
  for (const auto& filter : filters) {
    std::vector<std::string> expected;
    for (const auto& trace : written)
      if (reinforge::testing::matches(trace, filter)) expected.push_back(trace.id);
    std::vector<std::string> walked;
    int64_t after = 0;
    for (;;) {
      auto batch = traces->traces_after(filter, after, 23);
      for (const auto& trace : batch) {
        EXPECT_GT(trace.seq, after);
        EXPECT_FALSE(trace.request_json.empty());  // with bodies
        walked.push_back(trace.id);
        after = trace.seq;
      }
      if (batch.size() < 23) break;
    }
    EXPECT_EQ(walked, expected);
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, TraceRetention, reinforge::testing::kTraceBackends,
                         reinforge::testing::trace_backend_name);
INSTANTIATE_TEST_SUITE_P(Backends, TraceExport, reinforge::testing::kTraceBackends,
                         reinforge::testing::trace_backend_name);
