// Two `reinforge serve` processes on one PostgreSQL database (issue 17, docs/postgresql.md):
// what one does, the other sees; jobs run once each; a killed instance's job is settled by the
// other; gateway traffic through both lands every trace once; a key revoked on one is refused by
// the other within a second; failed sign-ins on one count on the other.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "../providers/fake_upstream.hpp"
#include "support/http_client.hpp"
#include "support/postgres_server.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"

namespace reinforge::testing {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

constexpr const char* kToken = "two-instances-admin-token";

json json_of(const HttpResult& result) {
  return json::parse(result.body, nullptr, false);
}

class TwoInstancesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    database = shared_postgres_server().create_database();
    // A short lease, so that a killed instance's job is settled in seconds rather than 30.
    auto config = json{
        {"providers", {{{"name", "local"}, {"base_url", upstream.base_url()}}}},
        {"models", {{{"name", "team-model"}, {"provider", "local"}, {"upstream_model", "m-1"}}}},
        {"jobs", {{"lease_seconds", 3}}}};
    std::ofstream(temp.path() / "config.json") << config.dump();
    a = start("a");
    b = start("b");
    client_a = std::make_unique<HttpClient>(a->base_url(), kToken);
    client_b = std::make_unique<HttpClient>(b->base_url(), kToken);
  }

  std::unique_ptr<ServerProcess> start(const std::string& name) {
    return std::make_unique<ServerProcess>(
        temp.path() / name, kToken,
        // As examples/nginx/reinforge.conf says to start them behind nginx.
        std::vector<std::string>{"--store", database, "--config",
                                 (temp.path() / "config.json").string(), "--trusted-proxies",
                                 "127.0.0.1"});
  }

  // The instance name a server printed ("this instance is NAME").
  static std::string instance_of(const ServerProcess& server) {
    auto output = server.output();
    auto at = output.find("this instance is ");
    if (at == std::string::npos) return "";
    at += std::string("this instance is ").size();
    return output.substr(at, output.find(')', at) - at);
  }

  json wait_for_job(const HttpClient& client, int64_t id, int seconds = 60) {
    auto deadline = Clock::now() + std::chrono::seconds(seconds);
    while (Clock::now() < deadline) {
      auto job = json_of(client.get("/api/jobs/" + std::to_string(id)));
      if (job["state"] != "queued" && job["state"] != "running") return job;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "job " << id << " did not finish in " << seconds << " s";
    return {};
  }

  std::filesystem::path records_file(const std::string& name, int count, int first) {
    auto file = temp.path() / name;
    std::ofstream out(file);
    for (int n = first; n < first + count; ++n) {
      out << json{{"messages",
                   {{{"role", "user"}, {"content", "question number " + std::to_string(n)}},
                    {{"role", "assistant"}, {"content", "answer " + std::to_string(n)}}}}}
                 .dump()
          << "\n";
    }
    return file;
  }

  TempDir temp;
  FakeUpstream upstream{[](const FakeRequest& request) {
    if (!request.json().value("stream", false)) return chat_completion_response("fine");
    FakeResponse streamed;
    streamed.headers["Content-Type"] = "text/event-stream";
    json chunk = {{"id", "c1"},
                  {"object", "chat.completion.chunk"},
                  {"model", "m-1"},
                  {"choices",
                   {{{"index", 0}, {"delta", {{"content", "fine"}}}, {"finish_reason", nullptr}}}}};
    streamed.body = "data: " + chunk.dump() + "\n\ndata: [DONE]\n\n";
    return streamed;
  }};
  std::string database;
  std::unique_ptr<ServerProcess> a;
  std::unique_ptr<ServerProcess> b;
  std::unique_ptr<HttpClient> client_a;
  std::unique_ptr<HttpClient> client_b;
};

TEST_F(TwoInstancesTest, a_dataset_made_on_one_instance_is_edited_on_the_other) {
  auto created = client_a->post("/api/datasets", R"({"name": "shared", "objective": "first"})");
  ASSERT_EQ(created.status, 201) << created.body;
  auto id = std::to_string(json_of(created)["id"].get<int64_t>());
  auto import = json_of(client_a->post_file("/api/datasets/" + id + "/import",
                                            records_file("ten.jsonl", 10, 0).string()));
  EXPECT_EQ(wait_for_job(*client_a, import["id"])["state"], "succeeded");

  auto edited = client_b->patch("/api/datasets/" + id, R"({"objective": "edited on b"})");
  ASSERT_EQ(edited.status, 200) << edited.body;
  auto seen = json_of(client_a->get("/api/datasets/" + id));
  EXPECT_EQ(seen["objective"], "edited on b");
  EXPECT_EQ(seen["record_count"], 10);  // counted on a, imported through a, read on b too
  EXPECT_EQ(json_of(client_b->get("/api/datasets/" + id))["record_count"], 10);
  // A name is unique across the instances.
  EXPECT_EQ(client_b->post("/api/datasets", R"({"name": "shared"})").status, 409);
}

