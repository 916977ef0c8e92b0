#pragma once
// The store suites run on both backends (docs/postgresql.md): each parameterized test names its
// backend, and opens a fresh store on it — a temporary folder for SQLite, a new database on the
// binary's throwaway PostgreSQL server.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "store/postgres/pg_store.hpp"
#include "store/store.hpp"

namespace reinforge::testing {

inline const auto kStoreBackends = ::testing::Values(std::string("sqlite"), std::string("postgresql"));

inline std::string backend_test_name(const ::testing::TestParamInfo<std::string>& info) { return info.param; }

// The main Store on `backend`: in `sqlite_dir`, or in the database `conninfo` names.
inline std::unique_ptr<store::Store> open_test_store(const std::string& backend,
                                                     const std::filesystem::path& sqlite_dir,
                                                     const std::string& conninfo) {
  if (backend == "sqlite") return store::open_sqlite_store(sqlite_dir);
  return store::postgres::open_pg_store(conninfo);
}

// A dataset for the rows of other stores to point to: both backends check their foreign keys.
inline int64_t test_dataset_id(const std::string& backend, const std::filesystem::path& sqlite_dir,
                               const std::string& conninfo, const std::string& name) {
  return open_test_store(backend, sqlite_dir, conninfo)->create_dataset(name, "").id;
}

// A record whose preview is its whole text.
inline store::NewRecord test_record(const std::string& text, bool valid = true,
                                    std::vector<std::pair<std::string, bool>> issue_codes = {}) {
  store::NewRecord record;
  record.text = text;
  record.valid = valid;
  record.issue_codes = std::move(issue_codes);
  record.content_hash = std::hash<std::string>{}(text);
  record.preview = text;
  return record;
}

}  // namespace reinforge::testing
