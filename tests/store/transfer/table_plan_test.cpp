#include "store/transfer/table_plan.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "store/postgres/pg_store.hpp"
#include "store/store.hpp"
#include "store/transfer/transfer_endpoint.hpp"
#include "store/transfer/transfer_stores.hpp"
#include "support/postgres_server.hpp"
#include "support/temp_dir.hpp"

namespace reinforge::store::transfer {
namespace {

// A schema holding every listed table with just an id, for the table under test to replace.
Schema every_table(const std::string& id_type) {
  Schema schema;
  for (const auto& spec : transfer_tables()) {
    auto& columns = schema[spec.name];
    for (const char* key : spec.key) columns.push_back({key, id_type});
  }
  return schema;
}

const TablePlan& plan_of(const TransferPlan& plan, const std::string& table) {
  return *std::find_if(plan.tables.begin(), plan.tables.end(),
                       [&](const TablePlan& t) { return t.spec->name == table; });
}

TEST(TablePlanTest, copies_the_columns_both_sides_have_with_postgresqls_kinds) {
  auto sqlite = every_table("integer");
  auto postgresql = every_table("bigint");
  sqlite["jobs"] = {{"id", "integer"},
                    {"state", "text"},
                    {"cancel_requested", "integer"},
                    {"lease_owner", "text"},
                    {"old_column", "text"}};
  postgresql["jobs"] = {{"id", "bigint"},
                        {"state", "text"},
                        {"cancel_requested", "boolean"},
                        {"lease_owner", "text"},
                        {"new_column", "integer"}};
  postgresql["records"] = {
      {"id", "bigint"}, {"search", "tsvector", true}, {"confidence", "double precision"}};
  sqlite["records"] = {{"id", "integer"}, {"confidence", "real"}};
  postgresql["trace_rollups_daily"].push_back({"latency_histogram", "array"});
  sqlite["trace_rollups_daily"].push_back({"latency_histogram", "blob"});

  for (bool to_postgresql : {true, false}) {
    auto plan = to_postgresql
                    ? plan_transfer(sqlite, Backend::sqlite, postgresql, Backend::postgresql)
                    : plan_transfer(postgresql, Backend::postgresql, sqlite, Backend::sqlite);
    const auto& jobs = plan_of(plan, "jobs").columns;
    ASSERT_EQ(jobs.size(), 4u);
    EXPECT_EQ(jobs[0].kind, ColumnKind::integer);
    EXPECT_EQ(jobs[1].kind, ColumnKind::text);
    EXPECT_EQ(jobs[2].name, "cancel_requested");
    EXPECT_EQ(jobs[2].kind, ColumnKind::boolean);
    EXPECT_EQ(jobs[3].name, "lease_owner");
    const auto& records = plan_of(plan, "records").columns;
    ASSERT_EQ(records.size(), 2u);
    EXPECT_EQ(records[1].kind, ColumnKind::real);
    EXPECT_EQ(plan_of(plan, "trace_rollups_daily").columns.back().kind,
              ColumnKind::latency_histogram);
    // One-sided columns are said.
    ASSERT_EQ(plan.notes.size(), 2u);
    EXPECT_NE(plan.notes[0].find("only in the source"), std::string::npos);
    EXPECT_NE(plan.notes[1].find("only in the target"), std::string::npos);
  }
}

TEST(TablePlanTest, copies_values_as_stored_between_two_sqlite_stores) {
  auto sqlite = every_table("integer");
  auto plan = plan_transfer(sqlite, Backend::sqlite, sqlite, Backend::sqlite);
  EXPECT_EQ(plan.tables.size(), transfer_tables().size());
  EXPECT_EQ(plan_of(plan, "records").columns.at(0).kind, ColumnKind::as_stored);
  EXPECT_TRUE(plan.notes.empty());
}

TEST(TablePlanTest, refuses_a_store_without_a_listed_table_and_notes_unknown_ones) {
  auto sqlite = every_table("integer");
  auto postgresql = every_table("bigint");
  sqlite["my_notes"] = {{"id", "integer"}};
  sqlite["records_fts_data"] = {{"id", "integer"}};
  auto plan = plan_transfer(sqlite, Backend::sqlite, postgresql, Backend::postgresql);
  EXPECT_EQ(plan.notes,
            std::vector<std::string>{"table my_notes is not a Reinforge table: not copied"});
  postgresql.erase("traces");
  EXPECT_THROW(plan_transfer(sqlite, Backend::sqlite, postgresql, Backend::postgresql),
               std::runtime_error);
  postgresql = every_table("bigint");
  postgresql["records"].push_back({"text", "tsvector"});
  sqlite["records"].push_back({"text", "text"});
  EXPECT_THROW(plan_transfer(sqlite, Backend::sqlite, postgresql, Backend::postgresql),
               std::runtime_error);
}

// The guard for future migrations: a table or column added to one backend's schema and not the
// other's (or not to the table list) shows up here.
TEST(TablePlanTest, both_backends_current_schemas_are_covered_column_for_column) {
  reinforge::testing::TempDir dir;
  open_sqlite_store(dir.path());
  auto conninfo = reinforge::testing::shared_postgres_server().create_database();
  open_and_migrate(parse_store_location(conninfo), false);
  auto sqlite = open_sqlite_endpoint(dir.path())->schema();
  auto postgresql = open_pg_endpoint(conninfo)->schema();
  for (const auto& [source, source_backend, target, target_backend] :
       {std::tuple(&sqlite, Backend::sqlite, &postgresql, Backend::postgresql),
        std::tuple(&postgresql, Backend::postgresql, &sqlite, Backend::sqlite)}) {
    auto plan = plan_transfer(*source, source_backend, *target, target_backend);
    EXPECT_EQ(plan.notes, std::vector<std::string>{});
    for (const auto& [name, columns] : *target) {
      bool copied = std::any_of(transfer_tables().begin(), transfer_tables().end(),
                                [&](const TableSpec& spec) { return name == spec.name; });
      EXPECT_TRUE(copied || is_derived_table(target_backend, name)) << name;
    }
  }
}

}  // namespace
}  // namespace reinforge::store::transfer
