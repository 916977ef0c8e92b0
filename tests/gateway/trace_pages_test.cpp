// Traces at scale: keyset pages under every filter, capped totals, rollups equal to a recount,
// and a pull whose batches cost the same however much was already pulled, on both backends.
// The query plans and the driver chosen by the rollups' estimates are SQLite's (PostgreSQL's
// planner picks from the same kind of indexes itself) and tested on SQLite alone.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <sstream>

#include "store/sqlite_connection.hpp"
#include "store/trace_list_query.hpp"
#include "store/trace_rollups.hpp"
#include "store/trace_store.hpp"
#include "support/random_traces.hpp"
#include "support/trace_database.hpp"

using namespace reinforge;

namespace {

using reinforge::testing::matches;
using reinforge::testing::TraceMaker;

std::vector<std::pair<std::string, store::TraceFilter>> every_kind_of_filter() {
  std::vector<std::pair<std::string, store::TraceFilter>> filters;
  auto add = [&](std::string name, auto&& set) {
    store::TraceFilter filter;
    set(filter);
    filters.emplace_back(std::move(name), filter);
  };
  add("everything", [](auto&) {});
  add("requested model", [](auto& f) { f.model = "a"; });
  add("answering model", [](auto& f) { f.model = "fallback"; });
  add("key", [](auto& f) { f.gateway_key_id = 2; });
  add("provider", [](auto& f) { f.provider = "p2"; });
  add("endpoint", [](auto& f) { f.endpoint = "messages"; });
  add("failed", [](auto& f) { f.status = "error"; });
  add("one failing code", [](auto& f) { f.status = "429"; });
  add("succeeded", [](auto& f) { f.status = "ok"; });
  add("rare tag", [](auto& f) { f.tag = "rare"; });
  add("common tag", [](auto& f) { f.tag = "common"; });
  add("text", [](auto& f) { f.text_query = "gamma"; });
  add("session", [](auto& f) { f.session_id = "ses_1"; });
  add("each session's last call", [](auto& f) { f.last_call_of_session = true; });
  add("time range", [](auto& f) {
    f.from_ms = 100000;
    f.to_ms = 300000;
  });
  add("model and key", [](auto& f) {
    f.model = "b";
    f.gateway_key_id = 1;
  });
  add("failed calls of a model on a provider", [](auto& f) {
    f.status = "error";
    f.model = "a";
    f.provider = "p1";
  });
  add("tag and text", [](auto& f) {
    f.tag = "common";
    f.text_query = "alpha";
  });
  return filters;
}

class TracePages : public ::testing::TestWithParam<std::string> {};

}  // namespace

TEST_P(TracePages, CursorPagesShowEveryTraceOnceWhileNewOnesArrive) {
  for (const auto& [name, base] : every_kind_of_filter()) {
    SCOPED_TRACE(name);
    reinforge::testing::TraceDatabase db(GetParam());
    auto traces = db.open();
    TraceMaker maker(11);
    std::vector<store::Trace> initial;
    // Many calls share a millisecond, so the order's tie-break (arrival) is exercised too.
    for (int i = 0; i < 400; ++i) initial.push_back(maker.next(1000 * (i / 3)));
    std::shuffle(initial.begin(), initial.end(), std::mt19937(3));  // written out of time order
    traces->insert_traces(initial);
    for (std::size_t i = 0; i < initial.size(); ++i) initial[i].seq = static_cast<int64_t>(i) + 1;
    std::map<std::string, store::Trace> known;
    for (const auto& trace : initial) known[trace.id] = trace;

    std::set<std::string> expected;
    for (const auto& trace : initial)
      if (matches(trace, base, initial)) expected.insert(trace.id);
    ASSERT_GT(expected.size(), 2u);

    store::TraceFilter filter = base;
    filter.limit = expected.size() > 14 ? 7 : 2;  // several pages
    std::vector<store::Trace> seen;
    int64_t arriving_at = 500000;
    for (int page_number = 0;; ++page_number) {
      ASSERT_LT(page_number, 200) << "the pages never end";
      auto page = traces->list_traces(filter, false);
      if (page_number == 0) {
        EXPECT_EQ(page.total, static_cast<int64_t>(expected.size()));
        EXPECT_TRUE(page.total_exact);
      }
      for (auto& trace : page.traces) seen.push_back(trace);
      // Traces arrive between pages: newer ones, and one that started long ago (a slow call).
      // (Not for sessions' last calls, which a new call in the session can replace.)
      if (!base.last_call_of_session) {
        std::vector<store::Trace> arriving{maker.next(arriving_at += 1000), maker.next(150000)};
        traces->insert_traces(arriving);
        for (const auto& trace : arriving) known[trace.id] = trace;
      }
      if (!page.next) {
        EXPECT_LE(static_cast<int64_t>(page.traces.size()), filter.limit);
        break;
      }
      EXPECT_EQ(static_cast<int64_t>(page.traces.size()), filter.limit);
      filter.after = page.next;
    }
    std::set<std::string> ids;
    for (std::size_t i = 0; i < seen.size(); ++i) {
      EXPECT_TRUE(ids.insert(seen[i].id).second) << "twice: " << seen[i].id;
      if (!base.last_call_of_session) {
        EXPECT_TRUE(matches(known[seen[i].id], base)) << "does not match: " << seen[i].id;
      }
      if (i == 0) continue;
      const auto& before = seen[i - 1];
      if (base.text_query) {
        EXPECT_GT(before.seq, seen[i].seq);  // a search runs newest arrival first
      } else {
        EXPECT_TRUE(before.created_at_ms > seen[i].created_at_ms ||
                    (before.created_at_ms == seen[i].created_at_ms && before.seq > seen[i].seq))
            << before.id << " then " << seen[i].id;
      }
    }
    for (const auto& id : expected) EXPECT_TRUE(ids.count(id)) << "missing: " << id;
  }
}

