// Team access through the real server over HTTP (docs/access.md): sign-in and sign-out,
// cookies, CSRF, rate limiting, revocation, personal tokens, users and the audit log.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "api/api_test_fixture.hpp"
#include "support/command_run.hpp"

namespace reinforge::testing {
namespace {

using nlohmann::json;

// A browser's view of one signed-in user: the session cookie and its CSRF token.
class Browser {
 public:
  explicit Browser(std::string base_url) : http_(std::move(base_url)) {}

  HttpResult sign_in(const std::string& name, const std::string& password) {
    auto result = http_.request("POST", "/api/auth/sign-in", json{{"name", name}, {"password", password}}.dump(),
                                "application/json");
    if (result.status == 200) {
      auto set_cookie = result.headers["set-cookie"];
      cookie_ = set_cookie.substr(0, set_cookie.find(';'));
      csrf_ = json::parse(result.body)["csrf_token"].get<std::string>();
    }
    return result;
  }
  HttpResult call(const std::string& method, const std::string& path, const std::string& body = "",
                  bool with_csrf = true) const {
    std::map<std::string, std::string> headers{{"Cookie", cookie_}};
    if (with_csrf) headers["X-CSRF-Token"] = csrf_;
    return http_.request(method, path, body, body.empty() ? "" : "application/json", "", headers);
  }

