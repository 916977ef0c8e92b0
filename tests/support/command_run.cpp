#include "support/command_run.hpp"

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <sstream>
#include <stdexcept>

#include "support/server_process.hpp"

namespace reinforge::testing {

namespace {

CommandRun run_command(const std::string& command_line, bool with_stderr) {
  std::string command = "(" + command_line + ")" + (with_stderr ? " 2>&1" : " 2>/dev/null");
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) throw std::runtime_error("cannot run " + command);
  CommandRun run;
  std::array<char, 4096> buffer;
  while (std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) run.output.append(buffer.data(), n);
  run.status = WEXITSTATUS(pclose(pipe));
  return run;
}

}  // namespace

CommandRun run_reinforge(const std::string& arguments, bool with_stderr) {
  return run_command(reinforge_binary().string() + " " + arguments, with_stderr);
}

CommandRun run_shell_with_reinforge(const std::string& command_line, bool with_stderr) {
  return run_command("REINFORGE='" + reinforge_binary().string() + "'; " + command_line,
                     with_stderr);
}

std::vector<nlohmann::json> json_lines(const std::string& output) {
  std::vector<nlohmann::json> lines;
  std::istringstream in(output);
  for (std::string line; std::getline(in, line);) lines.push_back(nlohmann::json::parse(line));
  return lines;
}

}  // namespace reinforge::testing
