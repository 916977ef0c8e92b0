// Agent traffic becomes one record per episode: 1,000 sessions of 5 to 10 calls through the
// gateway — stateless chat clients resending their history, Responses calls chained by
// previous_response_id, Anthropic Messages clients resending theirs — and a dataset made from
// the last call of each session holds 1,000 records, each the whole episode, all valid.
#include <fstream>
#include <set>
#include <sstream>

#include "api/api_test_fixture.hpp"
#include "providers/fake_upstream.hpp"

namespace reinforge::testing {
namespace {

class AgentSessionsTest : public ApiTest {
 protected:
  void SetUp() override {
    nlohmann::json config{{"providers", {{{"name", "local"}, {"base_url", upstream.base_url()}}}},
                          {"gateway", {{"default_provider", "local"}}}};
    std::ofstream(temp.path() / "gateway.json") << config.dump();
    server = std::make_unique<ServerProcess>(
        temp.path() / "data", kAdminToken,
        std::vector<std::string>{"--config", (temp.path() / "gateway.json").string()});
    client = std::make_unique<HttpClient>(server->base_url(), kAdminToken);
  }

  nlohmann::json call(const std::string& path, const nlohmann::json& body) {
    auto result = client->post(path, body.dump());
    EXPECT_EQ(result.status, 200) << path << " " << result.body;
    return nlohmann::json::parse(result.body, nullptr, false);
  }

