#pragma once
#include <string>
#include <vector>

namespace reinforge::cli {

// One `reinforge <name>` subcommand. `run` gets the arguments after the name and returns
// the exit status; it may throw UsageError (status 2, usage printed).
struct Command {
  const char* name;
  const char* usage;    // "reinforge tokens [--encoding E] FILE.jsonl"
  const char* summary;  // one line for `reinforge --help`
  int (*run)(const std::vector<std::string>& args);
};

const std::vector<Command>& all_commands();
int run_main(int argc, char** argv);

}  // namespace reinforge::cli
