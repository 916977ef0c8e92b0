// `reinforge traces prune|export` and the server's retention settings, through the real binary:
// what they print, their exit codes, and a SIGKILL in the middle of a prune.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "store/sqlite_connection.hpp"
#include "store/trace_store.hpp"
#include "support/command_run.hpp"
#include "support/random_traces.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"
#include "support/trace_database.hpp"

using namespace reinforge;
using namespace reinforge::testing;

namespace {

const int64_t kJan1 = 1767225600000;  // 2026-01-01T00:00:00Z
const int64_t kFeb1 = 1769904000000;  // 2026-02-01T00:00:00Z

// `count` traces, one a minute from `from_ms`, written as the gateway's writer does (in batches).
std::vector<store::Trace> write_traces(const std::filesystem::path& data_dir, int count,
                                       int64_t from_ms, unsigned seed, std::size_t body_bytes = 0) {
  auto traces = store::open_sqlite_trace_store(data_dir);
  TraceMaker maker(seed);
  std::vector<store::Trace> all;
  std::vector<store::Trace> batch;
  for (int i = 0; i < count; ++i) {
    auto trace = maker.next(from_ms + i * 60000LL);
    trace.id = "tr_" + std::to_string(seed) + "_" + std::to_string(i);
    if (body_bytes)
      trace.response_json =
          R"({"choices":[{"message":{"content":")" + std::string(body_bytes, 'x') + R"("}}]})";
    batch.push_back(trace);
    if (batch.size() == 2000 || i + 1 == count) {
      traces->insert_traces(batch);
      all.insert(all.end(), batch.begin(), batch.end());
      batch.clear();
    }
  }
  return all;
}

std::string data_flag(const TempDir& dir) {
  return " --data-dir " + (dir / "data").string();
}

}  // namespace

TEST(TracesCommand, ExportWritesEveryMatchingTraceOnceInTheOrderStored) {
  TempDir dir;
  auto written = write_traces(dir / "data", 1234, kJan1, 1);  // more than two export batches
  auto everything = run_reinforge("traces export" + data_flag(dir));
  ASSERT_EQ(everything.status, 0);
  auto lines = json_lines(everything.output);
  ASSERT_EQ(lines.size(), written.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    EXPECT_EQ(lines[i]["id"], written[i].id);
    EXPECT_EQ(lines[i]["request"],
              nlohmann::json::parse(written[i].request_json));  // bodies, parsed
    EXPECT_EQ(lines[i]["model_requested"], written[i].model_requested);
  }

  auto filtered = run_reinforge("traces export" + data_flag(dir) +
                                " --model a --status ok --from 2026-01-01T02:00:00Z --tag common");
  ASSERT_EQ(filtered.status, 0);
  store::TraceFilter filter;
  filter.model = "a";
  filter.status = "ok";
  filter.from_ms = kJan1 + 2 * 3600000;
  filter.tag = "common";
  std::vector<std::string> expected;
  for (const auto& trace : written)
    if (matches(trace, filter)) expected.push_back(trace.id);
  std::vector<std::string> exported;
  for (const auto& line : json_lines(filtered.output)) exported.push_back(line["id"]);
  EXPECT_GT(expected.size(), 50u);
  EXPECT_EQ(exported, expected);

  auto bad = run_reinforge("traces export" + data_flag(dir) + " --status sometimes", true);
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.output.find("'status' must be"), std::string::npos) << bad.output;
  EXPECT_EQ(run_reinforge("traces export --data-dir " + (dir / "nowhere").string()).status, 2);
  EXPECT_FALSE(std::filesystem::exists(dir / "nowhere"));  // a wrong directory is not created
}

