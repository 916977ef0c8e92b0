#pragma once
// A server whose gateway config has one provider, `local`: a fake upstream that answers
// question "q-N" with "a-N" when the model gets N right and "wrong" otherwise. The base model
// (`support` → `base-llm`) gets N right when N % 10 < 4, `ft:better` when N % 10 < 7, and
// `ft:worse` when N % 10 < 1, `ft:same` exactly as the base; `ft:broken` answers 400. So which
// model is better, and by how much, is known before anything is measured.
#include <fstream>

#include "api/api_test_fixture.hpp"
#include "providers/fake_upstream.hpp"

namespace reinforge::testing {

inline int question_number(const FakeRequest& request) {
  auto messages = request.json().value("messages", nlohmann::json::array());
  std::string content = messages.empty() ? "" : messages.back().value("content", "");
  return content.rfind("q-", 0) == 0 ? std::atoi(content.c_str() + 2) : -1;
}

inline FakeResponse step7_upstream(const FakeRequest& request) {
  std::string model = request.json().value("model", "");
  if (model == "ft:broken") {
    return {400,
            R"({"error": {"message": "this model is broken", "type": "invalid_request_error"}})",
            {}};
  }
  int number = question_number(request);
  int right_below = model == "ft:better" ? 7 : model == "ft:worse" ? 1 : 4;
  bool right = number >= 0 && number % 10 < right_below;
  return chat_completion_response(right ? "a-" + std::to_string(number) : "wrong");
}

class Step7Test : public ApiTest {
 protected:
  void SetUp() override {
    auto config = nlohmann::json{
        {"providers", {{{"name", "local"}, {"base_url", upstream.base_url()}}}},
        {"models", {{{"name", "support"}, {"provider", "local"}, {"upstream_model", "base-llm"}}}}};
    std::ofstream(temp.path() / "gateway.json") << config.dump();
    server = std::make_unique<ServerProcess>(
        temp.path() / "data", kAdminToken,
        std::vector<std::string>{"--config", (temp.path() / "gateway.json").string()});
    client = std::make_unique<HttpClient>(server->base_url(), kAdminToken);
  }

  // A dataset of `count` records "q-N" → "a-N" (N from 0) with `grader`.
  int64_t question_dataset(const std::string& name, int count, const nlohmann::json& grader) {
    auto id = create_dataset(name);
    auto file = temp.path() / (name + ".jsonl");
    std::ofstream out(file);
    for (int n = 0; n < count; ++n) {
      out << nlohmann::json{{"messages",
                             {{{"role", "user"}, {"content", "q-" + std::to_string(n)}},
                              {{"role", "assistant"}, {"content", "a-" + std::to_string(n)}}}}}
                 .dump()
          << "\n";
    }
    out.close();
    auto job = json_of(client->post_file(path(id, "/import"), file.string()));
    EXPECT_EQ(wait_for_job(job["id"])["state"], "succeeded");
    auto saved = client->put(path(id, "/grader"), grader.dump());
    EXPECT_EQ(saved.status, 200) << saved.body;
    return id;
  }

  FakeUpstream upstream{step7_upstream};
};

}  // namespace reinforge::testing
