#pragma once
#include <memory>
#include <string>

#include "store/trace_store.hpp"

namespace reinforge::store::postgres {

// TraceStore on PostgreSQL (docs/postgresql.md): `conninfo` a postgresql:// URL or key=value
// words; applies migrations when needed.
std::unique_ptr<TraceStore> open_pg_trace_store(const std::string& conninfo);

}  // namespace reinforge::store::postgres