TEST(TracesCommand, PruneDeletesTheTracesThatStartedBeforeTheDate) {
  TempDir dir;
  write_traces(dir / "data", 300, kJan1, 2);  // all in January
  write_traces(dir / "data", 200, kFeb1, 3);  // all in February
  auto pruned = run_reinforge("traces prune" + data_flag(dir) + " --before 2026-02-01", true);
  EXPECT_EQ(pruned.status, 0) << pruned.output;
  EXPECT_NE(pruned.output.find("Pruned 300 traces that started before 2026-02-01T00:00:00Z"),
            std::string::npos)
      << pruned.output;
  auto left = store::open_sqlite_trace_store(dir / "data")->traces_after({}, 0, 10000);
  ASSERT_EQ(left.size(), 200u);
  EXPECT_EQ(left.front().created_at_ms, kFeb1);
  // Unix milliseconds and a full RFC 3339 time work too.
  EXPECT_NE(
      run_reinforge("traces prune" + data_flag(dir) + " --before " + std::to_string(kFeb1 + 60000))
          .output.find("Pruned 1 traces"),
      std::string::npos);
  EXPECT_NE(run_reinforge("traces prune" + data_flag(dir) + " --before 2026-02-01T00:02:00Z")
                .output.find("Pruned 1 traces"),
            std::string::npos);

  for (const std::string& wrong :
       {std::string(" --before yesterday"), std::string(""),
        std::string(" --before 2026-02-01 --model a"), std::string(" --before 2026-02-01 extra"),
        // Dates that do not exist, which were rolled into later ones (2026-13-45: February 2027,
        // every trace gone).
        std::string(" --before 2026-13-45"), std::string(" --before 2026-02-30"),
        std::string(" --before 2026-02-01T25:00:00Z")}) {
    auto refused = run_reinforge("traces prune" + data_flag(dir) + wrong, true);
    EXPECT_EQ(refused.status, 2) << wrong;
    EXPECT_NE(refused.output.find("usage: reinforge traces"), std::string::npos) << refused.output;
  }
  EXPECT_EQ(store::open_sqlite_trace_store(dir / "data")->traces_after({}, 0, 10000).size(), 198u);
}

TEST(TracesCommand, HelpExplainsPruneAndExport) {
  auto help = run_reinforge("traces --help");
  EXPECT_EQ(help.status, 0);
  EXPECT_NE(help.output.find("traces prune --before DATE"), std::string::npos) << help.output;
  EXPECT_NE(help.output.find("traces export"), std::string::npos) << help.output;
  EXPECT_NE(run_reinforge("--help").output.find("reinforge traces prune"), std::string::npos);
}

// Each batch is one transaction: a prune killed at any point leaves every trace either fully
// there (row, search index entry, tags, counted bytes) or fully gone, and the rollups untouched.
// Killed at several delays after its first batch, to land in a transaction as well as between.
// (The command line works on a data directory: SQLite.)
TEST(TracesCommand, SigkillMidPruneLeavesTheStoreConsistent) {
  TraceDatabase db("sqlite");
  auto data = db.folder();
  write_traces(data, 30000, kJan1, 4, 600);
  auto hourly_before = db.rollup("hourly");
  auto daily_before = db.rollup("daily");
  auto expect_rollups_unchanged = [&] {
    EXPECT_EQ(db.rollup("hourly"), hourly_before);
    EXPECT_EQ(db.rollup("daily"), daily_before);
  };
  std::string binary = reinforge_binary().string();
  std::string data_dir = data.string();

  int64_t left = 30000;
  for (int delay_ms : {0, 37, 73, 111}) {
    SCOPED_TRACE("killed " + std::to_string(delay_ms) + " ms after its first batch");
    pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      int null = open("/dev/null", O_WRONLY);
      dup2(null, 1);
      dup2(null, 2);
      execl(binary.c_str(), binary.c_str(), "traces", "prune", "--data-dir", data_dir.c_str(),
            "--before", "2027-01-01", static_cast<char*>(nullptr));
      _exit(127);
    }
    bool started = false;
    for (int i = 0; i < 5000 && !started; ++i) {
      started = db.single_int("SELECT count(*) FROM traces") < left;
      if (!started) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    ASSERT_TRUE(started);
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "it finished first";

    int64_t now_left = db.single_int("SELECT count(*) FROM traces");
    EXPECT_LT(now_left, left);
    EXPECT_GT(now_left, 1);
    left = now_left;
    // The oldest went first (stored here in time order): what is left is the newest, no gap.
    EXPECT_EQ(db.single_int("SELECT max(seq) FROM traces"), 30000);
    EXPECT_EQ(db.single_int("SELECT max(seq) - min(seq) + 1 FROM traces"), left);
    db.expect_consistent();
    expect_rollups_unchanged();
  }

  // A last prune finishes the job from where the others were killed.
  auto again = run_reinforge("traces prune --data-dir " + data.string() + " --before 2027-01-01");
  EXPECT_EQ(again.status, 0);
  EXPECT_NE(again.output.find("Pruned " + std::to_string(left - 1) + " traces"), std::string::npos)
      << again.output;
  db.expect_consistent();
  expect_rollups_unchanged();
}