TEST_P(TracePages, OffsetPagesStillWork) {
  reinforge::testing::TraceDatabase db(GetParam());
  auto traces = db.open();
  TraceMaker maker(5);
  std::vector<store::Trace> batch;
  for (int i = 0; i < 30; ++i) batch.push_back(maker.next(1000 * i));
  traces->insert_traces(batch);
  for (const auto& [name, base] : every_kind_of_filter()) {
    SCOPED_TRACE(name);
    store::TraceFilter filter = base;
    filter.limit = 1000;
    auto all = traces->list_traces(filter, false).traces;
    filter.limit = 4;
    filter.offset = 3;
    auto page = traces->list_traces(filter, false).traces;
    ASSERT_EQ(page.size(), std::min<std::size_t>(4, all.size() > 3 ? all.size() - 3 : 0));
    for (std::size_t i = 0; i < page.size(); ++i) EXPECT_EQ(page[i].id, all[i + 3].id);
  }
}

TEST_P(TracePages, TheTotalIsExactUpToTheCapThenSaysSo) {
  reinforge::testing::TraceDatabase db(GetParam());
  auto traces = db.open();
  TraceMaker maker(9);
  std::vector<store::Trace> batch;
  for (int64_t i = 0; i < store::kTraceTotalCap + 5; ++i) batch.push_back(maker.next(i));
  batch.back().provider = "only-one";
  traces->insert_traces(batch);
  auto everything = traces->list_traces({}, false);
  EXPECT_EQ(everything.total, store::kTraceTotalCap);
  EXPECT_FALSE(everything.total_exact);
  store::TraceFilter one;
  one.provider = "only-one";
  auto page = traces->list_traces(one, false);
  EXPECT_EQ(page.total, 1);
  EXPECT_TRUE(page.total_exact);
  EXPECT_FALSE(page.next);
}

TEST_P(TracePages, RollupsEqualARecountOfTheRawRows) {
  reinforge::testing::TraceDatabase db(GetParam());
  auto traces = db.open();
  TraceMaker maker(21);
  std::mt19937 random(4);
  // Batches of every size over three days, some calls written long after they started, with
  // prunes between them as retention does. The rollups keep what is pruned, so the recount is
  // of every raw row stored, each read before a prune could take it.
  std::vector<store::Trace> stored;
  auto read_new_rows = [&] {
    auto more = traces->traces_after({}, stored.empty() ? 0 : stored.back().seq, 1000000);
    stored.insert(stored.end(), more.begin(), more.end());
  };
  int64_t pruned = 0;
  for (int batch_number = 0; batch_number < 40; ++batch_number) {
    std::vector<store::Trace> batch;
    int size = 1 + static_cast<int>(random() % 120);
    for (int i = 0; i < size; ++i)
      batch.push_back(maker.next(static_cast<int64_t>(random() % (3 * 86400000LL))));
    traces->insert_traces(batch);
    if (batch_number % 7 == 6) {
      read_new_rows();
      pruned += traces->prune_traces(static_cast<int64_t>(random() % (3 * 86400000LL)),
                                     1 + random() % 80);
    }
  }
  read_new_rows();
  EXPECT_GT(pruned, 50);
  for (const char* level : {"hourly", "daily"}) {
    SCOPED_TRACE(level);
    auto rows = db.rollup(level);
    EXPECT_EQ(rows, reinforge::testing::recount_rollup(stored, level));
    EXPECT_GT(rows.size(), 10u);
  }
  db.expect_consistent();
}

