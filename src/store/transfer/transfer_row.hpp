#pragma once
// A row on its way from one store to the other: each value in the form both backends can write,
// whatever the source stored it as.
#include <cstddef>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "store/latency_histogram.hpp"

namespace reinforge::store::transfer {

// How a copied column's values are read, written and compared. Taken from PostgreSQL's column
// type when PostgreSQL is either side (SQLite's declared types are loose: records.topic is
// declared INTEGER and holds "t3.2"); between two SQLite stores every value is copied as stored.
enum class ColumnKind {
  integer,
  real,
  text,
  boolean,            // SQLite's 0/1, PostgreSQL's BOOLEAN; carried as the integer 0 or 1
  latency_histogram,  // SQLite's encoded BLOB, PostgreSQL's bigint[]; carried decoded
  as_stored,          // SQLite to SQLite: whatever the value is stored as
};

struct Blob {
  std::string bytes;
  bool operator==(const Blob&) const = default;
};

using Value = std::variant<std::nullptr_t, int64_t, double, std::string, Blob, LatencyHistogram>;
using Row = std::vector<Value>;

// Rows are handed from reader to writer in batches of at most this many rows or bytes of text, so
// memory stays flat whatever a table's size.
inline constexpr std::size_t kBatchRows = 5000;
inline constexpr std::size_t kBatchBytes = 16 << 20;

}  // namespace reinforge::store::transfer
