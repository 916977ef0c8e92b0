#pragma once
// Runs the real `reinforge` binary ($REINFORGE_BINARY) with arguments, as a user would from a
// shell, and captures what it prints.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace reinforge::testing {

struct CommandRun {
  int status = 0;
  std::string output;
};

// `with_stderr`: fold stderr into the output; otherwise it is dropped.
CommandRun run_reinforge(const std::string& arguments, bool with_stderr = false);
// A shell command line in which $REINFORGE is the binary (to run it in another folder, under
// `timeout`, ...).
CommandRun run_shell_with_reinforge(const std::string& command_line, bool with_stderr = false);
// One JSON value per line of `output`.
std::vector<nlohmann::json> json_lines(const std::string& output);

}  // namespace reinforge::testing
