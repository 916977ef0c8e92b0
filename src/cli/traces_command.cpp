// reinforge traces prune --before DATE | export [filters] — the gateway's traces, straight in the
// data directory's database. A server running on the same directory goes on writing meanwhile
// (WAL); pruning deletes in the same small batches as the server's retention.
#include <chrono>
#include <iostream>
#include <map>
#include <set>
#include <thread>

#include "access/cli_audit.hpp"
#include "cli/arguments.hpp"
#include "cli/commands.hpp"
#include "cli/store_option.hpp"
#include "cli/stored_dataset.hpp"
#include "gateway/trace_filter_fields.hpp"
#include "gateway/trace_json.hpp"
#include "gateway/trace_retention.hpp"
#include "store/trace_store.hpp"
#include "util/byte_size.hpp"
#include "util/clock.hpp"

namespace reinforge::cli {

namespace {

// Traces read per query of an export: enough to amortise the query, few enough in memory.
constexpr int64_t kExportBatch = 500;
// The filters of GET /api/traces, as flags of the same names.
const std::set<std::string> kFilterFlags = {
    "model", "provider", "key", "status", "from", "to", "tag", "q", "endpoint", "session", "calls"};

int prune(const Arguments& arguments) {
  arguments.reject_unknown({"data-dir", "store", "before"});
  auto before = arguments.option("before");
  if (!before)
    throw UsageError("--before DATE is required: traces that started before it are deleted");
  int64_t before_ms = 0;
  try {
    before_ms = gateway::parse_trace_time_ms("--before", *before);
  } catch (const std::invalid_argument& error) {
    throw UsageError(error.what());
  }
  const auto location = existing_store_location(arguments);
  auto store = store::open_trace_store(location);
  auto pause = [](std::chrono::milliseconds duration) {
    std::this_thread::sleep_for(duration);
    return true;
  };
  int64_t pruned = gateway::prune_traces_before(*store, before_ms, {}, pause);
  access::audit_cli_change(*store::open_access_store(location), "traces.prune", "traces prune",
                           "{\"before\":\"" + util::format_rfc3339(before_ms / 1000) + "\"}");
  std::cout << "Pruned " << pruned << " traces that started before "
            << util::format_rfc3339(before_ms / 1000)
            << " (the usage charts keep them); the traces now take "
            << util::format_byte_size(store->trace_bytes()) << ".\n";
  return 0;
}

int export_traces(const Arguments& arguments) {
  std::set<std::string> known = kFilterFlags;
  known.insert("data-dir");
  known.insert("store");
  arguments.reject_unknown(known);
  std::map<std::string, std::string> fields;
  for (const auto& name : kFilterFlags) {
    if (auto value = arguments.option(name)) fields[name] = *value;
  }
  store::TraceFilter filter;
  try {
    filter = gateway::trace_filter_from_fields(fields);
  } catch (const std::invalid_argument& error) {
    throw UsageError(error.what());
  }
  auto store = store::open_trace_store(existing_store_location(arguments));
  int64_t exported = 0;
  int64_t after_seq = 0;
  for (;;) {
    auto batch = store->traces_after(filter, after_seq, kExportBatch);
    for (const auto& trace : batch) std::cout << gateway::trace_detail_json(trace).dump() << "\n";
    exported += static_cast<int64_t>(batch.size());
    if (static_cast<int64_t>(batch.size()) < kExportBatch) break;
    after_seq = batch.back().seq;
  }
  std::cout.flush();
  std::cerr << "Exported " << exported << " traces\n";
  return std::cout ? 0 : 2;
}

}  // namespace

int run_traces_command(const std::vector<std::string>& args) {
  Arguments arguments(args);
  const auto& words = arguments.positionals();
  if (words.empty()) throw UsageError("say what to do: prune --before DATE, or export [filters]");
  if (words.size() > 1) throw UsageError("unexpected argument " + words[1]);
  if (words[0] == "prune") return prune(arguments);
  if (words[0] == "export") return export_traces(arguments);
  throw UsageError("unknown action '" + words[0] + "': use prune or export");
}

}  // namespace reinforge::cli