// Ten imports queued through each instance into one dataset: each runs once, so the dataset
// holds every line once.
TEST_F(TwoInstancesTest, twenty_jobs_queued_through_both_instances_run_exactly_once_each) {
  auto id = std::to_string(
      json_of(client_a->post("/api/datasets", R"({"name": "twenty"})"))["id"].get<int64_t>());
  std::vector<std::pair<const HttpClient*, int64_t>> jobs;
  for (int n = 0; n < 20; ++n) {
    const HttpClient& client = n % 2 ? *client_b : *client_a;
    auto file = records_file("part-" + std::to_string(n) + ".jsonl", 25, n * 25);
    auto job = client.post_file("/api/datasets/" + id + "/import", file.string());
    ASSERT_EQ(job.status, 202) << job.body;
    jobs.emplace_back(&client, json_of(job)["id"].get<int64_t>());
  }
  std::set<std::string> instances;
  for (const auto& [client, job_id] : jobs) {
    auto job = wait_for_job(*client, job_id);
    EXPECT_EQ(job["state"], "succeeded") << job.dump();
    EXPECT_EQ(job["result"]["imported"], 25) << job.dump();
    instances.insert(job["instance"].get<std::string>());
  }
  EXPECT_EQ(instances, (std::set<std::string>{instance_of(*a), instance_of(*b)}));
  auto dataset = json_of(client_b->get("/api/datasets/" + id));
  EXPECT_EQ(dataset["record_count"], 500);
  EXPECT_EQ(dataset["health"]["invalid"], 0);
}

// a is killed while it imports a big upload (its file is on a's disk, so no other instance can
// continue it): once a's lease lapses, b fails the job, naming a, instead of leaving it running.
TEST_F(TwoInstancesTest, the_job_of_an_instance_killed_mid_run_is_settled_by_the_other) {
  auto id = std::to_string(
      json_of(client_a->post("/api/datasets", R"({"name": "big"})"))["id"].get<int64_t>());
  auto job = json_of(client_a->post_file("/api/datasets/" + id + "/import",
                                         records_file("big.jsonl", 400000, 0).string()));
  int64_t job_id = job["id"];
  auto deadline = Clock::now() + std::chrono::seconds(30);
  json seen;
  do {
    seen = json_of(client_b->get("/api/jobs/" + std::to_string(job_id)));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  } while (seen["done"].get<int64_t>() == 0 && seen["state"] != "succeeded" &&
           Clock::now() < deadline);
  ASSERT_EQ(seen["state"], "running") << "the import ended before it could be interrupted";
  std::string killed = instance_of(*a);
  a->kill_hard();
  auto killed_at = Clock::now();

  auto settled = wait_for_job(*client_b, job_id, 30);
  auto took = std::chrono::duration<double>(Clock::now() - killed_at).count();
  EXPECT_EQ(settled["state"], "failed");
  EXPECT_NE(settled["error"].get<std::string>().find("(" + killed + ") stopped"), std::string::npos)
      << settled.dump();
  // The lease is 3 s, checked every second by b.
  EXPECT_LT(took, 10.0);
  std::cout << "settled by the other instance " << took << " s after the SIGKILL\n";
  // Every committed batch is there, each once; the dataset answers on b.
  auto dataset = json_of(client_b->get("/api/datasets/" + id));
  EXPECT_GT(dataset["record_count"].get<int64_t>(), 0);
  EXPECT_LT(dataset["record_count"].get<int64_t>(), 400000);
}

