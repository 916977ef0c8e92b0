#pragma once
// Command-line arguments: `--name value`, `--name=value`, `--flag` and positionals.
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace reinforge::cli {

// A usage error: the command prints it with its usage line and exits with status 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class Arguments {
 public:
  // `flags` names the options that take no value; every other `--name` takes one.
  Arguments(const std::vector<std::string>& args, std::set<std::string> flags = {});

  std::optional<std::string> option(const std::string& name) const;
  std::string option_or(const std::string& name, const std::string& fallback) const;
  // Parses an unsigned integer option, throwing UsageError on anything else.
  std::optional<long long> integer_option(const std::string& name) const;
  // As integer_option, for counts where 0 means nothing (threads, k): 0 is refused in the same
  // words as -1 or "abc".
  std::optional<long long> positive_integer_option(const std::string& name) const;
  // Every value of an option given several times (--topic A --topic B), in order; `option`
  // returns the last.
  std::vector<std::string> all_of(const std::string& name) const;
  bool flag(const std::string& name) const;
  const std::vector<std::string>& positionals() const { return positionals_; }
  // Throws UsageError naming any option outside `known`.
  void reject_unknown(const std::set<std::string>& known) const;

 private:
  std::map<std::string, std::string> options_;
  std::vector<std::pair<std::string, std::string>> in_order_;
  std::set<std::string> flags_set_;
  std::vector<std::string> positionals_;
  std::optional<std::string> missing_value_;  // an option last on the line, with no value after it
};

}  // namespace reinforge::cli
