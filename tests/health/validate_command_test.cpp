#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/command_run.hpp"
#include "support/temp_dir.hpp"

namespace reinforge::testing {
namespace {

TEST(ValidateCommand, prints_one_verdict_per_record_with_physical_line_numbers) {
  TempDir temp;
  auto file = write_file(temp / "mixed.jsonl",
                         R"({"messages":[{"role":"user","content":"hi"}]})" "\n"
                         "\n"
                         "not json\r\n"
                         R"({"messages":[{"role":"assistant","content":"x"}]})" "\n"
                         R"({"messages":[{"role":"user","content":"ok"}],"extra":1})");
  auto run = run_reinforge("validate --format json " + file.string());
  EXPECT_EQ(run.status, 1);
  auto lines = json_lines(run.output);
  ASSERT_EQ(lines.size(), 4u);  // the blank line 2 is skipped but still counted
  EXPECT_EQ(lines[0]["line"], 1);
  EXPECT_TRUE(lines[0]["valid"].get<bool>());
  EXPECT_EQ(lines[0]["issues"].size(), 0u);
  EXPECT_EQ(lines[1]["line"], 3);
  EXPECT_EQ(lines[1]["issues"][0]["code"], "invalid_json");
  EXPECT_EQ(lines[1]["issues"][0]["severity"], "error");
  EXPECT_EQ(lines[2]["line"], 4);
  EXPECT_EQ(lines[2]["issues"][0]["code"], "no_user_message");
  EXPECT_EQ(lines[3]["line"], 5);
  EXPECT_TRUE(lines[3]["valid"].get<bool>());
  EXPECT_EQ(lines[3]["issues"][0]["code"], "unknown_key");
  EXPECT_EQ(lines[3]["issues"][0]["severity"], "warning");
}

TEST(ValidateCommand, exit_status_says_whether_all_records_are_valid) {
  TempDir temp;
  auto good = write_file(temp / "good.jsonl", R"({"messages":[{"role":"user","content":"hi"}]})" "\n");
  auto good_run = run_reinforge("validate " + good.string());
  EXPECT_EQ(good_run.status, 0);
  EXPECT_NE(good_run.output.find("1 records, 1 valid, 0 invalid"), std::string::npos) << good_run.output;
  EXPECT_EQ(run_reinforge("validate " + (temp / "missing.jsonl").string()).status, 2);
  EXPECT_EQ(run_reinforge("validate --format yaml " + good.string()).status, 2);
  EXPECT_EQ(run_reinforge("validate").status, 2);
}

TEST(ValidateCommand, max_tokens_and_encoding_options_apply) {
  TempDir temp;
  auto file = write_file(temp / "f.jsonl", R"({"messages":[{"role":"user","content":"one two three four five six seven"}]})" "\n");
  auto run = run_reinforge("validate --format json --max-tokens 5 --encoding cl100k_base " + file.string());
  EXPECT_EQ(run.status, 1);
  auto lines = json_lines(run.output);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0]["issues"][0]["code"], "too_many_tokens");
  EXPECT_NE(lines[0]["issues"][0]["message"].get<std::string>().find("cl100k_base"), std::string::npos);
}

}  // namespace
}  // namespace reinforge::testing
