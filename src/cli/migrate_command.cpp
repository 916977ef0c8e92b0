// reinforge migrate --from SRC --to DST [--force] — the whole store copied between SQLite and
// PostgreSQL with its ids, then compared table by table (store/transfer/, docs/postgresql.md
// "Moving between stores"). Exit 0 when every table matches, 1 when one differs, 2 when it
// could not run (bad usage, a target holding data without --force, a failed copy).
#include <cstdio>
#include <iostream>

#include "cli/arguments.hpp"
#include "cli/commands.hpp"
#include "store/transfer/store_transfer.hpp"

namespace reinforge::cli {

namespace {

store::StoreLocation location_option(const Arguments& arguments, const std::string& name) {
  auto value = arguments.option(name);
  if (!value || value->empty())
    throw UsageError("--" + name + " is required: a data directory or a postgresql:// URL");
  return store::transfer::parse_store_location(*value);
}

void print_comparisons(const std::vector<store::transfer::TableComparison>& comparisons) {
  std::printf("%-24s %12s  %s\n", "table", "rows", "checksum");
  for (const auto& table : comparisons) {
    std::string rows = std::to_string(table.source_rows);
    if (table.target_rows != table.source_rows) rows += " -> " + std::to_string(table.target_rows);
    std::printf("%-24s %12s  %s\n", table.table.c_str(), rows.c_str(),
                table.matches() ? "ok" : "DIFFERS");
  }
  std::fflush(stdout);
}

}  // namespace

int run_migrate_command(const std::vector<std::string>& args) {
  Arguments arguments(args, {"force"});
  arguments.reject_unknown({"from", "to", "force"});
  if (!arguments.positionals().empty())
    throw UsageError("unexpected argument '" + arguments.positionals().front() + "'");
  auto from = location_option(arguments, "from");
  auto to = location_option(arguments, "to");

  std::cerr << "reinforge migrate: " << from.describe() << " -> " << to.describe() << std::endl;
  store::transfer::StoreTransfer transfer(from, to, std::cerr);
  for (const auto& note : transfer.plan().notes)
    std::cerr << "reinforge migrate: note: " << note << std::endl;
  std::vector<std::string> derived;
  try {
    derived = transfer.copy(arguments.flag("force"));
  } catch (const store::transfer::TargetNotEmpty& error) {
    std::cerr << "reinforge migrate: " << error.what() << "\n";
    return 2;
  }
  auto comparisons = transfer.verify();
  print_comparisons(comparisons);
  std::string rebuilt;
  for (const auto& what : derived) rebuilt += (rebuilt.empty() ? "" : "; ") + what;
  std::cout << "Derived in the target: " << rebuilt << ".\n";
  int differing = 0;
  for (const auto& table : comparisons) differing += table.matches() ? 0 : 1;
  if (differing) {
    std::cout << differing << " of " << comparisons.size()
              << " tables differ between the source and the target: the copy is not faithful; "
                 "keep using the source.\n";
    return 1;
  }
  std::cout << "All " << comparisons.size() << " tables match: rows and checksums.\n";
  return 0;
}

}  // namespace reinforge::cli