TEST(TraceRetentionSettings, BadSettingsAreRefusedAtStartWithAMessage) {
  TempDir dir;
  // An unusable host: a setting wrongly accepted makes the server fail to listen (and the test
  // fail) instead of starting it and waiting forever.
  const std::string serve = "serve --host 256.256.256.256 --port 0" + data_flag(dir);
  struct Case {
    std::string arguments;
    std::string message;
  };
  std::vector<Case> cases{
      {" --trace-retention-days 0",
       "--trace-retention-days must be a whole number of days, 1 or more (got '0')"},
      {" --trace-retention-days -3",
       "--trace-retention-days must be a whole number of days, 1 or more (got '-3')"},
      {" --trace-retention-days 1.5", "--trace-retention-days must be a whole number of days"},
      {" --trace-retention-days week", "--trace-retention-days must be a whole number of days"},
      {" --trace-max-bytes 0", "--trace-max-bytes must be a size above zero like 500MB, 20GB"},
      {" --trace-max-bytes 0GB", "--trace-max-bytes must be a size above zero"},
      {" --trace-max-bytes lots",
       "--trace-max-bytes must be a size above zero like 500MB, 20GB, 1.5GiB or a number of bytes "
       "(got 'lots')"},
      {" --trace-max-bytes -5GB", "(got '-5GB')"},
      {" --trace-max-bytes 20G", "(got '20G')"},
  };
  auto config = [&](const std::string& name, const std::string& traces) {
    return " --config " + write_file(dir / name, R"({"traces": )" + traces + "}").string();
  };
  cases.push_back({config("zero.json", R"({"retention_days": 0})"), "traces.retention_days in"});
  cases.push_back({config("negative.json", R"({"retention_days": -1})"),
                   "must be a whole number of days, 1 or more (got -1)"});
  cases.push_back({config("text.json", R"({"retention_days": "7"})"), "traces.retention_days in"});
  cases.push_back({config("fraction.json", R"({"retention_days": 0.5})"), "(got 0.5)"});
  cases.push_back({config("size.json", R"({"max_bytes": "20 gigs"})"), "traces.max_bytes in"});
  cases.push_back({config("zero_size.json", R"({"max_bytes": 0})"), "traces.max_bytes in"});
  cases.push_back({config("not_object.json", R"(30)"), "\"traces\" must be an object"});
  for (const auto& c : cases) {
    SCOPED_TRACE(c.arguments);
    auto refused = run_reinforge(serve + c.arguments, true);
    EXPECT_EQ(refused.status, 2);
    EXPECT_NE(refused.output.find("reinforge serve: "), std::string::npos) << refused.output;
    EXPECT_NE(refused.output.find(c.message), std::string::npos) << refused.output;
    EXPECT_EQ(refused.output.find("Reinforge is running"), std::string::npos) << refused.output;
  }
}

