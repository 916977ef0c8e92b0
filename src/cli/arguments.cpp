#include "cli/arguments.hpp"

#include <charconv>

namespace reinforge::cli {

Arguments::Arguments(const std::vector<std::string>& args, std::set<std::string> flags) {
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.rfind("--", 0) != 0 || arg == "--") {
      positionals_.push_back(arg);
      continue;
    }
    std::string name = arg.substr(2);
    if (auto equals = name.find('='); equals != std::string::npos) {
      options_[name.substr(0, equals)] = name.substr(equals + 1);
      in_order_.emplace_back(name.substr(0, equals), name.substr(equals + 1));
    } else if (flags.count(name)) {
      flags_set_.insert(name);
    } else {
      // Said later: an unknown option last on the line is unknown, not short of a value.
      if (i + 1 >= args.size()) {
        missing_value_ = name;
        continue;
      }
      options_[name] = args[++i];
      in_order_.emplace_back(name, args[i]);
    }
  }
}

std::optional<std::string> Arguments::option(const std::string& name) const {
  if (missing_value_ == name) throw UsageError("--" + name + " needs a value");
  auto it = options_.find(name);
  if (it == options_.end()) return std::nullopt;
  return it->second;
}

std::string Arguments::option_or(const std::string& name, const std::string& fallback) const {
  return option(name).value_or(fallback);
}

namespace {

std::optional<long long> parsed_integer_at_least(const Arguments& arguments,
                                                 const std::string& name, long long least,
                                                 const char* wanted) {
  auto text = arguments.option(name);
  if (!text) return std::nullopt;
  long long value = 0;
  auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (error != std::errc() || end != text->data() + text->size() || value < least) {
    throw UsageError("--" + name + " wants " + wanted + ", got '" + *text + "'");
  }
  return value;
}

}  // namespace

std::optional<long long> Arguments::integer_option(const std::string& name) const {
  return parsed_integer_at_least(*this, name, 0, "a non-negative integer");
}

std::optional<long long> Arguments::positive_integer_option(const std::string& name) const {
  return parsed_integer_at_least(*this, name, 1, "a positive integer");
}

std::vector<std::string> Arguments::all_of(const std::string& name) const {
  std::vector<std::string> values;
  for (const auto& [option, value] : in_order_) {
    if (option == name) values.push_back(value);
  }
  return values;
}

bool Arguments::flag(const std::string& name) const { return flags_set_.count(name) > 0; }

void Arguments::reject_unknown(const std::set<std::string>& known) const {
  for (const auto& [name, value] : options_) {
    if (!known.count(name)) throw UsageError("unknown option --" + name);
  }
  for (const auto& name : flags_set_) {
    if (!known.count(name)) throw UsageError("unknown option --" + name);
  }
  if (missing_value_) {
    if (!known.count(*missing_value_)) throw UsageError("unknown option --" + *missing_value_);
    throw UsageError("--" + *missing_value_ + " needs a value");
  }
}

}  // namespace reinforge::cli
