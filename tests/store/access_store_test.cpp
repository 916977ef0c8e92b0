// AccessStore on both backends: the same behaviour from SQLite and PostgreSQL.
#include "store/access_store.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "store/postgres/pg_access_store.hpp"
#include "store/postgres/pg_connection.hpp"
#include "store/postgres/pg_copy_feed.hpp"
#include "store/postgres/pg_migrations.hpp"
#include "store_backends.hpp"
#include "support/postgres_server.hpp"
#include "support/temp_dir.hpp"

namespace reinforge::store {
namespace {

class AccessStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgresql")
      conninfo_ = reinforge::testing::shared_postgres_server().create_database();
    users = open();
  }
  // Another handle on the same store, as a second instance would have.
  std::unique_ptr<AccessStore> open() {
    if (GetParam() == "sqlite") return open_sqlite_access_store(temp_.path());
    return postgres::open_pg_access_store(conninfo_);
  }

  reinforge::testing::TempDir temp_;
  std::string conninfo_;
  std::unique_ptr<AccessStore> users;
};

TEST_P(AccessStoreTest, NamesAreUniqueWithoutRegardToCaseAndIdsAreNotReused) {
  auto ana = users->create_user("Ana", "editor", "hash");
  EXPECT_THROW(users->create_user("ana", "viewer", "x"), ConflictError);
  EXPECT_EQ(users->find_user_by_name("ANA")->id, ana.id);
  EXPECT_EQ(users->find_user(ana.id)->role, "editor");
  EXPECT_EQ(users->count_users(), 1);
  users->create_user("root", "admin", "");
  ASSERT_TRUE(users->remove_user(ana.id));
  auto next = users->create_user("bob", "viewer", "");
  EXPECT_GT(next.id, ana.id + 1) << "a removed user's id names them in the audit log forever";
  EXPECT_FALSE(users->find_user(ana.id));
  EXPECT_FALSE(users->remove_user(ana.id));
}

TEST_P(AccessStoreTest, ListsUsersByNameWithTheirLiveSessionsAndTokens) {
  auto bob = users->create_user("bob", "viewer", "");
  users->create_user("Ana", "admin", "");
  users->create_session({"live", bob.id, "csrf", 100, 100, 1000, "10.0.0.1"});
  users->create_session({"ended", bob.id, "csrf", 100, 100, 150, "10.0.0.1"});
  users->create_token({0, bob.id, "ci", "rf_pat_1234", "sha-a", 100, std::nullopt});
  auto listed = users->list_users(200);
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].name, "Ana");
  EXPECT_EQ(listed[1].sessions, 1);
  EXPECT_EQ(listed[1].tokens, 1);
  EXPECT_EQ(listed[1].last_sign_in_at, 100);
}

TEST_P(AccessStoreTest, TheLastAdminStaysEvenWhenTwoAreDemotedAtOnce) {
  auto first = users->create_user("first", "admin", "");
  auto second = users->create_user("second", "admin", "");
  auto other = open();
  std::atomic<int> refused{0};
  std::thread a([&] {
    try {
      users->set_role(first.id, "viewer");
    } catch (const LastAdminError&) {
      ++refused;
    }
  });
  std::thread b([&] {
    try {
      other->set_role(second.id, "viewer");
    } catch (const LastAdminError&) {
      ++refused;
    }
  });
  a.join();
  b.join();
  EXPECT_EQ(refused, 1);
  int admins = 0;
  for (const auto& user : users->list_users(0)) admins += user.role == "admin";
  EXPECT_EQ(admins, 1);
}

TEST_P(AccessStoreTest, SessionsAreFoundTouchedAndEnded) {
  auto ana = users->create_user("ana", "editor", "");
  users->create_session({"one", ana.id, "csrf-1", 100, 100, 1000, "10.0.0.1"});
  users->create_session({"two", ana.id, "csrf-2", 100, 100, 1000, "10.0.0.2"});
  users->create_session({"old", ana.id, "csrf-3", 10, 10, 50, ""});
  auto found = users->find_session("one");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->csrf_token, "csrf-1");
  EXPECT_EQ(found->remote_address, "10.0.0.1");
  users->touch_session("one", 500, 2000);
  EXPECT_EQ(users->find_session("one")->expires_at, 2000);
  EXPECT_EQ(users->find_session("one")->last_seen_at, 500);
  EXPECT_EQ(users->delete_expired_sessions(60), 1);
  users->delete_session("two");
  EXPECT_FALSE(users->find_session("two"));
  EXPECT_TRUE(users->find_session("one"));
}

