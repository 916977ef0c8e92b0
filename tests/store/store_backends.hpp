#pragma once
// The store suites run on both backends (docs/postgresql.md): each parameterized test names its
// backend, and opens a fresh store on it — a temporary folder for SQLite, a new database on the
// binary's throwaway PostgreSQL server.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <string>

#include "store/store.hpp"

namespace reinforge::testing {

inline const auto kStoreBackends = ::testing::Values(std::string("sqlite"), std::string("postgresql"));

inline std::string backend_test_name(const ::testing::TestParamInfo<std::string>& info) { return info.param; }

// A dataset for the rows of other stores to point to. SQLite enforces their foreign keys, so it
// gets a real one in `sqlite_dir`; PostgreSQL has no datasets table until that store is ported
// (its port adds the foreign keys), so any new id does there.
inline int64_t test_dataset_id(const std::string& backend, const std::filesystem::path& sqlite_dir,
                               const std::string& name) {
  static int64_t next_postgres_id = 100;
  if (backend != "sqlite") return ++next_postgres_id;
  return store::open_sqlite_store(sqlite_dir)->create_dataset(name, "").id;
}

}  // namespace reinforge::testing
