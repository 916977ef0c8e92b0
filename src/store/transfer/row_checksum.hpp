#pragma once
// What `reinforge migrate` compares between the source and the target: for each table, its rows
// and a checksum over every copied value, read back from each side and rendered the same way
// whichever backend it came from (canonical_value below).
//
// The checksum is the sum, modulo 2^256, of each row's SHA-256: it does not depend on the order
// rows are read in. The backends order text keys differently (SQLite by bytes, PostgreSQL by the
// database's collation), and a sum needs neither side to sort like the other; a changed, missing
// or extra row changes it all the same.
#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>

#include "store/transfer/table_plan.hpp"
#include "store/transfer/transfer_row.hpp"

namespace reinforge::store::transfer {

// Appends `value`'s canonical bytes to `out`, a tag and the value: NULL and "" differ, a boolean
// is the integer 0 or 1 on both sides, a double its shortest exact decimal, a histogram its
// (bucket, count) pairs. Text of a typed column (ColumnKind::text) is what PostgreSQL can hold:
// U+FFFD for each byte of invalid UTF-8 or NUL (docs/postgresql.md), as PgCopyRows stores it,
// so a SQLite source holding such bytes compares equal to the PostgreSQL copy of it.
void append_canonical_value(std::string& out, const Value& value, ColumnKind kind);

class TableChecksum {
 public:
  TableChecksum();
  ~TableChecksum();
  TableChecksum(TableChecksum&&) noexcept;
  TableChecksum& operator=(TableChecksum&&) noexcept;

  void add(const Row& row, std::span<const ColumnPlan> columns);
  int64_t rows() const { return rows_; }
  std::string hex() const;  // 64 hex digits
  bool operator==(const TableChecksum& other) const {
    return rows_ == other.rows_ && sum_ == other.sum_;
  }

 private:
  struct Hasher;
  std::array<uint64_t, 4> sum_{};  // most significant word first
  int64_t rows_ = 0;
  std::string canonical_;  // reused from row to row
  std::unique_ptr<Hasher> hasher_;
};

}  // namespace reinforge::store::transfer