 private:
  HttpClient http_;
  std::string cookie_;
  std::string csrf_;
};

class AccessApiTest : public ApiTest {
 protected:
  int64_t add_user(const std::string& name, const std::string& role, const std::string& password) {
    auto result = client->post("/api/users", json{{"name", name}, {"role", role}, {"password", password}}.dump());
    EXPECT_EQ(result.status, 201) << result.body;
    return json_of(result)["id"].get<int64_t>();
  }
  std::vector<std::string> audit_actions_of(const std::string& user) {
    std::vector<std::string> actions;
    auto page = json_of(client->get("/api/audit?limit=1000&user=" + user));
    for (const auto& entry : page["items"]) actions.push_back(entry["action"]);
    return actions;
  }
};

TEST_F(AccessApiTest, TheFirstStartMakesAnAdminWhosePasswordIsTheAdminToken) {
  Browser browser(server->base_url());
  auto result = browser.sign_in("admin", kAdminToken);
  ASSERT_EQ(result.status, 200) << result.body;
  EXPECT_EQ(json_of(result)["user"]["role"], "admin");
  auto cookie = result.headers["set-cookie"];
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_NE(cookie.find("Path=/"), std::string::npos);
  EXPECT_EQ(cookie.find("Secure"), std::string::npos) << "plain HTTP: a Secure cookie would never come back";
  EXPECT_EQ(browser.call("GET", "/api/session").status, 200);
  EXPECT_NE(server->output().find("Created the user 'admin'"), std::string::npos);
}

TEST_F(AccessApiTest, SignOutEndsTheSessionOnTheServer) {
  Browser browser(server->base_url());
  ASSERT_EQ(browser.sign_in("admin", kAdminToken).status, 200);
  auto out = browser.call("POST", "/api/auth/sign-out");
  EXPECT_EQ(out.status, 204);
  EXPECT_NE(out.headers["set-cookie"].find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(browser.call("GET", "/api/session").status, 401) << "the old cookie must not work any more";
}

TEST_F(AccessApiTest, AStateChangeWithACookieButNoCsrfTokenIsRefused) {
  Browser browser(server->base_url());
  ASSERT_EQ(browser.sign_in("admin", kAdminToken).status, 200);
  auto body = json{{"name", "d"}, {"objective", "o"}}.dump();
  auto refused = browser.call("POST", "/api/datasets", body, false);
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(json_of(refused)["error"]["code"], "csrf_failed");
  EXPECT_EQ(browser.call("POST", "/api/datasets", body).status, 201);
}

TEST_F(AccessApiTest, WrongPasswordsAreRateLimitedPerNameWithRetryAfter) {
  add_user("ana", "editor", "ana-password-1");
  Browser browser(server->base_url());
  auto unknown = browser.sign_in("nobody", "whatever-password");
  auto wrong = browser.sign_in("ana", "not-her-password");
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(unknown.body, wrong.body) << "an unknown name and a wrong password answer alike";
  for (int i = 0; i < 4; ++i) EXPECT_EQ(browser.sign_in("ana", "not-her-password").status, 401);
  auto throttled = browser.sign_in("ana", "ana-password-1");
  EXPECT_EQ(throttled.status, 429) << "even the right password waits once the name is blocked";
  EXPECT_EQ(json_of(throttled)["error"]["code"], "too_many_attempts");
  EXPECT_GT(std::stoi(throttled.headers["retry-after"]), 0);
  EXPECT_EQ(browser.sign_in("admin", kAdminToken).status, 200) << "other names are not blocked";
}

TEST_F(AccessApiTest, RolesDecideWhatEachUserMayDoAndAChangeAppliesOnTheNextRequest) {
  int64_t ana = add_user("ana", "editor", "ana-password-1");
  add_user("vic", "viewer", "vic-password-1");
  Browser editor(server->base_url()), viewer(server->base_url());
  ASSERT_EQ(editor.sign_in("ana", "ana-password-1").status, 200);
  ASSERT_EQ(viewer.sign_in("vic", "vic-password-1").status, 200);

  auto dataset = json{{"name", "shared"}, {"objective", "o"}}.dump();
  EXPECT_EQ(editor.call("POST", "/api/datasets", dataset).status, 201);
  EXPECT_EQ(viewer.call("GET", "/api/datasets").status, 200);
  auto refused = viewer.call("POST", "/api/datasets", json{{"name", "v"}, {"objective", "o"}}.dump());
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(json_of(refused)["error"]["message"], "Your role (viewer) cannot do this: it needs editor.");
  EXPECT_EQ(editor.call("POST", "/api/gateway-keys", json{{"name", "k"}}.dump()).status, 403);
  EXPECT_EQ(editor.call("GET", "/api/users").status, 403);
  // A trainer command runs as the server's user (its keys, the admin token's file): an editor
  // may start an external run, not launch one.
  auto shared = json_of(client->get("/api/datasets"))["items"][0]["id"].get<int64_t>();
  const std::string marker = (temp.path() / "launched").string();
  auto launch = json{{"backend", "external"},
                     {"base_model", "m"},
                     {"override_gate", true},
                     {"command", "touch " + marker}}
                    .dump();
  auto launched =
      editor.call("POST", "/api/datasets/" + std::to_string(shared) + "/training", launch);
  EXPECT_EQ(launched.status, 403) << launched.body;
  EXPECT_NE(launched.body.find("Only an admin may launch a command"), std::string::npos);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_FALSE(std::filesystem::exists(marker));

  ASSERT_EQ(client->patch("/api/users/" + std::to_string(ana), json{{"role", "viewer"}}.dump()).status, 200);
  EXPECT_EQ(editor.call("POST", "/api/datasets", json{{"name", "again"}, {"objective", "o"}}.dump()).status, 403);
}

TEST_F(AccessApiTest, AnAdminCanEndEverySessionOfAUserAndANewPasswordEndsThemToo) {
  int64_t ana = add_user("ana", "editor", "ana-password-1");
  Browser laptop(server->base_url()), phone(server->base_url());
  ASSERT_EQ(laptop.sign_in("ana", "ana-password-1").status, 200);
  ASSERT_EQ(phone.sign_in("ana", "ana-password-1").status, 200);
  EXPECT_EQ(json_of(client->get("/api/users"))["items"][1]["sessions"], 2);

  EXPECT_EQ(client->post("/api/users/" + std::to_string(ana) + "/sign-out", "").status, 204);
  EXPECT_EQ(laptop.call("GET", "/api/session").status, 401);
  EXPECT_EQ(phone.call("GET", "/api/session").status, 401);

  ASSERT_EQ(laptop.sign_in("ana", "ana-password-1").status, 200);
  ASSERT_EQ(phone.sign_in("ana", "ana-password-1").status, 200);
  auto change = laptop.call("PUT", "/api/session/password",
                            json{{"current_password", "ana-password-1"}, {"new_password", "ana-password-2"}}.dump());
  EXPECT_EQ(change.status, 204) << change.body;
  EXPECT_EQ(laptop.call("GET", "/api/session").status, 200) << "the session that changed it stays";
  EXPECT_EQ(phone.call("GET", "/api/session").status, 401) << "every other one ends";
  EXPECT_EQ(phone.sign_in("ana", "ana-password-1").status, 401);
  EXPECT_EQ(phone.sign_in("ana", "ana-password-2").status, 200);
}

TEST_F(AccessApiTest, ASignInFromAnotherSitesFormOrPageIsRefused) {
  HttpClient http(server->base_url());
  auto body = json{{"name", "admin"}, {"password", kAdminToken}}.dump();
  auto form = http.request("POST", "/api/auth/sign-in", body, "text/plain");
  EXPECT_EQ(form.status, 403) << "a cross-site form can post text/plain without a preflight";
  EXPECT_EQ(form.headers.count("set-cookie"), 0u);
  auto cross = http.request("POST", "/api/auth/sign-in", body, "application/json", "",
                            {{"Origin", "https://evil.example"}});
  EXPECT_EQ(cross.status, 403);
  auto own = http.request("POST", "/api/auth/sign-in", body, "application/json", "",
                          {{"Origin", server->base_url()}});
  EXPECT_EQ(own.status, 200) << own.body;
}

TEST_F(AccessApiTest, AnAdminsResetOrSignOutEverywhereAlsoRevokesTheUsersApiTokens) {
  int64_t ana = add_user("ana", "editor", "ana-password-1");
  Browser browser(server->base_url());
  ASSERT_EQ(browser.sign_in("ana", "ana-password-1").status, 200);
  auto mint = [&] {
    return json_of(browser.call("POST", "/api/tokens", json{{"name", "ci"}}.dump()))["token"].get<std::string>();
  };
  HttpClient first(server->base_url(), mint());
  EXPECT_EQ(json_of(client->get("/api/users"))["items"][1]["tokens"], 1);
  ASSERT_EQ(client->post("/api/users/" + std::to_string(ana) + "/sign-out", "").status, 204);
  EXPECT_EQ(first.get("/api/session").status, 401);

  ASSERT_EQ(browser.sign_in("ana", "ana-password-1").status, 200);
  HttpClient second(server->base_url(), mint());
  ASSERT_EQ(client->patch("/api/users/" + std::to_string(ana), json{{"password", "reset-by-admin"}}.dump()).status, 200);
  EXPECT_EQ(second.get("/api/session").status, 401);
}

TEST_F(AccessApiTest, ARefusedPasswordLeavesTheRoleAsItWasAndTheChangeIsAudited) {
  int64_t bob = add_user("bob", "viewer", "bob-password-1");
  std::string path = "/api/users/" + std::to_string(bob);
  EXPECT_EQ(client->patch(path, json{{"role", "admin"}, {"password", std::string(600, 'x')}}.dump()).status, 400);
  EXPECT_EQ(client->patch(path, json{{"role", "admin"}, {"password", "short"}}.dump()).status, 400);
  EXPECT_EQ(json_of(client->get("/api/users"))["items"][1]["role"], "viewer");
  ASSERT_EQ(client->patch(path, json{{"role", "editor"}}.dump()).status, 200);
  auto page = json_of(client->get("/api/audit?action=user.update"));
  ASSERT_EQ(page["items"].size(), 3u) << "refusals are audited too";
  EXPECT_EQ(page["items"][0]["target"]["role"], "editor");
  EXPECT_EQ(page["items"][0]["status"], 200);
  EXPECT_EQ(page["items"][1]["target"]["password_changed"], true);
  EXPECT_EQ(page["items"][1]["status"], 400);
}

TEST_F(AccessApiTest, BytesThatAreNotUtf8InANameOrPathDoNotBreakTheAuditLog) {
  HttpClient http(server->base_url());
  http.request("POST", "/api/auth/sign-in", json{{"name", std::string(63, 'a') + "\u00e9"}, {"password", "x"}}.dump(),
               "application/json");
  client->del("/api/datasets/%FF%FE");
  auto page = client->get("/api/audit");
  EXPECT_EQ(page.status, 200) << page.body;
  auto exported = client->get("/api/audit/export");
  EXPECT_EQ(exported.status, 200);
  EXPECT_GE(std::count(exported.body.begin(), exported.body.end(), '\n'), 1);
}

TEST_F(AccessApiTest, BehindAnHttpsProxyTheSessionCookieIsSecure) {
  HttpClient http(server->base_url());
  auto signed_in = http.request("POST", "/api/auth/sign-in", json{{"name", "admin"}, {"password", kAdminToken}}.dump(),
                                "application/json", "", {{"X-Forwarded-Proto", "https"}});
  ASSERT_EQ(signed_in.status, 200);
  EXPECT_NE(signed_in.headers["set-cookie"].find("; Secure"), std::string::npos) << signed_in.headers["set-cookie"];
}

TEST_F(AccessApiTest, AnUploadFromNobodyIsRefusedBeforeItsBodyReachesTheDisk) {
  int64_t dataset = create_dataset("uploads");
  auto file = temp.path() / "big.jsonl";
  {
    std::ofstream out(file);
    std::string line = R"({"messages":[{"role":"user","content":")" + std::string(1000, 'x') + "\"}]}\n";
    for (int i = 0; i < 20000; ++i) out << line;  // about 20 MB
  }
  HttpClient nobody(server->base_url());
  auto refused = nobody.post_file(path(dataset, "/import"), file.string());
  EXPECT_EQ(refused.status, 401);
  // The server makes its uploads folder when it starts writing one: it never started.
  EXPECT_FALSE(std::filesystem::exists(temp.path() / "data" / "uploads"))
      << "the refused upload was written to disk before it was refused";
}

TEST_F(AccessApiTest, TheLastAdminCannotBeRemovedOrDemoted) {
  auto users = json_of(client->get("/api/users"))["items"];
  ASSERT_EQ(users.size(), 1u);
  std::string admin = std::to_string(users[0]["id"].get<int64_t>());
  auto removed = client->del("/api/users/" + admin);
  EXPECT_EQ(removed.status, 409);
  EXPECT_EQ(json_of(removed)["error"]["code"], "last_admin");
  EXPECT_EQ(client->patch("/api/users/" + admin, json{{"role", "editor"}}.dump()).status, 409);
  EXPECT_EQ(client->post("/api/users", json{{"name", "Admin"}, {"role", "viewer"}, {"password", "12345678"}}.dump()).status,
            409) << "names are unique without regard to case";
  EXPECT_EQ(client->post("/api/users", json{{"name", "x"}, {"role", "root"}, {"password", "12345678"}}.dump()).status, 400);
  EXPECT_EQ(client->post("/api/users", json{{"name", "x"}, {"role", "viewer"}, {"password", "short"}}.dump()).status, 400);
}

TEST_F(AccessApiTest, PersonalTokensCarryTheirUsersRoleAreShownOnceAndCanBeRevoked) {
  add_user("ana", "editor", "ana-password-1");
  Browser browser(server->base_url());
  ASSERT_EQ(browser.sign_in("ana", "ana-password-1").status, 200);
  auto created = browser.call("POST", "/api/tokens", json{{"name", "ci"}}.dump());
  ASSERT_EQ(created.status, 201) << created.body;
  std::string secret = json_of(created)["token"];
  EXPECT_EQ(secret.rfind("rf_pat_", 0), 0u);

  HttpClient script(server->base_url(), secret);
  auto who = json_of(script.get("/api/session"));
  EXPECT_EQ(who["user"]["name"], "ana");
  EXPECT_EQ(who["via"], "token");
  EXPECT_FALSE(who.contains("csrf_token"));
  EXPECT_EQ(script.post("/api/datasets", json{{"name", "by-token"}, {"objective", "o"}}.dump()).status, 201)
      << "a bearer token needs no CSRF token";
  EXPECT_EQ(script.get("/api/users").status, 403);

  auto listed = json_of(browser.call("GET", "/api/tokens"))["items"];
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_FALSE(listed[0].contains("token")) << "the secret is shown only when created";
  EXPECT_EQ(browser.call("DELETE", "/api/tokens/" + std::to_string(listed[0]["id"].get<int64_t>())).status, 204);
  EXPECT_EQ(script.get("/api/session").status, 401);
}

TEST_F(AccessApiTest, TheAuditLogRecordsEachKindOfChangePagesFiltersAndExports) {
  add_user("ana", "editor", "ana-password-1");
  Browser editor(server->base_url());
  ASSERT_EQ(editor.sign_in("ana", "ana-password-1").status, 200);
  auto dataset = json_of(editor.call("POST", "/api/datasets", json{{"name", "audited"}, {"objective", "o"}}.dump()));
  std::string id = std::to_string(dataset["id"].get<int64_t>());
  EXPECT_EQ(editor.call("PATCH", "/api/datasets/" + id, json{{"objective", "better"}}.dump()).status, 200);
  EXPECT_EQ(editor.call("PUT", "/api/datasets/" + id + "/grader",
                        json{{"type", "script"}, {"source", "function grade(input) { return 1; }"}}.dump())
                .status / 100, 2);
  EXPECT_EQ(client->post("/api/gateway-keys", json{{"name", "team"}}.dump()).status, 201);
  EXPECT_EQ(editor.call("DELETE", "/api/datasets/" + id).status / 100, 2);

  auto actions = audit_actions_of("ana");
  EXPECT_EQ(actions, (std::vector<std::string>{"dataset.delete", "grader.save", "dataset.update",
                                               "dataset.create", "auth.sign_in"}));
  auto admin_actions = audit_actions_of("admin%20token");
  ASSERT_FALSE(admin_actions.empty());
  EXPECT_EQ(admin_actions.front(), "gateway_key.create");

  auto filtered = json_of(client->get("/api/audit?action=dataset.create"))["items"];
  ASSERT_EQ(filtered.size(), 1u);
  EXPECT_EQ(filtered[0]["user_name"], "ana");
  EXPECT_EQ(filtered[0]["target"]["created"], dataset["id"]);

  auto first = json_of(client->get("/api/audit?limit=2"));
  ASSERT_EQ(first["items"].size(), 2u);
  auto second = json_of(client->get("/api/audit?limit=2&cursor=" + first["next_cursor"].get<std::string>()));
  EXPECT_LT(second["items"][0]["id"].get<int64_t>(), first["items"][1]["id"].get<int64_t>());
  EXPECT_EQ(client->get("/api/audit?cursor=nonsense").status, 400);

  auto exported = client->get("/api/audit/export?user=ana");
  EXPECT_EQ(exported.status, 200);
  EXPECT_EQ(std::count(exported.body.begin(), exported.body.end(), '\n'), 5);
  EXPECT_EQ(json::parse(exported.body.substr(0, exported.body.find('\n')))["action"], "auth.sign_in");
  auto listed = json_of(client->get("/api/audit/actions"))["items"];
  EXPECT_NE(std::find(listed.begin(), listed.end(), "grader.save"), listed.end());
}

TEST_F(AccessApiTest, UsersFromTheCommandLineCanSignInAndTheChangesAreAudited) {
  std::string data_dir = (temp.path() / "data").string();
  auto added = run_reinforge("users add cli-ana --role editor --data-dir " + data_dir, true);
  ASSERT_EQ(added.status, 0) << added.output;
  auto line = added.output.substr(added.output.find("Password for cli-ana: ") + 22);
  std::string password = line.substr(0, line.find('\n'));
  Browser browser(server->base_url());
  EXPECT_EQ(browser.sign_in("cli-ana", password).status, 200);
  auto removed = run_reinforge("users remove admin --data-dir " + data_dir, true);
  EXPECT_NE(removed.status, 0);
  EXPECT_NE(removed.output.find("last admin"), std::string::npos) << removed.output;
  auto actions = json_of(client->get("/api/audit?action=user.create"))["items"];
  ASSERT_EQ(actions.size(), 1u);
  EXPECT_EQ(actions[0]["via"], "cli");
  // A mistyped data directory is named, not answered from a new empty store made there.
  const auto mistyped = (temp.path() / "dta").string();
  for (const std::string command : {"users list", "keys list", "keys revoke 1"}) {
    auto refused = run_reinforge(command + " --data-dir " + mistyped, true);
    EXPECT_EQ(refused.status, 2) << command << ": " << refused.output;
    EXPECT_NE(refused.output.find("no Reinforge data in " + mistyped), std::string::npos)
        << refused.output;
  }
  EXPECT_FALSE(std::filesystem::exists(mistyped));

  auto file = temp.path() / "one.jsonl";
  std::ofstream(file) << R"({"messages":[{"role":"user","content":"hi"}]})" << "\n";
  auto imported = run_reinforge("import --dataset from-cli --data-dir " + data_dir + " " + file.string(), true);
  ASSERT_EQ(imported.status, 0) << imported.output;
  auto imports = json_of(client->get("/api/audit?action=dataset.import"))["items"];
  ASSERT_EQ(imports.size(), 1u);
  EXPECT_EQ(imports[0]["via"], "cli");
  EXPECT_EQ(imports[0]["path"], "import");
}

TEST_F(AccessApiTest, ThePlaygroundReachesTheGatewayWithAnEditorsSessionButNotAViewers) {
  add_user("ana", "editor", "ana-password-1");
  add_user("vic", "viewer", "vic-password-1");
  Browser editor(server->base_url()), viewer(server->base_url());
  ASSERT_EQ(editor.sign_in("ana", "ana-password-1").status, 200);
  ASSERT_EQ(viewer.sign_in("vic", "vic-password-1").status, 200);
  auto call = json{{"model", "no-such-model"}, {"messages", json::array({{{"role", "user"}, {"content", "hi"}}})}}.dump();
  EXPECT_NE(editor.call("POST", "/v1/chat/completions", call).status, 401);
  EXPECT_EQ(editor.call("POST", "/v1/chat/completions", call, false).status, 401) << "no CSRF token, no call";
  EXPECT_EQ(viewer.call("POST", "/v1/chat/completions", call).status, 401);
}

}  // namespace
}  // namespace reinforge::testing