TEST_F(TwoInstancesTest, gateway_calls_through_both_instances_land_every_trace_once) {
  auto key = json_of(client_a->post("/api/gateway-keys", R"({"name": "both"})"));
  std::string secret = key["key"];
  HttpClient gateway_a(a->base_url(), secret);
  HttpClient gateway_b(b->base_url(), secret);
  for (int n = 0; n < 60; ++n) {
    const HttpClient& gateway = n % 2 ? gateway_b : gateway_a;
    auto result = gateway.post(
        "/v1/chat/completions",
        json{{"model", "team-model"},
             {"messages", {{{"role", "user"}, {"content", "call " + std::to_string(n)}}}}}
            .dump());
    ASSERT_EQ(result.status, 200) << result.body;
  }
  // Traces are written in the background: wait until both instances' writers are done.
  json listed;
  auto deadline = Clock::now() + std::chrono::seconds(20);
  do {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    listed = json_of(client_b->get("/api/traces?limit=200"));
  } while (listed["items"].size() < 60 && Clock::now() < deadline);
  std::multiset<std::string> texts;
  for (const auto& trace : listed["items"]) {
    auto detail = json_of(client_a->get("/api/traces/" + trace["id"].get<std::string>()));
    texts.insert(detail["request"]["messages"][0]["content"].get<std::string>());
  }
  EXPECT_EQ(listed["items"].size(), 60u);
  for (int n = 0; n < 60; ++n) EXPECT_EQ(texts.count("call " + std::to_string(n)), 1u) << n;
  EXPECT_EQ(json_of(client_a->get("/api/traces?limit=200"))["items"].size(), 60u);
}

