// `reinforge topics discover | categorize` on small files a user could have written.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "support/command_run.hpp"
#include "support/temp_dir.hpp"

namespace reinforge::testing {
namespace {

// Three unrelated kinds of request, 20 of each, then an invalid line and a record without a
// user turn. Returns the file and the kind of each of the first 60 lines.
std::pair<std::filesystem::path, std::vector<int>> write_requests(const TempDir& temp) {
  const std::vector<std::vector<std::string>> kinds = {
      {"I want a refund for my order", "how do I get my money back for this purchase",
       "refund the order I returned last week", "my refund has not arrived yet", "can I return this item for a refund"},
      // Lexical topics need shared words: "will it rain" alone says nothing of "weather".
      {"what is the weather tomorrow", "weather forecast for Paris today", "weather forecast for the weekend",
       "is the weather going to be sunny tomorrow", "how cold will the weather be tonight"},
      {"fix this python function that raises KeyError", "write a python script to parse a csv file",
       "why does my python loop never end", "explain this python list comprehension", "python code to sort a dict by value"},
  };
  const std::vector<std::string> openers = {"", "hi, ", "please ", "quick question: "};
  std::ostringstream content;
  std::vector<int> kind_of_line;
  for (int i = 0; i < 60; ++i) {
    int kind = i % 3;
    std::string text = openers[(i / 3) % openers.size()] + kinds[kind][(i / 3) % kinds[kind].size()];
    nlohmann::json record = {{"messages", {{{"role", "user"}, {"content", text}}, {{"role", "assistant"}, {"content", "ok"}}}}};
    content << record.dump() << "\n";
    kind_of_line.push_back(kind);
  }
  content << "{not json\n";
  content << R"({"messages":[{"role":"system","content":"no user here"}]})" << "\n";
  return {write_file(temp / "requests.jsonl", content.str()), kind_of_line};
}

// Each kind mostly lands in one topic (a request sharing no word with its kind, like "how do
// I get my money back", may not) and no two kinds share it.
void expect_kinds_separated(const std::vector<nlohmann::json>& lines, const std::vector<int>& kind_of_line) {
  std::map<int, std::map<std::string, int>> topics_of_kind;
  for (std::size_t i = 0; i < kind_of_line.size(); ++i) {
    ASSERT_TRUE(lines[i]["topic"].is_string()) << lines[i];
    ++topics_of_kind[kind_of_line[i]][lines[i]["topic"].get<std::string>()];
  }
  std::set<std::string> majority_topics;
  for (const auto& [kind, counts] : topics_of_kind) {
    auto best = std::max_element(counts.begin(), counts.end(), [](auto& a, auto& b) { return a.second < b.second; });
    EXPECT_GE(best->second, 15) << "kind " << kind;
    majority_topics.insert(best->first);
  }
  EXPECT_EQ(majority_topics.size(), 3u);
}

TEST(TopicsCommand, DiscoverPrintsATopicPerLineAndNullForInvalidRecords) {
  TempDir temp;
  auto [file, kinds] = write_requests(temp);
  auto run = run_reinforge("topics discover " + file.string() + " --k 3 --format json --topics-out " +
                           (temp / "topics.json").string());
  ASSERT_EQ(run.status, 0);
  auto lines = json_lines(run.output);
  ASSERT_EQ(lines.size(), 62u);
  EXPECT_EQ(lines[0]["line"], 1);
  EXPECT_TRUE(lines[60]["topic"].is_null());  // not JSON
  EXPECT_TRUE(lines[61]["topic"].is_null());  // no user turn
  expect_kinds_separated(lines, kinds);
  for (std::size_t i = 0; i < 60; ++i) {
    EXPECT_GE(lines[i]["confidence"].get<double>(), 0.0);
    EXPECT_LE(lines[i]["confidence"].get<double>(), 1.0);
  }

  auto topics = nlohmann::json::parse(read_file(temp / "topics.json"));
  ASSERT_EQ(topics["topics"].size(), 3u);
  int total = 0;
  bool named_weather = false;
  for (const auto& topic : topics["topics"]) {
    total += topic["records"].get<int>();
    EXPECT_FALSE(topic["keywords"].empty());
    named_weather |= topic["name"].get<std::string>().find("weather") != std::string::npos;
  }
  EXPECT_EQ(total, 60);
  EXPECT_TRUE(named_weather) << topics.dump();
}

TEST(TopicsCommand, CategorizeAgainstAHandWrittenTopicSet) {
  TempDir temp;
  auto [file, kinds] = write_requests(temp);
  auto topics = write_file(temp / "mine.json", R"({"version": 1, "topics": [
    {"id": "refunds", "name": "Refunds", "description": "Customers asking for their money back on an order"},
    {"id": "weather", "name": "Weather", "description": "Forecasts: rain, sun, temperature"},
    {"id": "code", "name": "Python code", "description": "Writing and fixing Python programs"}]})");
  auto run = run_reinforge("topics categorize " + file.string() + " --topics " + topics.string() + " --format json");
  ASSERT_EQ(run.status, 0);
  auto lines = json_lines(run.output);
  ASSERT_EQ(lines.size(), 62u);
  const std::vector<std::string> expected = {"refunds", "weather", "code"};
  int right = 0;
  for (std::size_t i = 0; i < 60; ++i) right += lines[i]["topic"] == expected[kinds[i]];
  EXPECT_GE(right, 57);
  EXPECT_TRUE(lines[60]["topic"].is_null());
}

TEST(TopicsCommand, ABrokenTopicSetIsRefusedWithThePlaceOfTheProblem) {
  TempDir temp;
  auto [file, kinds] = write_requests(temp);
  auto topics = write_file(temp / "bad.json", R"({"topics": [{"name": "A", "target_share": 2}]})");
  auto [status, output] = run_reinforge("topics categorize " + file.string() + " --topics " + topics.string(), true);
  EXPECT_NE(status, 0);
  EXPECT_NE(output.find("topics[0].target_share"), std::string::npos) << output;
}

}  // namespace
}  // namespace reinforge::testing
