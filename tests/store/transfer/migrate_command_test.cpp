// `reinforge migrate` as a person runs it: the real binary, its table and its exit codes.
#include <gtest/gtest.h>

#include "support/command_run.hpp"
#include "support/postgres_server.hpp"
#include "support/temp_dir.hpp"
#include "transfer/filled_store.hpp"

namespace reinforge::testing {
namespace {

std::string shell_quoted(const std::string& text) {
  return "'" + text + "'";
}

TEST(MigrateCommandTest, copies_compares_and_refuses_a_full_target_without_force) {
  TempDir source, back;
  fill_every_kind(source.path());
  auto conninfo = shared_postgres_server().create_database();
  auto to_postgres = "migrate --from " + source.path().string() + " --to " + shell_quoted(conninfo);

  auto run = run_reinforge(to_postgres, true);
  EXPECT_EQ(run.status, 0) << run.output;
  EXPECT_NE(run.output.find("records                             4  ok"), std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("All 29 tables match"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("reinforge migrate: traces: 40 rows in"), std::string::npos)
      << run.output;

  run = run_reinforge(to_postgres, true);
  EXPECT_EQ(run.status, 2) << run.output;
  EXPECT_NE(run.output.find("already holds data (settings, users"), std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("--force"), std::string::npos);

  run = run_reinforge(to_postgres + " --force", true);
  EXPECT_EQ(run.status, 0) << run.output;

  // The same database written another way is still the same store: refused before --force
  // deletes anything (it emptied the source and then found both sides equal).
  std::string written_otherwise =
      conninfo + (conninfo.rfind("postgres", 0) == 0
                      ? (conninfo.find('?') == std::string::npos ? "?" : "&") +
                            std::string("application_name=other")
                      : std::string(" application_name=other"));
  run = run_reinforge("migrate --from " + shell_quoted(conninfo) + " --to " +
                          shell_quoted(written_otherwise) + " --force",
                      true);
  EXPECT_EQ(run.status, 2) << run.output;
  EXPECT_NE(run.output.find("the source and the target are the same store"), std::string::npos)
      << run.output;

  run = run_reinforge(
      "migrate --from " + shell_quoted(conninfo) + " --to " + (back.path() / "data").string(),
      false);
  EXPECT_EQ(run.status, 0) << run.output;
  EXPECT_EQ(store_answers(sqlite_location(back.path() / "data")),
            store_answers(sqlite_location(source.path())));
}

TEST(MigrateCommandTest, says_what_is_wrong_with_its_arguments) {
  TempDir empty;
  auto run = run_reinforge("migrate --to " + empty.path().string(), true);
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.output.find("--from is required"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("usage: reinforge migrate --from SRC --to DST [--force]"),
            std::string::npos);
  run = run_reinforge(
      "migrate --from " + (empty.path() / "none").string() + " --to " + shell_quoted("dbname=x"),
      true);
  EXPECT_EQ(run.status, 2);
  EXPECT_NE(run.output.find("no Reinforge store in"), std::string::npos) << run.output;
}

}  // namespace
}  // namespace reinforge::testing