TEST_P(AccessStoreTest, APasswordChangeKeepsOneSessionAndAResetAlsoEndsTokens) {
  auto ana = users->create_user("ana", "editor", "old");
  users->create_session({"keep", ana.id, "c", 1, 1, 1000, ""});
  users->create_session({"lose", ana.id, "c", 1, 1, 1000, ""});
  users->create_token({0, ana.id, "ci", "rf_pat_1", "sha-1", 1, std::nullopt});
  ASSERT_TRUE(users->set_password(ana.id, "new", "keep", false));
  EXPECT_EQ(users->find_user(ana.id)->password_hash, "new");
  EXPECT_TRUE(users->find_session("keep"));
  EXPECT_FALSE(users->find_session("lose"));
  EXPECT_TRUE(users->find_token("sha-1"));
  ASSERT_TRUE(users->set_password(ana.id, "newer", "", true));
  EXPECT_FALSE(users->find_session("keep"));
  EXPECT_FALSE(users->find_token("sha-1"));
  EXPECT_FALSE(users->set_password(ana.id + 100, "x", "", false));

  users->create_session({"again", ana.id, "c", 1, 1, 1000, ""});
  users->create_token({0, ana.id, "ci", "rf_pat_2", "sha-2", 1, std::nullopt});
  EXPECT_EQ(users->sign_out_everywhere(ana.id), 2);
  EXPECT_FALSE(users->find_session("again"));
  EXPECT_FALSE(users->find_token("sha-2"));
}

TEST_P(AccessStoreTest, TokensAreListedNewestFirstTouchedAndDeletedOnlyByTheirOwner) {
  auto ana = users->create_user("ana", "editor", "");
  auto bob = users->create_user("bob", "editor", "");
  auto first = users->create_token({0, ana.id, "first", "rf_pat_a", "sha-a", 10, std::nullopt});
  auto second = users->create_token({0, ana.id, "second", "rf_pat_b", "sha-b", 20, std::nullopt});
  auto listed = users->list_tokens(ana.id);
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].id, second.id);
  users->touch_token(first.id, 99);
  EXPECT_EQ(users->find_token("sha-a")->last_used_at, 99);
  EXPECT_FALSE(users->delete_token(first.id, bob.id));
  EXPECT_TRUE(users->delete_token(first.id, ana.id));
  EXPECT_FALSE(users->find_token("sha-a"));
}

TEST_P(AccessStoreTest, TheAuditLogPagesNewestFirstFiltersAndExportsOldestFirst) {
  for (int i = 0; i < 2500; ++i) {
    AuditEntry entry;
    entry.at = 1000 + i;
    entry.user_id = i % 2 ? std::optional<int64_t>(7) : std::nullopt;
    entry.user_name = i % 2 ? "Ana" : "admin token";
    entry.via = i % 2 ? "session" : "admin_token";
    entry.action = i % 3 ? "record.edit" : "dataset.create";
    entry.method = "POST";
    entry.path = "/api/datasets";
    entry.status = 201;
    entry.target_json = R"({"id":"3"})";
    users->append_audit(entry);
  }
  AuditFilter filter;
  filter.user_name = "ana";
  filter.limit = 10;
  auto page = users->list_audit(filter);
  ASSERT_EQ(page.size(), 10u);
  EXPECT_EQ(page[0].at, 1000 + 2499);
  EXPECT_EQ(page[0].user_id, 7);
  EXPECT_EQ(page[0].target_json, R"({"id":"3"})");
  filter.before_id = page.back().id;
  auto next = users->list_audit(filter);
  EXPECT_LT(next[0].id, page.back().id);
  EXPECT_EQ(next[0].user_name, "Ana");

  AuditFilter by_action;
  by_action.action = "dataset.create";
  int64_t exported = 0, last_id = 0;
  bool ordered = true;
  users->for_each_audit(by_action, [&](const AuditEntry& entry) {
    ordered = ordered && entry.id > last_id && entry.action == "dataset.create";
    last_id = entry.id;
    ++exported;
    return true;
  });
  EXPECT_EQ(exported, 834);
  EXPECT_TRUE(ordered);
  EXPECT_EQ(users->audit_actions(), (std::vector<std::string>{"dataset.create", "record.edit"}));
}

