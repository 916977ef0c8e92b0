// `reinforge grade` end to end: the real binary on a JSONL file, with a script and with a judge
// served by a local OpenAI-compatible server.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sys/wait.h>

#include "providers/fake_upstream.hpp"
#include "support/command_run.hpp"

namespace {

// The binary's stdout and stderr together, as a user at a terminal sees them.
reinforge::testing::CommandRun run(const std::string& arguments) {
  return reinforge::testing::run_reinforge(arguments, true);
}

std::string write(const std::string& name, const std::string& content) {
  auto path = std::filesystem::temp_directory_path() / ("reinforge-grade-test-" + std::to_string(getpid()) + "-" + name);
  std::ofstream(path) << content;
  return path.string();
}


const std::string kRecords =
    R"({"messages":[{"role":"user","content":"2+2"},{"role":"assistant","content":"4"}],"expected":"4"})" "\n"
    R"({"messages":[{"role":"user","content":"x"},{"role":"assistant","content":"loop"}]})" "\n"
    "not json\n"
    "\n"
    R"({"messages":[{"role":"user","content":"x"},{"role":"assistant","content":"escape"}]})" "\n"
    R"({"messages":[{"role":"user","content":"2+2"},{"role":"assistant","content":"5"}],"expected":"4"})" "\n";

}  // namespace

TEST(GradeCommand, grades_every_line_with_a_script_and_keeps_going_after_hostile_ones) {
  auto script = write("g.js", R"(function grade(input) {
    const out = input.sample.output_text;
    console.log('saw ' + out);
    if (out === 'loop') while (true) {}
    if (out === 'escape') return this.constructor.constructor('return process')().exit(1);
    return {score: out === input.item.expected ? 1 : 0, reason: 'expected ' + input.item.expected};
  })");
  auto result = run("grade --script " + script + " --cpu-ms 50 --format json " + write("r.jsonl", kRecords));
  ASSERT_EQ(result.status, 0) << result.output;
  auto lines = reinforge::testing::json_lines(result.output);
  ASSERT_EQ(lines.size(), 5u) << result.output;
  EXPECT_EQ(result.output.substr(0, result.output.find('\n')), R"({"line":1,"score":1.0,"reason":"expected 4","error":"","logs":["saw 4"]})");
  EXPECT_EQ(lines[1]["line"], 2);
  EXPECT_TRUE(lines[1]["score"].is_null());
  EXPECT_EQ(lines[1]["error"], "CPU time limit exceeded (50 ms)");
  EXPECT_EQ(lines[2]["line"], 3);
  EXPECT_EQ(lines[2]["error"], "the line is not a JSON object");
  EXPECT_EQ(lines[3]["line"], 5) << "blank lines are skipped but counted";
  EXPECT_NE(lines[3]["error"].get<std::string>().find("Code generation from strings disallowed"), std::string::npos);
  EXPECT_EQ(lines[4]["score"], 0.0);
}

TEST(GradeCommand, grades_with_a_judge_and_never_prints_its_key) {
  const std::string key = "sk-grade-command-secret-0001";
  reinforge::testing::FakeUpstream upstream([&](const reinforge::testing::FakeRequest& request) {
    EXPECT_EQ(request.headers.at("authorization"), "Bearer " + key);
    std::string prompt = request.json()["messages"][0]["content"];
    if (prompt.find("Answer: 5") != std::string::npos) return reinforge::testing::chat_completion_response("I think it is wrong");
    return reinforge::testing::chat_completion_response(R"({"score": 0.8, "reason": "close"})");
  });
  nlohmann::json judge = {{"model", "judge"},
                          {"prompt", "Question: {{item.messages.0.content}} Answer: {{sample.output_text}}"},
                          {"provider", {{"base_url", upstream.base_url()}, {"api_key_env", "GRADE_TEST_KEY"}, {"max_retries", 0}}}};
  setenv("GRADE_TEST_KEY", key.c_str(), 1);
  auto records = write("j.jsonl",
                       R"({"messages":[{"role":"user","content":"2+2"},{"role":"assistant","content":"4"}]})" "\n"
                       R"({"messages":[{"role":"user","content":"2+2"},{"role":"assistant","content":"5"}]})" "\n");
  auto result = run("grade --judge " + write("judge.json", judge.dump()) + " --format json " + records);
  ASSERT_EQ(result.status, 0) << result.output;
  EXPECT_EQ(result.output.find(key), std::string::npos);
  auto lines = reinforge::testing::json_lines(result.output);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0]["score"], 0.8);
  EXPECT_EQ(lines[0]["reason"], "close");
  EXPECT_TRUE(lines[1]["score"].is_null());
  EXPECT_NE(lines[1]["error"].get<std::string>().find("not a JSON object"), std::string::npos);

  unsetenv("GRADE_TEST_KEY");
  auto missing_key = run("grade --judge " + write("judge.json", judge.dump()) + " " + records);
  EXPECT_EQ(missing_key.status, 2);
  EXPECT_NE(missing_key.output.find("GRADE_TEST_KEY is not set"), std::string::npos) << missing_key.output;
}

TEST(GradeCommand, usage_and_io_errors_exit_2) {
  auto records = write("u.jsonl", kRecords);
  EXPECT_EQ(run("grade " + records).status, 2) << "no grader";
  EXPECT_EQ(run("grade --script /nonexistent/g.js " + records).status, 2);
  EXPECT_EQ(run("grade --script " + write("ok.js", "function grade(){return 1}") + " /nonexistent.jsonl").status, 2);
  auto syntax = run("grade --script " + write("bad.js", "function grade( {") + " " + records);
  EXPECT_EQ(syntax.status, 2);
  EXPECT_NE(syntax.output.find("SyntaxError"), std::string::npos);
  EXPECT_EQ(run("grade --script " + write("ok.js", "function grade(){return 1}") + " --format xml " + records).status, 2);
}
