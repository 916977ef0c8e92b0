#include "store/transfer/store_transfer.hpp"

#include <chrono>
#include <cstdio>

namespace reinforge::store::transfer {

namespace {

std::unique_ptr<TransferEndpoint> open_endpoint(const StoreLocation& location) {
  if (!location.is_postgresql()) return open_sqlite_endpoint(location.data_dir);
  return open_pg_endpoint(location.database);
}

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string seconds_text(double seconds) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f s", seconds);
  return buffer;
}

// A line on the progress stream now and then while a big table is copied.
constexpr auto kProgressEvery = std::chrono::seconds(5);

}  // namespace

TargetNotEmpty::TargetNotEmpty(const std::string& target, std::vector<std::string> tables)
    : std::runtime_error("the target " + target + " already holds data (" + joined(tables) +
                         "): migrate into an empty store, or pass --force to delete what it "
                         "holds first"),
      tables(std::move(tables)) {}

StoreTransfer::StoreTransfer(const StoreLocation& from, const StoreLocation& to,
                             std::ostream& progress)
    : to_(to), progress_(progress) {
  if (same_store(from, to))
    throw std::runtime_error("the source and the target are the same store");
  open_and_migrate(from, true);
  open_and_migrate(to, false);
  source_ = open_endpoint(from);
  target_ = open_endpoint(to);
  plan_ =
      plan_transfer(source_->schema(), source_->backend(), target_->schema(), target_->backend());
}

StoreTransfer::~StoreTransfer() = default;

std::vector<std::string> StoreTransfer::copy(bool force) {
  auto occupied = target_->tables_with_rows(plan_.tables);
  if (!occupied.empty() && !force) throw TargetNotEmpty(to_.describe(), std::move(occupied));
  target_->empty_tables(plan_.tables);

  source_checksums_.clear();
  source_->begin_reading();
  for (const auto& table : plan_.tables) {
    auto started = std::chrono::steady_clock::now();
    auto reported = started;
    TableChecksum checksum;
    source_->read_rows(table, [&](std::span<const Row> rows) {
      for (const auto& row : rows) checksum.add(row, table.columns);
      target_->write_rows(table, rows);
      if (std::chrono::steady_clock::now() - reported >= kProgressEvery) {
        reported = std::chrono::steady_clock::now();
        progress_ << "reinforge migrate: " << table.spec->name << ": " << checksum.rows()
                  << " rows so far (" << seconds_text(seconds_since(started)) << ")" << std::endl;
      }
    });
    target_->end_table(table);
    progress_ << "reinforge migrate: " << table.spec->name << ": " << checksum.rows() << " rows in "
              << seconds_text(seconds_since(started)) << std::endl;
    source_checksums_.push_back(std::move(checksum));
  }
  for (const auto& table : plan_.tables) {
    if (table.spec->drawn_id) target_->draw_ids_after(table, source_->highest_drawn_id(table));
  }
  source_->end_reading();

  auto started = std::chrono::steady_clock::now();
  auto derived = target_->finish_writing();
  progress_ << "reinforge migrate: derived data brought up to date in "
            << seconds_text(seconds_since(started)) << std::endl;
  return derived;
}

std::vector<TableComparison> StoreTransfer::verify() {
  if (source_checksums_.size() != plan_.tables.size())
    throw std::logic_error("verify() compares what copy() read: copy first");
  std::vector<TableComparison> comparisons;
  target_->begin_reading();
  for (std::size_t i = 0; i < plan_.tables.size(); ++i) {
    const auto& table = plan_.tables[i];
    TableChecksum checksum;
    target_->read_rows(table, [&](std::span<const Row> rows) {
      for (const auto& row : rows) checksum.add(row, table.columns);
    });
    comparisons.push_back({table.spec->name, source_checksums_[i].rows(), checksum.rows(),
                           source_checksums_[i].hex(), checksum.hex()});
  }
  target_->end_reading();
  return comparisons;
}

}  // namespace reinforge::store::transfer