TEST_P(TracePages, StatsFromRollupsMatchTheRawRows) {
  reinforge::testing::TraceDatabase db(GetParam());
  auto traces = db.open();
  TraceMaker maker(33);
  std::vector<store::Trace> batch;
  for (int i = 0; i < 3000; ++i) batch.push_back(maker.next(i * 100000LL));  // about 3.5 days
  traces->insert_traces(batch);
  store::TraceFilter filter;
  filter.model = "a";
  filter.status = "ok";
  filter.from_ms = 7200000;             // whole hours: the rollups answer exactly
  filter.to_ms = 3 * 86400000LL + 3600000;
  int64_t calls = 0, tokens = 0;
  for (const auto& trace : batch) {
    if (!matches(trace, filter)) continue;
    ++calls;
    tokens += *trace.prompt_tokens;
  }
  int64_t stats_calls = 0, stats_tokens = 0;
  auto rows = traces->trace_stats(filter);
  for (const auto& row : rows) {
    stats_calls += row.calls;
    stats_tokens += row.prompt_tokens;
    EXPECT_EQ(row.model, "a");  // the requested model; "a-up" and "fallback" answered them
  }
  EXPECT_EQ(stats_calls, calls);
  EXPECT_EQ(stats_tokens, tokens);
  EXPECT_EQ(rows.front().day, "1970-01-01");
  EXPECT_EQ(rows.back().day, "1970-01-04");
}

TEST_P(TracePages, APullBatchCostsTheSameHoweverMuchWasPulled) {
  reinforge::testing::TraceDatabase db(GetParam());
  auto traces = db.open();
  TraceMaker maker(2);
  std::vector<store::Trace> batch;
  for (int i = 0; i < 6000; ++i) batch.push_back(maker.next(i));
  traces->insert_traces(batch);
  store::TraceFilter filter;
  filter.model = "a";
  auto first = traces->traces_to_pull(filter, 1, 0, 100);
  int64_t first_steps = traces->last_pull_steps();
  ASSERT_EQ(first.traces.size(), 100u);
  // Walk most of the table, then compare a batch near its end with the first one.
  auto through = first.scanned_through_seq;
  for (int i = 0; i < 20; ++i) through = traces->traces_to_pull(filter, 1, through, 100).scanned_through_seq;
  auto late = traces->traces_to_pull(filter, 1, through, 100);
  ASSERT_EQ(late.traces.size(), 100u);
  EXPECT_GT(late.traces.front().seq, first.traces.back().seq);
  int64_t late_steps = traces->last_pull_steps();
  EXPECT_GT(first_steps, 0);
  EXPECT_LT(late_steps, first_steps * 3 / 2) << "first " << first_steps << ", late " << late_steps;
  // The end: fewer than asked, and the walk says it has seen everything stored so far.
  auto rest = traces->traces_to_pull(filter, 1, late.scanned_through_seq, 100000);
  auto after_end = traces->traces_to_pull(filter, 1, rest.scanned_through_seq, 100);
  EXPECT_TRUE(after_end.traces.empty());
  EXPECT_EQ(after_end.scanned_through_seq, rest.scanned_through_seq);
}

