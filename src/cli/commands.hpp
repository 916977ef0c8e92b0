#pragma once
// The entry points of the subcommands, one file each in cli/ (serve_command.cpp, ...).
#include <string>
#include <vector>

namespace reinforge::cli {

// Every command that opens the store exits with this when its database cannot be reached
// (EX_UNAVAILABLE of sysexits.h), apart from 2 for bad usage.
constexpr int kExitStoreUnreachable = 69;

int run_serve_command(const std::vector<std::string>& args);
int run_import_command(const std::vector<std::string>& args);
int run_export_command(const std::vector<std::string>& args);
int run_tokens_command(const std::vector<std::string>& args);
int run_validate_command(const std::vector<std::string>& args);
int run_keys_command(const std::vector<std::string>& args);
int run_users_command(const std::vector<std::string>& args);
int run_traces_command(const std::vector<std::string>& args);
int run_grade_command(const std::vector<std::string>& args);
int run_topics_command(const std::vector<std::string>& args);
int run_train_command(const std::vector<std::string>& args);
int run_deploy_command(const std::vector<std::string>& args);
int run_benchmark_command(const std::vector<std::string>& args);
int run_generate_command(const std::vector<std::string>& args);
int run_migrate_command(const std::vector<std::string>& args);
}  // namespace reinforge::cli
