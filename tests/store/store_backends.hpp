#pragma once
// The store suites run on both backends (docs/postgresql.md): each parameterized test names its
// backend, and opens a fresh store on it — a temporary folder for SQLite, a new database on the
// binary's throwaway PostgreSQL server.
#include <gtest/gtest.h>

#include <string>

namespace reinforge::testing {

inline const auto kStoreBackends = ::testing::Values(std::string("sqlite"), std::string("postgresql"));

inline std::string backend_test_name(const ::testing::TestParamInfo<std::string>& info) { return info.param; }

}  // namespace reinforge::testing
