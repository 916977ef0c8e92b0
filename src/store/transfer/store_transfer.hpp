#pragma once
// `reinforge migrate`: copies a whole store between SQLite and PostgreSQL (either way, or between
// two of one kind) with its ids, and compares every table afterwards (docs/postgresql.md,
// "Moving between stores").
#include <cstdint>
#include <memory>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "store/transfer/row_checksum.hpp"
#include "store/transfer/table_plan.hpp"
#include "store/transfer/transfer_endpoint.hpp"
#include "store/transfer/transfer_stores.hpp"

namespace reinforge::store::transfer {

// One table compared after the copy, each side read back on its own.
struct TableComparison {
  std::string table;
  int64_t source_rows = 0;
  int64_t target_rows = 0;
  std::string source_checksum;
  std::string target_checksum;
  bool matches() const { return source_rows == target_rows && source_checksum == target_checksum; }
};

// The target holds rows of its own and emptying it was not asked for.
struct TargetNotEmpty : std::runtime_error {
  TargetNotEmpty(const std::string& target, std::vector<std::string> tables);
  std::vector<std::string> tables;
};

class StoreTransfer {
 public:
  // Opens both stores with Reinforge's openers (each schema brought to this binary's version; a
  // missing SQLite source is an error, a missing target created) and plans the copy from their
  // schemas. `progress` gets a line per table.
  StoreTransfer(const StoreLocation& from, const StoreLocation& to, std::ostream& progress);
  ~StoreTransfer();

  const TransferPlan& plan() const { return plan_; }

  // Copies every row with its ids, from one snapshot of the source; then the target draws new ids
  // past the source's and its derived data (search indexes, counted sizes) is brought up to date.
  // Throws TargetNotEmpty when the target holds rows, unless `force`, which empties it first.
  // Returns what the target derived.
  std::vector<std::string> copy(bool force);

  // Reads every table back from the target and compares it with what copy() read from the source.
  std::vector<TableComparison> verify();

 private:
  StoreLocation to_;
  std::unique_ptr<TransferEndpoint> source_;
  std::unique_ptr<TransferEndpoint> target_;
  TransferPlan plan_;
  std::vector<TableChecksum> source_checksums_;  // one per plan_.tables, filled by copy()
  std::ostream& progress_;
};

}  // namespace reinforge::store::transfer