// The plan of every page: a walk along one index in the list's order, never a scan of the table
// or a sort of everything that matches (the model filter sorts only the two short walks it merges).
TEST(TracePagesSqlite, EveryPageWalksOneIndexInOrder) {
  reinforge::testing::TraceDatabase db("sqlite");
  auto traces = db.open();
  auto connection = db.sqlite_connection();
  using store::trace_list_query::Driver;
  for (auto [name, filter] : every_kind_of_filter()) {
    SCOPED_TRACE(name);
    for (bool deep : {false, true}) {
      if (deep) filter.after = store::TracePosition{123456, 789};
      auto driver = store::trace_list_query::choose_driver(filter, {});
      store::SqlBuilder explain;
      explain.add("EXPLAIN QUERY PLAN ").add(store::trace_list_query::page(filter, driver, "t.seq"));
      auto explained = explain.prepare(connection);
      std::string plan;
      while (explained.step()) plan += explained.column_text(3) + "\n";
      if (getenv("SHOW_PLANS")) std::cerr << name << (deep ? " (deep)" : "") << ":\n" << plan;
      EXPECT_EQ(plan.find("SCAN t\n"), std::string::npos) << plan;
      EXPECT_EQ(plan.find("SCAN t USING INDEX traces_by_session"), std::string::npos) << plan;
      if (driver != Driver::model && driver != Driver::session) {
        EXPECT_EQ(plan.find("USE TEMP B-TREE FOR ORDER BY"), std::string::npos) << plan;
      }
    }
    // A pull walks the table itself from its cursor, whatever the filter.
    store::SqlBuilder pull;
    pull.add("EXPLAIN QUERY PLAN SELECT t.seq")
        .add(store::trace_list_query::pull_walk(filter, 5))
        .add(" ORDER BY t.seq LIMIT 10");
    auto explained = pull.prepare(connection);
    ASSERT_TRUE(explained.step());
    EXPECT_EQ(explained.column_text(3), "SEARCH t USING INTEGER PRIMARY KEY (rowid>?)");
  }
}

// With several filters, the one the rollups say matches fewest traces walks its index.
TEST(TracePagesSqlite, TheRarestFilterDrives) {
  reinforge::testing::TraceDatabase db("sqlite");
  auto traces = db.open();
  TraceMaker maker(8);
  std::vector<store::Trace> batch;
  for (int i = 0; i < 2000; ++i) batch.push_back(maker.next(i * 60000LL));
  batch[17].provider = "rare-provider";
  batch[18].model_requested = "rare-model";
  traces->insert_traces(batch);
  auto connection = db.sqlite_connection();
  using store::trace_list_query::Driver;
  auto driver_for = [&](store::TraceFilter filter) {
    EXPECT_TRUE(store::trace_list_query::needs_estimates(filter));
    return store::trace_list_query::choose_driver(filter, store::trace_rollups::estimates(connection, filter));
  };
  store::TraceFilter filter;
  filter.model = "a";
  filter.provider = "rare-provider";
  EXPECT_EQ(driver_for(filter), Driver::provider);
  filter.model = "rare-model";
  filter.provider = "p1";
  EXPECT_EQ(driver_for(filter), Driver::model);
  filter.model.reset();
  filter.gateway_key_id = 1;
  filter.status = "500";  // about 7%: fewer than a third of the calls on a key or half on a provider
  EXPECT_EQ(driver_for(filter), Driver::failed_code);
  auto estimates = store::trace_rollups::estimates(connection, filter);
  int64_t on_p1 = 0;
  for (const auto& trace : batch) on_p1 += trace.provider == "p1";
  EXPECT_EQ(estimates.provider, on_p1);
}

// A pull batch walks the table from its cursor: its cost does not grow with the traces that
// match elsewhere in the table (an index walk over every match, sorted by seq, would).
TEST_P(TracePages, APullBatchCostsTheSameInATenTimesBiggerStore) {
  auto first_batch_steps = [&](int traces_in_store) {
    reinforge::testing::TraceDatabase db(GetParam());
    auto traces = db.open();
    TraceMaker maker(2);
    std::vector<store::Trace> batch;
    for (int i = 0; i < traces_in_store; ++i) batch.push_back(maker.next(i));
    traces->insert_traces(batch);
    store::TraceFilter filter;
    filter.model = "a";
    EXPECT_EQ(traces->traces_to_pull(filter, 1, 0, 100).traces.size(), 100u);
    return traces->last_pull_steps();
  };
  int64_t small = first_batch_steps(3000);
  int64_t big = first_batch_steps(30000);
  EXPECT_LT(big, small * 3 / 2) << "3,000 traces: " << small << " steps; 30,000: " << big;
}

INSTANTIATE_TEST_SUITE_P(Backends, TracePages, reinforge::testing::kTraceBackends,
                         reinforge::testing::trace_backend_name);