TEST_P(AccessStoreTest, SignInFailuresAreReadNewestFirstPerKeyClearedAndPrunedOldestFirst) {
  using Kind = SignInKeyKind;
  auto other = open();  // written on one instance, read on another
  int64_t first = users->add_sign_in_failure({Kind::name, "ana"}, 1000);
  users->add_sign_in_failure({Kind::name, "ana"}, 3000);
  int64_t middle = other->add_sign_in_failure({Kind::name, "ana"}, 2000);
  users->add_sign_in_failure({Kind::address, "ana"}, 2500);  // another kind, the same text
  users->add_sign_in_failure({Kind::name, "bob"}, 2600);
  auto recent = other->recent_sign_in_failures({Kind::name, "ana"}, 1000, 10);
  ASSERT_EQ(recent.size(), 2u) << "only later than the given time";
  EXPECT_EQ(recent[0].at_ms, 3000);
  EXPECT_EQ(recent[1].id, middle);
  EXPECT_EQ(users->recent_sign_in_failures({Kind::name, "ana"}, 0, 2).size(), 2u);
  EXPECT_EQ(users->recent_sign_in_failures({Kind::name, "ana"}, 0, 10).back().id, first);

  other->delete_sign_in_failure(middle);
  EXPECT_EQ(users->recent_sign_in_failures({Kind::name, "ana"}, 0, 10).size(), 2u);
  users->clear_sign_in_failures({Kind::name, "ana"});
  EXPECT_TRUE(users->recent_sign_in_failures({Kind::name, "ana"}, 0, 10).empty());
  EXPECT_EQ(users->recent_sign_in_failures({Kind::address, "ana"}, 0, 10).size(), 1u);

  for (int n = 0; n < 5; ++n) users->add_sign_in_failure({Kind::address, "10.0.0.1"}, 100 + n);
  EXPECT_EQ(other->prune_sign_in_failures(2500, 3), 3) << "at most the given number";
  EXPECT_EQ(users->recent_sign_in_failures({Kind::address, "10.0.0.1"}, 0, 10).back().at_ms, 103)
      << "the oldest go first";
  EXPECT_EQ(other->prune_sign_in_failures(2500, 100), 3);  // 103, 104 and 2500
  EXPECT_EQ(users->recent_sign_in_failures({Kind::name, "bob"}, 0, 10).size(), 1u);
}

TEST_P(AccessStoreTest, TwoInstancesOpeningTogetherMigrateOnce) {
  std::vector<std::thread> starting;
  std::atomic<int> failed{0};
  for (int i = 0; i < 4; ++i) {
    starting.emplace_back([&] {
      try {
        open()->count_users();
      } catch (const std::exception&) {
        ++failed;
      }
    });
  }
  for (auto& thread : starting) thread.join();
  EXPECT_EQ(failed, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, AccessStoreTest, reinforge::testing::kStoreBackends,
                         reinforge::testing::backend_test_name);

TEST(PostgresSchema, ADatabaseFromANewerVersionIsRefused) {
  auto conninfo = reinforge::testing::shared_postgres_server().create_database();
  postgres::PgConnection connection(conninfo);
  postgres::apply_pg_migrations(connection);
  connection.exec("INSERT INTO reinforge_schema (version) VALUES ($1)",
                  {postgres::latest_pg_schema_version() + 1});
  try {
    postgres::open_pg_access_store(conninfo);
    FAIL() << "a newer schema was accepted";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("newer than this Reinforge knows"), std::string::npos)
        << error.what();
  }
}

TEST(PostgresConnection, AnUnreachableServerIsAClearError) {
  try {
    postgres::PgConnection connection(
        "host=/nonexistent-folder user=nobody dbname=none connect_timeout=2");
    FAIL() << "connected to nothing";
  } catch (const postgres::PgUnavailable& error) {
    // Unavailable, not just an error: the API answers 503 and the trace writer waits for it.
    EXPECT_NE(std::string(error.what()).find("cannot connect to PostgreSQL"), std::string::npos);
  }
}

// A COPY fed in parts stores every row; one left halfway (the writer threw while formatting)
// stores none and leaves the connection usable for the next batch.
TEST(PostgresCopyFeed, StoresEveryPartAndAnAbandonedOneLeavesTheConnectionUsable) {
  postgres::PgConnection connection(reinforge::testing::shared_postgres_server().create_database());
  connection.execute_script("CREATE TABLE fed (n BIGINT, body TEXT)");
  const std::string body(1000, 'b');  // enough rows to pass kCopyPartBytes several times
  auto feed_rows = [&](postgres::PgCopyFeed& feed, int count) {
    for (int n = 0; n < count; ++n) {
      feed.rows().integer(n);
      feed.rows().text(body);
      feed.rows().end_row();
      feed.row_written();
    }
  };
  {
    postgres::PgTransaction transaction(connection);
    postgres::PgCopyFeed feed(connection, "COPY fed (n, body) FROM STDIN");
    feed_rows(feed, 1000);
    EXPECT_EQ(feed.finish(), 1000);
    transaction.commit();
  }
  try {
    postgres::PgTransaction transaction(connection);
    postgres::PgCopyFeed feed(connection, "COPY fed (n, body) FROM STDIN");
    feed_rows(feed, 600);
    throw std::runtime_error("formatting failed");
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(connection.exec("SELECT count(*) FROM fed").int_at(0, 0), 1000);
}

}  // namespace
}  // namespace reinforge::store
