#pragma once
// This server's name in the jobs' leases (docs/architecture.md, "Jobs and crash safety"): the
// machine's host name and a random suffix, kept in the data directory so that a restart is
// recognised as the same instance and takes its own running jobs back at once.
#include <filesystem>
#include <string>

namespace reinforge::cli {

std::string instance_name(const std::filesystem::path& data_dir);

}  // namespace reinforge::cli
