// What a generation call's answer becomes: record lines in the dataset's format, or a problem
// of the whole answer; and what the request asks for.
#include "generation/generated_answer.hpp"

#include <gtest/gtest.h>

#include "generation/generation_request.hpp"

namespace reinforge::generation {
namespace {

using json = nlohmann::json;

json message_with(const std::string& content) {
  return {{"role", "assistant"}, {"content", content}};
}

TEST(GeneratedAnswer, copies_the_shared_system_prompt_and_tools_into_every_record) {
  RecordShape shape;
  shape.system_message = json{{"role", "system"}, {"content", "You are the billing assistant."}};
  shape.tools = json::array({{{"type", "function"}, {"function", {{"name", "refund"}}}}});
  json answer = {
      {"records",
       {{{"messages",
          {{{"role", "user"},
            {"content", "refund my order"},
            {"tool_calls", nullptr},
            {"tool_call_id", nullptr}},
           {{"role", "assistant"},
            {"content", nullptr},
            {"tool_calls", {{{"id", "c1"}, {"name", "refund"}, {"arguments", "{\"order\":1}"}}}},
            {"tool_call_id", nullptr}},
           {{"role", "tool"}, {"content", "done"}, {"tool_calls", nullptr}, {"tool_call_id", "c1"}},
           {{"role", "assistant"},
            {"content", "Refunded."},
            {"tool_calls", nullptr},
            {"tool_call_id", nullptr}}}}}}}};
  auto read = read_generated_answer(message_with(answer.dump()), shape);
  ASSERT_EQ(read.problem, AnswerProblem::none);
  ASSERT_EQ(read.records.size(), 1u);
  auto record = json::parse(read.records[0]);
  EXPECT_EQ(record["messages"][0], *shape.system_message);
  EXPECT_EQ(record["tools"], *shape.tools);
  const auto& call = record["messages"][2]["tool_calls"][0];
  EXPECT_EQ(call["type"], "function");
  EXPECT_EQ(call["function"]["name"], "refund");
  EXPECT_EQ(call["function"]["arguments"], "{\"order\":1}");
  EXPECT_FALSE(record["messages"][1].contains("tool_calls"));  // null fields dropped
  EXPECT_EQ(record["messages"][3]["tool_call_id"], "c1");
}

TEST(GeneratedAnswer, names_what_is_wrong_with_an_unusable_answer) {
  RecordShape shape;
  json refusal = {
      {"role", "assistant"}, {"content", nullptr}, {"refusal", "I can't help with that."}};
  EXPECT_EQ(read_generated_answer(refusal, shape).problem, AnswerProblem::refusal);
  EXPECT_EQ(read_generated_answer(message_with("Sure! Here are some records:"), shape).problem,
            AnswerProblem::not_json);
  EXPECT_EQ(read_generated_answer(message_with(R"({"items": []})"), shape).problem,
            AnswerProblem::wrong_shape);
  EXPECT_EQ(read_generated_answer(json{{"role", "assistant"}}, shape).problem,
            AnswerProblem::not_json);
}

TEST(GeneratedAnswer, reads_a_fenced_answer_and_keeps_malformed_records_for_the_health_gate) {
  RecordShape shape;
  auto read =
      read_generated_answer(message_with("```json\n{\"records\": [{\"messages\": [{\"role\": "
                                         "\"user\", \"content\": \"hi\"}]}, 42, "
                                         "{\"no_messages\": true}]}\n```"),
                            shape);
  ASSERT_EQ(read.problem, AnswerProblem::none);
  ASSERT_EQ(read.records.size(), 3u);
  EXPECT_EQ(read.records[1], "42");
  EXPECT_EQ(json::parse(read.records[2]), json::parse(R"({"no_messages": true})"));
}

TEST(GenerationRequest, asks_for_structured_records_with_the_topic_and_varied_seeds) {
  GenerationCall call;
  call.model = "writer";
  call.objective = "answer billing questions";
  call.topic = {"t3", "Refunds", "Customers asking for their money back", {"refund"}, {}};
  call.shape.system_message =
      json{{"role", "system"}, {"content", "You are the billing assistant."}};
  call.shape.records = 10;
  call.shape.reference_share = 1;
  call.seeds = {json::parse(
      R"({"messages":[{"role":"system","content":"You are the billing assistant."},)"
      R"({"role":"user","content":"refund please"},{"role":"assistant","content":"ok"}]})")};
  call.count = 4;
  auto request = generation_request(call);
  EXPECT_EQ(request["model"], "writer");
  EXPECT_EQ(request["response_format"]["type"], "json_schema");
  EXPECT_TRUE(request["response_format"]["json_schema"]["strict"].get<bool>());
  auto system = request["messages"][0]["content"].get<std::string>();
  EXPECT_NE(system.find("Topic of the records to write: Refunds"), std::string::npos);
  EXPECT_NE(system.find("Write 4 new records"), std::string::npos);
  EXPECT_NE(system.find("answer billing questions"), std::string::npos);
  EXPECT_NE(system.find("reference"), std::string::npos);
  auto user = request["messages"][1]["content"].get<std::string>();
  EXPECT_NE(user.find("refund please"), std::string::npos);
  // The shared system prompt is said once, in the instructions, not in every example.
  EXPECT_EQ(user.find("You are the billing assistant."), std::string::npos);
  // Without tools the schema has no tool fields.
  EXPECT_FALSE(
      answer_schema(
          false)["properties"]["records"]["items"]["properties"]["messages"]["items"]["properties"]
          .contains("tool_calls"));
  EXPECT_TRUE(
      answer_schema(
          true)["properties"]["records"]["items"]["properties"]["messages"]["items"]["properties"]
          .contains("tool_calls"));
}

TEST(GenerationRequest, a_topic_without_records_is_described_by_its_name_and_examples) {
  GenerationCall call;
  call.topic = {"t9", "Lost cards", "", {}, {"I lost my card", "my card was stolen"}};
  auto user = generation_request(call)["messages"][1]["content"].get<std::string>();
  EXPECT_NE(user.find("no real records"), std::string::npos);
  EXPECT_NE(user.find("my card was stolen"), std::string::npos);
}

}  // namespace
}  // namespace reinforge::generation