  // Traces are written off the request path, at a low priority (slow on a loaded machine): how
  // many are, once `calls` are or the wait is over.
  int traces_written(int calls, int tries) {
    int written = 0;
    for (int i = 0; i < tries && written < calls; ++i) {
      written = json_of(client->get("/api/gateway/status"))["traces"]["written"].get<int>();
      if (written < calls) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return written;
  }

  // A dataset of each session's last call.
  HttpResult last_calls_dataset(const std::string& name) {
    return client->post(
        "/api/datasets/from-traces",
        nlohmann::json{
            {"name", name}, {"objective", "o"}, {"filter", {{"calls", "last_of_session"}}}}
            .dump());
  }

  // The upstream answers each question with its number, so each episode's turns differ.
  FakeUpstream upstream{[](const FakeRequest& request) {
    auto messages = request.json().value("messages", nlohmann::json::array());
    std::string last = messages.empty() ? "" : messages.back().value("content", "");
    return chat_completion_response("answer to " + last);
  }};
};

TEST_F(AgentSessionsTest, a_thousand_sessions_become_a_thousand_whole_episodes) {
  constexpr int kSessions = 1000;
  int calls = 0;
  std::vector<int> turns_of(kSessions);
  for (int session = 0; session < kSessions; ++session) {
    const int turns = 5 + session % 6;
    turns_of[session] = turns;
    const std::string system = "You help session " + std::to_string(session) + ".";
    nlohmann::json history = nlohmann::json::array();
    std::string previous_response;
    for (int turn = 0; turn < turns; ++turn, ++calls) {
      const std::string question = "s" + std::to_string(session) + " q" + std::to_string(turn);
      if (session % 3 == 0) {  // a stateless chat client
        history.push_back({{"role", "user"}, {"content", question}});
        nlohmann::json messages =
            nlohmann::json::array({{{"role", "system"}, {"content", system}}});
        for (const auto& message : history) messages.push_back(message);
        auto answer = call("/v1/chat/completions", {{"model", "m"}, {"messages", messages}});
        history.push_back(answer["choices"][0]["message"]);
      } else if (session % 3 == 1) {  // a Responses agent continuing its stored conversation
        nlohmann::json body{{"model", "m"}, {"instructions", system}, {"input", question}};
        if (!previous_response.empty()) body["previous_response_id"] = previous_response;
        auto answer = call("/v1/responses", body);
        previous_response = answer.value("id", "");
        ASSERT_FALSE(previous_response.empty()) << answer.dump();
      } else {  // an Anthropic Messages client resending its history
        history.push_back({{"role", "user"}, {"content", question}});
        auto answer =
            call("/v1/messages",
                 {{"model", "m"}, {"max_tokens", 64}, {"system", system}, {"messages", history}});
        ASSERT_EQ(answer.value("type", ""), "message") << answer.dump();
        history.push_back({{"role", "assistant"}, {"content", answer["content"][0]["text"]}});
      }
    }
  }
  ASSERT_EQ(traces_written(calls, 2400), calls);
  auto created = last_calls_dataset("episodes");
  ASSERT_EQ(created.status, 201) << created.body;
  auto dataset = json_of(created);
  if (dataset["job"].is_object()) wait_for_job(dataset["job"]["id"], 120);
  auto id = dataset["id"].get<int64_t>();
  dataset = json_of(client->get(path(id, "")));
  EXPECT_EQ(dataset["health"]["total"], kSessions) << dataset["health"].dump();
  EXPECT_EQ(dataset["health"]["valid"], kSessions) << dataset["health"].dump();

  // Each record is its whole episode: the system prompt, then every question and answer.
  std::map<int, int> sessions_seen;
  auto exported = client->get(path(id, "/export"));
  ASSERT_EQ(exported.status, 200);
  std::istringstream lines(exported.body);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) continue;
    auto record = nlohmann::json::parse(line);
    const auto& messages = record["messages"];
    int session = std::stoi(messages[0]["content"].get<std::string>().substr(17));
    ++sessions_seen[session];
    EXPECT_EQ(messages.size(), static_cast<size_t>(1 + 2 * turns_of[session])) << line;
    EXPECT_EQ(messages.back()["role"], "assistant");
  }
  EXPECT_EQ(sessions_seen.size(), static_cast<size_t>(kSessions));
  for (const auto& [session, records] : sessions_seen) {
    EXPECT_EQ(records, 1) << "session " << session << ": "
                          << client->get("/api/traces?limit=20&q=s" + std::to_string(session)).body;
  }
}

// An agent run three times on one task answers its first turn alike: each run's second turn must
// go on in a session of its own, not all three in the latest (which left two runs' episodes one
// call long and lost their second turns from the dataset).
TEST_F(AgentSessionsTest, runs_that_start_alike_stay_separate_whole_episodes) {
  const nlohmann::json first_turn = {{"role", "user"}, {"content", "Summarize the ticket T1"}};
  std::vector<nlohmann::json> histories;
  for (int run = 0; run < 3; ++run) {
    auto answer = call("/v1/messages", {{"model", "m"},
                                        {"max_tokens", 64},
                                        {"system", "sys"},
                                        {"messages", nlohmann::json::array({first_turn})}});
    histories.push_back(nlohmann::json::array(
        {first_turn, {{"role", "assistant"}, {"content", answer["content"][0]["text"]}}}));
  }
  EXPECT_EQ(histories[0], histories[2]);  // alike up to here
  for (int run : {1, 0, 2}) {
    histories[run].push_back(
        {{"role", "user"}, {"content", "follow-up from run " + std::to_string(run)}});
    call("/v1/messages",
         {{"model", "m"}, {"max_tokens", 64}, {"system", "sys"}, {"messages", histories[run]}});
  }
  ASSERT_EQ(traces_written(6, 600), 6);
  auto created = last_calls_dataset("runs");
  ASSERT_EQ(created.status, 201) << created.body;
  auto exported = client->get(path(json_of(created)["id"].get<int64_t>(), "/export"));
  std::set<std::string> follow_ups;
  std::istringstream lines(exported.body);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) continue;
    auto messages = nlohmann::json::parse(line)["messages"];
    ASSERT_EQ(messages.size(), 5u) << line;  // system, question, answer, follow-up, answer
    follow_ups.insert(messages[3]["content"].get<std::string>());
  }
  EXPECT_EQ(follow_ups, (std::set<std::string>{"follow-up from run 0", "follow-up from run 1",
                                               "follow-up from run 2"}));
}

}  // namespace
}  // namespace reinforge::testing
