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

TEST(ValidateCommand, crlf_lines_validate_like_lf_lines_and_duplicates_are_warned) {
  TempDir temp;
  auto file = write_file(temp / "crlf.jsonl",
                         "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}\r\n"
                         "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}\r\n"
                         "{oops\r\n");
  auto run = run_reinforge("validate --format json " + file.string());
  EXPECT_EQ(run.status, 1);
  auto lines = json_lines(run.output);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_TRUE(lines[1]["valid"].get<bool>());
  EXPECT_EQ(lines[1]["issues"][0]["code"], "duplicate_record");
  auto message = lines[2]["issues"][0]["message"].get<std::string>();
  EXPECT_NE(message.find("column 2"), std::string::npos) << message;
  EXPECT_EQ(message.find("U+000D"), std::string::npos) << message;  // the CR is not part of the record
}

// An option last on the line is told apart: unknown, or known and short of its value.
TEST(ValidateCommand, an_option_last_on_the_line_is_unknown_or_short_of_its_value) {
  TempDir temp;
  auto file = write_file(temp / "one.jsonl", R"({"messages":[{"role":"user","content":"hi"}]})");
  auto unknown = run_reinforge("validate " + file.string() + " --bogus", true);
  EXPECT_EQ(unknown.status, 2);
  EXPECT_NE(unknown.output.find("unknown option --bogus"), std::string::npos) << unknown.output;
  auto short_of_value = run_reinforge("validate " + file.string() + " --format", true);
  EXPECT_EQ(short_of_value.status, 2);
  EXPECT_NE(short_of_value.output.find("--format needs a value"), std::string::npos)
      << short_of_value.output;
}

// A count where 0 means nothing: 0, -1 and "abc" are refused in the same words, for validate's
// --max-tokens as for tokens' --threads (one parser for both).
TEST(ValidateCommand, a_count_of_zero_is_refused_like_any_other_non_positive_count) {
  TempDir temp;
  auto file = write_file(temp / "one.jsonl", R"({"messages":[{"role":"user","content":"hi"}]})");
  for (std::string value : {"0", "-1", "abc"}) {
    for (std::string command : {"validate --max-tokens ", "tokens --threads "}) {
      std::string option =
          command.substr(command.find("--"), command.size() - command.find("--") - 1);
      auto run = run_reinforge(command + value + " " + file.string(), true);
      EXPECT_EQ(run.status, 2) << command << value;
      EXPECT_NE(run.output.find(option + " wants a positive integer, got '" + value + "'"),
                std::string::npos)
          << run.output;
    }
  }
}

TEST(ValidateCommand, the_human_summary_counts_codes_and_shows_the_first_errors) {
  TempDir temp;
  auto file = write_file(temp / "mixed.jsonl",
                         R"({"messages":[{"role":"user","content":"hi"}],"answer":"x"})" "\n"
                         "\n"
                         R"({"messages":[{"role":"robot","content":"x"},{"role":"user","content":"y"}]})" "\n"
                         R"({"messages":[]})" "\n");
  auto run = run_reinforge("validate " + file.string());
  EXPECT_EQ(run.status, 1);
  EXPECT_NE(run.output.find("3 records, 1 valid, 2 invalid"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("1 blank lines skipped"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("error   unknown_role: 1 (line 3)"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("warning unknown_key: 1 (line 1)"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("line 3: unknown_role: messages[0] has role \"robot\""), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("line 4: empty_messages"), std::string::npos) << run.output;
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
