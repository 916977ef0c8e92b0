// `reinforge train` as a CI pipeline runs it: a run followed to the end in the foreground, one
// JSON line per metric point and a last line with the outcome; exit 0, 1 or 2.
#include <gtest/gtest.h>

#include <fstream>

#include "support/command_run.hpp"
#include "support/temp_dir.hpp"

namespace reinforge::testing {
namespace {

class TrainCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string lines;
    for (int i = 0; i < 24; ++i) {
      lines += R"({"messages":[{"role":"user","content":"What is )" + std::to_string(i) +
               R"( + 1?"},)" + R"({"role":"assistant","content":")" + std::to_string(i + 1) +
               R"("}]})" + "\n";
    }
    write_file(temp.path() / "sums.jsonl", lines);
    write_file(temp.path() / "grader.js",
               "function grade(input) { return input.sample.output_text.trim() === "
               "input.item.reference.output_text ? 1 : 0; }");
    auto imported =
        run_reinforge("import --data-dir " + data() + " --dataset sums " + file("sums.jsonl"));
    ASSERT_EQ(imported.status, 0) << imported.output;
  }

  std::string data() const { return (temp.path() / "data").string(); }
  std::string file(const std::string& name) const { return (temp.path() / name).string(); }
  std::string trainer(int steps) const {
    return "--command 'TRAINER_STEPS=" + std::to_string(steps) +
           " TRAINER_STEP_MS=50 TRAINER_MODEL_NAME=ci-model node " +
           std::string(REINFORGE_SOURCE_DIR) + "/tests/training/external_trainer.mjs'";
  }

  TempDir temp;
};

TEST_F(TrainCommandTest, runs_an_external_trainer_to_the_end_and_prints_json_lines) {
  auto run =
      run_reinforge("train --data-dir " + data() +
                    " --dataset sums --backend external --base-model tiny --grader " +
                    file("grader.js") + " --force --format json --poll-ms 100 " + trainer(6));
  ASSERT_EQ(run.status, 0) << run.output;
  auto lines = json_lines(run.output);
  ASSERT_GE(lines.size(), 7u) << run.output;
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
    EXPECT_TRUE(lines[i].contains("step")) << lines[i].dump();
    EXPECT_TRUE(lines[i].contains("train_reward_mean")) << lines[i].dump();
  }
  EXPECT_EQ(lines.back()["status"], "succeeded");
  EXPECT_EQ(lines.back()["fine_tuned_model"], "ci-model");
}

TEST_F(TrainCommandTest, the_gate_refuses_without_a_dry_run_and_bad_usage_exits_2) {
  auto gated = run_reinforge("train --data-dir " + data() +
                                 " --dataset sums --backend external --base-model tiny --grader " +
                                 file("grader.js"),
                             true);
  EXPECT_EQ(gated.status, 1) << gated.output;
  EXPECT_NE(gated.output.find("No dry run"), std::string::npos) << gated.output;
  EXPECT_EQ(
      run_reinforge("train --data-dir " + data() + " --backend external --base-model tiny").status,
      2);
  EXPECT_EQ(run_reinforge("train --data-dir " + data() +
                          " --dataset sums --backend local --base-model tiny")
                .status,
            2);
  EXPECT_EQ(run_reinforge("train --data-dir " + data() +
                          " --dataset nosuch --backend external --base-model tiny")
                .status,
            2);
  // A script grader has no OpenAI equivalent: said before anything is uploaded.
  auto openai = run_reinforge(
      "train --data-dir " + data() +
          " --dataset sums --backend openai --base-model o4-mini-2025-04-16 --grader " +
          file("grader.js") + " --force",
      true);
  EXPECT_EQ(openai.status, 2) << openai.output;
  EXPECT_NE(openai.output.find("no OpenAI equivalent"), std::string::npos) << openai.output;
  // A dataset that is not ready (no saved grader) is not bad usage: 1, as the gate's refusals.
  auto no_grader = run_reinforge(
      "train --data-dir " + data() + " --dataset sums --backend external --base-model tiny", true);
  EXPECT_EQ(no_grader.status, 1) << no_grader.output;
  EXPECT_NE(no_grader.output.find("Save a grader first"), std::string::npos) << no_grader.output;
}

// Ctrl-C cancels the run and says so, whenever it comes: the command blocks it before the store
// starts a thread (one started earlier took it with the default action, and the run stayed
// 'running' with nobody to end it).
TEST_F(TrainCommandTest, ctrl_c_cancels_the_run_and_exits_1) {
  auto run = run_shell_with_reinforge(
      "timeout --preserve-status -s INT 3 $REINFORGE train --data-dir " + data() +
      " --dataset sums --backend external --base-model tiny --grader " + file("grader.js") +
      " --force --format json --poll-ms 100 " + trainer(400));
  ASSERT_EQ(run.status, 1) << run.output;
  auto lines = json_lines(run.output);
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines.back()["status"], "cancelled") << run.output;
}

// The documented examples give the data directory as a relative path; the trainer runs in its
// run's folder, and its exit status must still land in the file a restarted server reads.
TEST_F(TrainCommandTest, a_relative_data_dir_still_keeps_the_trainer_exit_status) {
  auto run = run_shell_with_reinforge(
      "cd '" + temp.path().string() +
          "' && $REINFORGE train --data-dir data --dataset sums --backend external "
          "--base-model tiny --grader grader.js --force --format json --poll-ms 100 "
          "--command 'exit 3'",
      true);
  EXPECT_EQ(run.status, 1) << run.output;
  EXPECT_EQ(run.output.find("cannot create"), std::string::npos) << run.output;
  std::ifstream exit_status(temp.path() / "data" / "training" / "run-1" / "exit_status");
  int code = -1;
  exit_status >> code;
  EXPECT_EQ(code, 3) << run.output;
}

}  // namespace
}  // namespace reinforge::testing
