#pragma once
// The entry points of the subcommands, one file each in cli/ (serve_command.cpp, ...).
#include <string>
#include <vector>

namespace reinforge::cli {
}  // namespace reinforge::cli
