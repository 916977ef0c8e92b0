// One conversation shape whatever the protocol, and the hashes that follow a stateless client's
// calls into one session.
#include "gateway/call_conversation.hpp"

#include <gtest/gtest.h>

namespace reinforge::gateway {
namespace {

using nlohmann::json;

json chat_answer(const std::string& text) {
  return {{"choices", {{{"message", {{"role", "assistant"}, {"content", text}}}}}}};
}

TEST(CallConversation, a_stateless_chat_client_extends_its_previous_call) {
  json first{
      {"model", "m"},
      {"messages",
       {{{"role", "system"}, {"content", "Be brief."}}, {{"role", "user"}, {"content", "Hi"}}}}};
  auto one = call_conversation("chat.completions", first.dump(), chat_answer("Hello!").dump(),
                               json::array());
  ASSERT_TRUE(one);
  EXPECT_FALSE(one->extends);  // nothing before it
  // The same conversation hashes alike whichever path reads it.
  auto three_messages = first["messages"];
  three_messages.push_back({{"role", "assistant"}, {"content", "Hello!"}});
  EXPECT_EQ(one->hash, messages_hash(three_messages, 3));

  // The next call resends the history with the answer (as SDKs echo it, with extra fields).
  json second = first;
  second["messages"].push_back(
      {{"role", "assistant"}, {"content", "Hello!"}, {"refusal", nullptr}});
  second["messages"].push_back({{"role", "user"}, {"content", "And?"}});
  auto two = call_conversation("chat.completions", second.dump(), chat_answer("Bye.").dump(),
                               json::array());
  ASSERT_TRUE(two && two->extends);
  EXPECT_EQ(*two->extends, one->hash);
  EXPECT_NE(two->hash, one->hash);

  // A different history does not join.
  json other = second;
  other["messages"][2]["content"] = "Something else";
  auto three =
      call_conversation("chat.completions", other.dump(), chat_answer("?").dump(), json::array());
  EXPECT_NE(*three->extends, one->hash);
}

TEST(CallConversation, a_responses_call_is_a_chat_record_with_what_its_chain_put_before_it) {
  json request{{"model", "m"},
               {"instructions", "Be brief."},
               {"input", "And?"},
               {"previous_response_id", "resp_1"}};
  json previous = json::array(
      {{{"role", "user"}, {"content", "Hi"}}, {{"role", "assistant"}, {"content", "Hello!"}}});
  json text_part{{"type", "output_text"}, {"text", "Bye."}};
  json item{{"type", "message"}, {"role", "assistant"}, {"content", json::array({text_part})}};
  json response{{"id", "resp_2"}, {"object", "response"}, {"output", json::array({item})}};
  auto conversation = call_conversation("responses", request.dump(), response.dump(), previous);
  ASSERT_TRUE(conversation);
  const auto& messages = conversation->record["messages"];
  ASSERT_EQ(messages.size(), 5u);
  EXPECT_EQ(messages[0]["role"], "system");
  EXPECT_EQ(messages[1]["content"], "Hi");
  EXPECT_EQ(messages[3]["content"], "And?");
  EXPECT_EQ(messages[4]["content"], "Bye.");
}

TEST(CallConversation, a_messages_call_with_a_tool_round_trip_keeps_calls_and_results_in_order) {
  json request{{"model", "claude"},
               {"max_tokens", 100},
               {"system", "Use tools."},
               {"tools", {{{"name", "get_weather"}, {"input_schema", {{"type", "object"}}}}}},
               {"messages",
                {{{"role", "user"}, {"content", "Weather in Paris?"}},
                 {{"role", "assistant"},
                  {"content",
                   {{{"type", "tool_use"},
                     {"id", "toolu_1"},
                     {"name", "get_weather"},
                     {"input", {{"city", "Paris"}}}}}}},
                 {{"role", "user"},
                  {"content",
                   {{{"type", "tool_result"}, {"tool_use_id", "toolu_1"}, {"content", "18C"}}}}}}}};
  json answer{{"type", "message"},
              {"role", "assistant"},
              {"content", {{{"type", "text"}, {"text", "It is 18C."}}}}};
  auto conversation = call_conversation("messages", request.dump(), answer.dump(), json::array());
  ASSERT_TRUE(conversation);
  const auto& messages = conversation->record["messages"];
  ASSERT_EQ(messages.size(), 5u);
  EXPECT_EQ(messages[2]["tool_calls"][0]["function"]["name"], "get_weather");
  EXPECT_EQ(messages[3]["role"], "tool");
  EXPECT_EQ(messages[3]["tool_call_id"], "toolu_1");
  EXPECT_EQ(messages[4]["content"], "It is 18C.");
  EXPECT_EQ(conversation->record["tools"][0]["function"]["name"], "get_weather");
  EXPECT_TRUE(conversation->extends);
}

TEST(CallConversation, a_stored_conversation_puts_the_answer_after_what_came_before) {
  json before = json::parse(R"([{"role": "user", "content": "hi"}])");
  std::string answer = R"({"content":"hello","role":"assistant"})";
  json stored = json::parse(stored_conversation_json(before, answer));
  EXPECT_EQ(stored, json::parse(R"({"messages": [{"role": "user", "content": "hi"},
                                                  {"role": "assistant", "content": "hello"}]})"));
  EXPECT_EQ(json::parse(stored_conversation_json(json::array(), answer))["messages"].size(), 1u);
  EXPECT_EQ(previous_turns(stored_conversation_json(before, answer)).size(), 2u);
}

TEST(CallConversation, what_is_not_a_conversation_has_none) {
  EXPECT_FALSE(
      call_conversation("embeddings", R"({"input": "x"})", R"({"data": []})", json::array()));
  EXPECT_FALSE(call_conversation("chat.completions", "not json", "{}", json::array()));
  EXPECT_FALSE(
      call_conversation("responses", R"({"input": "x"})", R"({"error": {}})", json::array()));
  EXPECT_EQ(
      previous_turns(
          R"({"messages": [{"role": "system", "content": "s"}, {"role": "user", "content": "u"}]})")
          .size(),
      1u);
}

}  // namespace
}  // namespace reinforge::gateway