// The config file's settings of the wrong type are named, not left to the JSON library's words.
TEST(ServerSettings, ASettingOfTheWrongTypeIsNamed) {
  TempDir dir;
  const std::string serve = "serve --host 256.256.256.256 --port 0" + data_flag(dir);
  auto config = [&](const std::string& name, const std::string& server) {
    return " --config " + write_file(dir / name, R"({"server": )" + server + "}").string();
  };
  std::vector<std::pair<std::string, std::string>> cases{
      {config("port.json", R"({"port": "abc"})"), "server.port in "},
      {config("upload.json", R"({"max_upload_mb": "big"})"), "must be an integer, not \"big\""},
      {config("upload0.json", R"({"max_upload_mb": 0})"), "server.max_upload_mb in "},
      {config("proxies.json", R"({"trusted_proxies": "10.0.0.1"})"), "server.trusted_proxies in "},
      {" --max-upload-mb 0", "--max-upload-mb must be 1 or more"},
  };
  for (const auto& [arguments, message] : cases) {
    SCOPED_TRACE(arguments);
    auto refused = run_reinforge(serve + arguments, true);
    EXPECT_EQ(refused.status, 2);
    EXPECT_NE(refused.output.find(message), std::string::npos) << refused.output;
    EXPECT_EQ(refused.output.find("json.exception"), std::string::npos) << refused.output;
  }
}

// One server per data directory: a second is refused at start, and a server killed with SIGKILL
// leaves nothing that refuses the next.
TEST(ServerSettings, ASecondServerOnOneDataDirectoryIsRefused) {
  TempDir dir;
  auto first = std::make_unique<ServerProcess>(dir / "data", "test-admin-token-123456");
  auto second = run_reinforge("serve --host 127.0.0.1 --port 0" + data_flag(dir), true);
  EXPECT_EQ(second.status, 2) << second.output;
  EXPECT_NE(second.output.find("another reinforge serve (process " + std::to_string(first->pid()) +
                               ") already uses the data directory"),
            std::string::npos)
      << second.output;
  first->kill_hard();
  first.reset();
  ServerProcess next(dir / "data", "test-admin-token-123456");
  EXPECT_GT(next.port(), 0);
}

// The server prunes at start (then every minute) and says so in one line; the usage stats keep
// the pruned calls.
TEST(TraceRetentionSettings, TheServerPrunesOldTracesAtStart) {
  TempDir dir;
  auto data = dir / "data";
  int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                    std::chrono::system_clock::now().time_since_epoch())
                    .count();
  write_traces(data, 400, now - 40 * kDayMs, 5);  // about 7 hours, 40 days ago
  write_traces(data, 100, now - 3600000 * 2, 6);  // the last 2 hours
  auto config =
      write_file(dir / "config.json", R"({"traces": {"retention_days": 30, "max_bytes": "1GB"}})");
  ServerProcess server(data, "test-admin-token-123456", {"--config", config.string()});
  auto printed = [&](const std::string& line) {
    for (int i = 0; i < 200; ++i) {
      if (server.output().find(line) != std::string::npos) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  };
  EXPECT_TRUE(printed("Traces: kept 30 days and up to 1.00 GB")) << server.output();
  // The banner first, then the round's one line.
  EXPECT_TRUE(printed("GB\nTrace retention: deleted 400 traces, 400 older than 30 days; the "
                      "traces now take"))
      << server.output();
  auto left = store::open_sqlite_trace_store(data)->traces_after({}, 0, 10000);
  EXPECT_EQ(left.size(), 100u);
  store::TraceFilter everything;
  int64_t calls = 0;
  for (const auto& row : store::open_sqlite_trace_store(data)->trace_stats(everything))
    calls += row.calls;
  EXPECT_EQ(calls, 500);
  EXPECT_EQ(server.stop(), 0);
}