TEST_F(TwoInstancesTest, a_key_revoked_on_one_instance_is_refused_by_the_other_within_a_second) {
  auto key = json_of(client_a->post("/api/gateway-keys", R"({"name": "soon revoked"})"));
  HttpClient gateway_b(b->base_url(), key["key"].get<std::string>());
  auto call = [&] {
    return gateway_b
        .post("/v1/chat/completions",
              R"({"model": "team-model", "messages": [{"role": "user", "content": "hi"}]})")
        .status;
  };
  ASSERT_EQ(call(), 200);  // b knows the key now (and caches it)
  ASSERT_EQ(client_a->del("/api/gateway-keys/" + std::to_string(key["id"].get<int64_t>())).status,
            204);
  auto revoked_at = Clock::now();
  int status = 200;
  while (status == 200 && Clock::now() - revoked_at < std::chrono::seconds(5)) {
    status = call();
    if (status == 200) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  auto took = std::chrono::duration<double>(Clock::now() - revoked_at).count();
  EXPECT_EQ(status, 401);
  // b re-reads the active keys half a second after it last did.
  EXPECT_LT(took, 1.0);
  std::cout << "refused by the other instance " << took << " s after the revocation\n";
}

// A guesser behind a load balancer gets no more attempts for having two instances to try.
TEST_F(TwoInstancesTest, five_wrong_passwords_on_one_instance_block_the_name_on_the_other) {
  auto sign_in = [](const ServerProcess& server, const std::string& password) {
    return HttpClient(server.base_url())
        .request("POST", "/api/auth/sign-in",
                 json{{"name", "admin"}, {"password", password}}.dump(), "application/json");
  };
  for (int n = 0; n < 5; ++n) {
    auto wrong = sign_in(*a, "wrong-password-" + std::to_string(n));
    ASSERT_EQ(wrong.status, 401) << wrong.body;
  }
  auto throttled = sign_in(*b, kToken);
  EXPECT_EQ(throttled.status, 429) << "even the right password waits once the name is blocked";
  EXPECT_EQ(json_of(throttled)["error"]["code"], "too_many_attempts") << throttled.body;
  ASSERT_TRUE(throttled.headers.count("retry-after")) << throttled.body;
  int retry_after = std::stoi(throttled.headers["retry-after"]);
  EXPECT_GT(retry_after, 0);
  EXPECT_LE(retry_after, 15 * 60);
}

// The database goes away under a running instance and comes back: the gateway keeps answering,
// the API answers 503, and the traces of the calls made meanwhile are written once it is back.
TEST(DatabaseAway, the_gateway_keeps_answering_and_its_traces_wait_for_the_database) {
  TempDir temp;
  PostgresServer postgres;  // this test's own server: it stops it
  auto database = postgres.create_database();
  FakeUpstream upstream([](const FakeRequest&) { return chat_completion_response("fine"); });
  auto config = json{
      {"providers", {{{"name", "local"}, {"base_url", upstream.base_url()}}}},
      {"models", {{{"name", "team-model"}, {"provider", "local"}, {"upstream_model", "m-1"}}}}};
  std::ofstream(temp.path() / "config.json") << config.dump();
  ServerProcess server(temp.path() / "data", kToken,
                       {"--store", database, "--config", (temp.path() / "config.json").string()});
  HttpClient api(server.base_url(), kToken);
  auto key = json_of(api.post("/api/gateway-keys", R"({"name": "k"})"))["key"].get<std::string>();
  HttpClient gateway(server.base_url(), key);
  auto call = [&](int n) {
    return gateway
        .post("/v1/chat/completions",
              json{{"model", "team-model"},
                   {"messages", {{{"role", "user"}, {"content", "call " + std::to_string(n)}}}}}
                  .dump())
        .status;
  };
  ASSERT_EQ(call(0), 200);

  postgres.stop();
  for (int n = 1; n <= 20; ++n) EXPECT_EQ(call(n), 200) << "call " << n << " while away";
  // A stored response this instance does not hold is looked up in the store: 503, not a
  // dropped connection, whether read back or chained to (a traced call, refused).
  auto stored = gateway.get("/v1/responses/resp_elsewhere");
  EXPECT_EQ(stored.status, 503) << stored.body;
  EXPECT_EQ(json_of(stored)["error"]["code"], "store_unavailable") << stored.body;
  auto chained = gateway.post("/v1/responses", json{{"model", "team-model"},
                                                    {"input", "and then?"},
                                                    {"previous_response_id", "resp_elsewhere"}}
                                                   .dump());
  EXPECT_EQ(chained.status, 503) << chained.body;
  auto refused = api.get("/api/datasets");
  EXPECT_EQ(refused.status, 503) << refused.body;
  EXPECT_EQ(json_of(refused)["error"]["code"], "store_unavailable") << refused.body;
  EXPECT_EQ(refused.headers["retry-after"], "5");
  // A command started meanwhile says the database cannot be reached, with its own exit status.
  std::string command = reinforge_binary().string() + " keys list --data-dir " +
                        (temp.path() / "cli").string() + " --store '" + database + "' 2>" +
                        (temp.path() / "cli.err").string();
  int status = std::system(command.c_str());
  EXPECT_EQ(WEXITSTATUS(status), 69);
  std::ifstream err(temp.path() / "cli.err");
  std::string message((std::istreambuf_iterator<char>(err)), std::istreambuf_iterator<char>());
  EXPECT_NE(message.find("cannot open the PostgreSQL store"), std::string::npos) << message;

  postgres.start();
  json listed;
  auto deadline = Clock::now() + std::chrono::seconds(30);
  do {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    listed = json_of(api.get("/api/traces?limit=100"));
  } while ((!listed.is_object() || listed["items"].size() < 22) && Clock::now() < deadline);
  ASSERT_TRUE(listed.is_object()) << "the API did not answer again";
  EXPECT_EQ(listed["items"].size(), 22u);
  EXPECT_EQ(api.get("/api/datasets").status, 200);
  EXPECT_EQ(call(21), 200);
}

// nginx (as setup.sh installs it) running the example configuration of docs/postgresql.md,
// examples/nginx/reinforge.conf, with this test's ports.
class Nginx {
 public:
  Nginx(const std::filesystem::path& folder, int a_port, int b_port) : folder_(folder) {
    std::ifstream in(std::string(REINFORGE_SOURCE_DIR) + "/examples/nginx/reinforge.conf");
    std::stringstream example;
    example << in.rdbuf();
    port_ = free_port();
    std::string site = example.str();
    site = std::regex_replace(site, std::regex("127\\.0\\.0\\.1:8081"),
                              "127.0.0.1:" + std::to_string(a_port));
    site = std::regex_replace(site, std::regex("127\\.0\\.0\\.1:8082"),
                              "127.0.0.1:" + std::to_string(b_port));
    site = std::regex_replace(site, std::regex("listen 8080;"),
                              "listen 127.0.0.1:" + std::to_string(port_) + ";");
    std::filesystem::create_directories(folder_);
    std::ofstream(folder_ / "reinforge.conf") << site;
    std::string f = folder_.string();
    std::ofstream(folder_ / "nginx.conf")
        << (geteuid() == 0 ? "user root;\n" : "") << "daemon off;\nworker_processes 1;\npid " << f
        << "/nginx.pid;\nerror_log " << f << "/error.log;\nevents {}\nhttp {\n  access_log off;\n"
        << "  client_body_temp_path " << f << "/body;\n  proxy_temp_path " << f << "/proxy;\n"
        << "  fastcgi_temp_path " << f << "/fastcgi;\n  uwsgi_temp_path " << f << "/uwsgi;\n"
        << "  scgi_temp_path " << f << "/scgi;\n  include " << f << "/reinforge.conf;\n}\n";
    pid_ = fork();
    if (pid_ == 0) {
      execl(kBinary, kBinary, "-p", f.c_str(), "-c", (f + "/nginx.conf").c_str(), nullptr);
      _exit(127);
    }
    for (int i = 0; i < 100 && !listening(); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ~Nginx() {
    if (pid_ > 0) {
      ::kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
  }
  static bool installed() { return access(kBinary, X_OK) == 0; }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::string errors() const {
    std::ifstream in(folder_ / "error.log");
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

 private:
  static constexpr const char* kBinary = "/usr/sbin/nginx";

  static int free_port() {
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t length = sizeof address;
    getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length);
    close(listener);
    return ntohs(address.sin_port);
  }
  bool listening() const {
    try {
      return HttpClient("http://127.0.0.1:" + std::to_string(port_)).get("/").status != 0;
    } catch (const std::exception&) {
      return false;  // not accepting connections yet
    }
  }

  std::filesystem::path folder_;
  pid_t pid_ = -1;
  int port_ = 0;
};

TEST_F(TwoInstancesTest, the_example_nginx_configuration_serves_both_instances) {
  if (!Nginx::installed()) GTEST_SKIP() << "nginx is not installed (scripts/setup.sh installs it)";
  Nginx nginx(temp.path() / "nginx", a->port(), b->port());
  HttpClient api(nginx.base_url(), kToken);
  ASSERT_EQ(api.get("/api/datasets").status, 200) << nginx.errors();
  // The UI's page, with the server's own headers.
  auto page = HttpClient(nginx.base_url()).get("/");
  EXPECT_EQ(page.status, 200);
  EXPECT_TRUE(page.headers.count("content-security-policy"));
  // An upload goes through whole, and its import runs on the instance that received it.
  auto id = std::to_string(
      json_of(api.post("/api/datasets", R"({"name": "through nginx"})"))["id"].get<int64_t>());
  auto job = api.post_file("/api/datasets/" + id + "/import",
                           records_file("proxied.jsonl", 2000, 0).string());
  ASSERT_EQ(job.status, 202) << job.body;
  auto done = wait_for_job(api, json_of(job)["id"]);
  EXPECT_EQ(done["state"], "succeeded") << done.dump();
  EXPECT_EQ(done["instance"], done["runs_on"]);
  EXPECT_EQ(json_of(api.get("/api/datasets/" + id))["record_count"], 2000);
  // A person signs in through nginx (Origin checked against the Host nginx passes on) and the
  // session works on whichever instance answers; a failed sign-in is counted against the
  // client's own address (X-Forwarded-For), not nginx's.
  HttpClient browser(nginx.base_url());
  std::map<std::string, std::string> from_client = {{"Origin", nginx.base_url()},
                                                    {"X-Forwarded-For", "198.51.100.7"}};
  auto refused = browser.request("POST", "/api/auth/sign-in",
                                 R"({"name": "admin", "password": "wrong"})",
                                 "application/json", "", from_client);
  EXPECT_EQ(refused.status, 401) << refused.body;
  auto signed_in = browser.request("POST", "/api/auth/sign-in",
                                   json{{"name", "admin"}, {"password", kToken}}.dump(),
                                   "application/json", "", from_client);
  ASSERT_EQ(signed_in.status, 200) << signed_in.body;
  std::string cookie = signed_in.headers["set-cookie"];
  cookie = cookie.substr(0, cookie.find(';'));
  for (int n = 0; n < 4; ++n) {
    auto session = browser.request("GET", "/api/session", "", "", "", {{"Cookie", cookie}});
    EXPECT_EQ(session.status, 200) << session.body;
  }
  auto audit = json_of(api.get("/api/audit?action=auth.sign_in"));
  ASSERT_FALSE(audit["items"].empty()) << audit.dump();
  for (const auto& entry : audit["items"]) EXPECT_EQ(entry["remote_address"], "198.51.100.7");

  // Gateway calls, plain and streamed, land on both instances.
  auto key = json_of(api.post("/api/gateway-keys", R"({"name": "proxied"})"))["key"];
  HttpClient gateway(nginx.base_url(), key.get<std::string>());
  for (int n = 0; n < 6; ++n) {
    auto streamed = gateway.post(
        "/v1/chat/completions",
        json{{"model", "team-model"},
             {"stream", n % 2 == 0},
             {"messages", {{{"role", "user"}, {"content", "via nginx " + std::to_string(n)}}}}}
            .dump());
    ASSERT_EQ(streamed.status, 200) << streamed.body;
    if (n % 2 == 0) {
      EXPECT_NE(streamed.body.find("data: [DONE]"), std::string::npos);
    }
  }
  json listed;
  auto deadline = Clock::now() + std::chrono::seconds(20);
  do {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    listed = json_of(api.get("/api/traces?limit=50"));
  } while (listed["items"].size() < 6 && Clock::now() < deadline);
  EXPECT_EQ(listed["items"].size(), 6u);
}

}  // namespace
}  // namespace reinforge::testing
