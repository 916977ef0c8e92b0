#include "access/access_control.hpp"

#include <gtest/gtest.h>

#include "access/passwords.hpp"
#include "support/temp_dir.hpp"
#include "util/clock.hpp"
#include "util/secure_token.hpp"

namespace reinforge::access {
namespace {

class AccessControlTest : public ::testing::Test {
 protected:
  reinforge::testing::TempDir temp;
  std::unique_ptr<store::AccessStore> users = store::open_sqlite_access_store(temp.path());
  AccessControl access{*users, util::sha256_hex("the-admin-token")};

  static http::Request request(std::string method, std::map<std::string, std::string> headers) {
    http::Request request;
    request.method = std::move(method);
    request.path = "/api/datasets";
    request.headers.insert(headers.begin(), headers.end());
    request.remote_address = "10.1.2.3";
    return request;
  }

  // Signs `name` in and returns the Cookie header its browser would send.
  std::pair<std::string, std::string> sign_in(const std::string& name, const std::string& password) {
    auto signed_in = access.sign_in(name, password, request("POST", {}));
    auto cookie = signed_in.set_cookie.substr(0, signed_in.set_cookie.find(';'));
    return {cookie, signed_in.principal.csrf_token};
  }
};

TEST_F(AccessControlTest, TheAdminTokenIsAnAdminAndAWrongBearerIsNobodyEvenWithAValidCookie) {
  users->create_user("ana", "editor", hash_password("ana's password"));
  auto [cookie, csrf] = sign_in("ana", "ana's password");

  auto admin = access.identify(request("GET", {{"authorization", "Bearer the-admin-token"}}));
  ASSERT_TRUE(admin);
  EXPECT_EQ(admin->role, "admin");
  EXPECT_EQ(admin->via, "admin_token");
  EXPECT_FALSE(admin->user_id);

  EXPECT_FALSE(access.identify(request("GET", {{"authorization", "Bearer wrong"}, {"cookie", cookie}})));
  auto by_cookie = access.identify(request("GET", {{"cookie", "theme=dark; " + cookie}}));
  ASSERT_TRUE(by_cookie);
  EXPECT_EQ(by_cookie->name, "ana");
  EXPECT_EQ(by_cookie->via, "session");
}

TEST_F(AccessControlTest, AnExpiredSessionIsNobodyAndIsDeleted) {
  auto user = users->create_user("ana", "editor", hash_password("ana's password"));
  int64_t now = util::now_unix_seconds();
  store::UserSession old;
  old.secret_sha256 = util::sha256_hex("old-secret");
  old.user_id = user.id;
  old.csrf_token = "csrf";
  old.created_at = now - 100000;
  old.last_seen_at = now - 50000;
  old.expires_at = now - 1;
  users->create_session(old);

  EXPECT_FALSE(access.identify(request("GET", {{"cookie", "reinforge_session=old-secret"}})));
  EXPECT_FALSE(users->find_session(old.secret_sha256));
}

TEST_F(AccessControlTest, UseExtendsASessionButNeverPastItsAbsoluteLimit) {
  auto user = users->create_user("ana", "editor", "");
  int64_t now = util::now_unix_seconds();
  store::UserSession session;
  session.secret_sha256 = util::sha256_hex("secret");
  session.user_id = user.id;
  session.csrf_token = "csrf";
  session.created_at = now - (7 * 24 * 3600 - 3600);  // one hour before its absolute end
  session.last_seen_at = now - 120;
  session.expires_at = now + 60;
  users->create_session(session);

  auto who = access.identify(request("GET", {{"cookie", "reinforge_session=secret"}}));
  ASSERT_TRUE(who);
  EXPECT_EQ(who->session_expires_at, session.created_at + 7 * 24 * 3600);
  EXPECT_EQ(users->find_session(session.secret_sha256)->expires_at, session.created_at + 7 * 24 * 3600);
}

TEST_F(AccessControlTest, ARoleChangeTakesEffectOnTheNextRequest) {
  auto user = users->create_user("ana", "editor", hash_password("ana's password"));
  auto [cookie, csrf] = sign_in("ana", "ana's password");
  auto post = request("POST", {{"cookie", cookie}, {"x-csrf-token", csrf}});
  EXPECT_FALSE(access.admit(post, "/api/datasets"));

  users->set_role(user.id, "viewer");
  auto again = request("POST", {{"cookie", cookie}, {"x-csrf-token", csrf}});
  auto refusal = access.admit(again, "/api/datasets");
  ASSERT_TRUE(refusal);
  EXPECT_EQ(refusal->status, 403);
  EXPECT_NE(refusal->body.find("Your role (viewer) cannot do this: it needs editor."), std::string::npos);
}

TEST_F(AccessControlTest, ACookieSessionNeedsItsCsrfTokenToChangeAnythingAndABearerTokenDoesNot) {
  users->create_user("ana", "editor", hash_password("ana's password"));
  auto [cookie, csrf] = sign_in("ana", "ana's password");

  auto read = request("GET", {{"cookie", cookie}});
  EXPECT_FALSE(access.admit(read, "/api/datasets"));
  for (auto sent : {std::string(), std::string("wrong"), csrf.substr(1)}) {
    std::map<std::string, std::string> headers{{"cookie", cookie}};
    if (!sent.empty()) headers["x-csrf-token"] = sent;
    auto change = request("POST", headers);
    auto refusal = access.admit(change, "/api/datasets");
    ASSERT_TRUE(refusal) << "csrf '" << sent << "'";
    EXPECT_EQ(refusal->status, 403);
    EXPECT_NE(refusal->body.find("csrf_failed"), std::string::npos);
  }
  auto by_token = request("POST", {{"authorization", "Bearer the-admin-token"}});
  EXPECT_FALSE(access.admit(by_token, "/api/datasets"));
}

TEST_F(AccessControlTest, EveryChangeIsAuditedWithWhoWhatAndTheTargetAndReadsAreNot) {
  users->create_user("ana", "editor", hash_password("ana's password"));
  auto [cookie, csrf] = sign_in("ana", "ana's password");
  auto change = request("DELETE", {{"cookie", cookie}, {"x-csrf-token", csrf}});
  change.path = "/api/datasets/7/records/12";
  change.path_params = {{"id", "7"}, {"rid", "12"}};
  ASSERT_FALSE(access.admit(change, "/api/datasets/:id/records/:rid"));
  access.record(change, "/api/datasets/:id/records/:rid", http::Response::no_content());
  auto read = request("GET", {{"cookie", cookie}});
  ASSERT_FALSE(access.admit(read, "/api/datasets"));
  access.record(read, "/api/datasets", http::Response::json(200, "{}"));

  auto entries = users->list_audit({});
  ASSERT_EQ(entries.size(), 2u);  // the sign-in and the delete
  EXPECT_EQ(entries[0].action, "record.delete");
  EXPECT_EQ(entries[0].user_name, "ana");
  EXPECT_EQ(entries[0].via, "session");
  EXPECT_EQ(entries[0].status, 204);
  EXPECT_EQ(entries[0].target_json, R"({"id":"7","rid":"12"})");
  EXPECT_EQ(entries[0].remote_address, "10.1.2.3");
  EXPECT_EQ(entries[1].action, "auth.sign_in");
}

TEST_F(AccessControlTest, AWrongPasswordAndAnUnknownNameGetTheSameAnswerAndAreAudited) {
  users->create_user("ana", "editor", hash_password("ana's password"));
  auto answer = [&](const std::string& name, const std::string& password) {
    try {
      access.sign_in(name, password, request("POST", {}));
    } catch (const http::HttpError& error) {
      return std::to_string(error.status) + " " + error.code + " " + error.what();
    }
    return std::string("signed in");
  };
  EXPECT_EQ(answer("ana", "not her password"), "401 invalid_credentials Wrong name or password.");
  EXPECT_EQ(answer("nobody", "not her password"), "401 invalid_credentials Wrong name or password.");
  auto entries = users->list_audit({});
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].user_name, "(unknown name)") << "a typed name may be a password: not kept";
  EXPECT_EQ(entries[0].status, 401);
  EXPECT_EQ(entries[1].user_name, "ana");
}

TEST_F(AccessControlTest, TheLastAdminCannotBeDemotedOrRemoved) {
  auto admin = users->create_user("root", "admin", "");
  auto other = users->create_user("ana", "editor", "");
  EXPECT_THROW(users->set_role(admin.id, "editor"), store::LastAdminError);
  EXPECT_THROW(users->remove_user(admin.id), store::LastAdminError);
  users->set_role(other.id, "admin");
  EXPECT_NO_THROW(users->set_role(admin.id, "viewer"));
  EXPECT_THROW(users->remove_user(other.id), store::LastAdminError);
}

TEST(CookieValue, FindsTheNamedCookieAmongOthers) {
  EXPECT_EQ(cookie_value("a=1; reinforge_session=xyz; b=2", "reinforge_session"), "xyz");
  EXPECT_EQ(cookie_value("reinforge_session=xyz", "reinforge_session"), "xyz");
  EXPECT_FALSE(cookie_value("my_reinforge_session=xyz", "reinforge_session"));
  EXPECT_FALSE(cookie_value("", "reinforge_session"));
}

}  // namespace
}  // namespace reinforge::access
