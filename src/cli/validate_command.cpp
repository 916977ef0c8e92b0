#include <algorithm>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <thread>
#include <unordered_set>

#include "cli/arguments.hpp"
#include "cli/commands.hpp"
#include "cli/stored_dataset.hpp"
#include "health/record_validator.hpp"
#include "records/line_reader.hpp"
#include "records/record_builder.hpp"

namespace reinforge::cli {

namespace {

struct Line {
  int64_t number = 0;
  std::string text;
  health::RecordVerdict verdict;
};

bool is_blank(std::string_view line) {
  return std::all_of(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

// Validates a batch on every core; each validator takes an interleaved share of the lines.
void validate_batch(std::vector<health::RecordValidator>& validators, std::vector<Line>& batch) {
  auto work = [&](std::size_t worker) {
    for (std::size_t i = worker; i < batch.size(); i += validators.size()) {
      batch[i].verdict = validators[worker].validate(batch[i].text);
    }
  };
  std::vector<std::thread> threads;
  for (std::size_t worker = 1; worker < validators.size(); ++worker) threads.emplace_back(work, worker);
  work(0);
  for (auto& thread : threads) thread.join();
}

struct Problem {
  int64_t line;
  health::Issue issue;
};

struct Summary {
  static constexpr std::size_t kProblemsShown = 10;
  int64_t records = 0;
  int64_t invalid = 0;
  int64_t blank = 0;
  std::map<std::string, std::pair<int64_t, std::vector<int64_t>>> by_code;  // count, first lines
  std::vector<Problem> first_errors;  // what a person fixes first: errors, in file order
};

void print_summary(const Summary& summary, const std::string& file) {
  double percent = summary.records ? 100.0 * summary.invalid / summary.records : 0;
  std::cout << file << ": " << summary.records << " records, " << summary.records - summary.invalid
            << " valid, " << summary.invalid << " invalid";
  if (summary.records) std::cout << " (" << static_cast<int>(percent * 10 + 0.5) / 10.0 << "%)";
  if (summary.blank) std::cout << "; " << summary.blank << " blank lines skipped";
  std::cout << "\n";
  // Errors before warnings, each group by code name.
  for (auto shown : {health::Severity::error, health::Severity::warning}) {
    for (const auto& [code, entry] : summary.by_code) {
      if (health::severity_of(*health::issue_code_from_string(code)) != shown) continue;
      std::cout << "  " << (shown == health::Severity::error ? "error   " : "warning ") << code << ": "
                << entry.first << (entry.first == 1 ? " (line" : " (lines");
      for (auto line : entry.second) std::cout << " " << line;
      if (entry.first > static_cast<int64_t>(entry.second.size())) std::cout << " …";
      std::cout << ")\n";
    }
  }
  if (!summary.first_errors.empty()) std::cout << "first errors:\n";
  for (const auto& problem : summary.first_errors) {
    std::cout << "  line " << problem.line << ": " << health::to_string(problem.issue.code) << ": "
              << problem.issue.message << "\n";
  }
}

}  // namespace

int run_validate_command(const std::vector<std::string>& args) {
  Arguments arguments(args);
  arguments.reject_unknown({"format", "max-tokens", "encoding"});
  if (arguments.positionals().size() != 1) throw UsageError("give exactly one FILE.jsonl");
  auto format = text_or_json_format(arguments);
  health::ValidationOptions options;
  auto encoding = tokenize::encoding_from_string(arguments.option_or("encoding", "o200k_base"));
  if (!encoding) throw UsageError("--encoding must be o200k_base or cl100k_base");
  options.encoding = *encoding;
  if (auto max_tokens = arguments.positive_integer_option("max-tokens")) {
    options.max_tokens = static_cast<std::size_t>(*max_tokens);
  }
  const std::string& file = arguments.positionals()[0];
  std::unique_ptr<records::LineReader> reader;
  try {
    reader = std::make_unique<records::LineReader>(file);
  } catch (const std::exception& error) {
    std::cerr << "reinforge validate: " << error.what() << "\n";
    return 2;
  }

  std::vector<health::RecordValidator> validators;
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  for (unsigned i = 0; i < threads; ++i) validators.emplace_back(options);

  Summary summary;
  std::unordered_set<uint64_t> seen;
  int64_t line_number = 0;
  std::string_view text;
  std::string out;
  bool more = true;
  while (more) {
    std::vector<Line> batch;
    while (batch.size() < 4096 && (more = reader->next(text))) {
      ++line_number;
      if (is_blank(text)) {
        ++summary.blank;  // skipped, as import skips them; numbering still counts them
        continue;
      }
      if (text.ends_with('\r')) text.remove_suffix(1);  // CRLF files
      batch.push_back({line_number, std::string(text), {}});
    }
    validate_batch(validators, batch);
    for (auto& line : batch) {
      auto& verdict = line.verdict;
      if (!seen.insert(records::content_hash(line.text)).second && verdict.valid) {
        verdict.issues.push_back({health::IssueCode::duplicate_record,
                                  "This record is an exact duplicate of an earlier line.", ""});
      }
      ++summary.records;
      if (!verdict.valid) ++summary.invalid;
      for (const auto& issue : verdict.issues) {
        auto& entry = summary.by_code[std::string(health::to_string(issue.code))];
        ++entry.first;
        if (entry.second.size() < 5) entry.second.push_back(line.number);
        if (health::severity_of(issue.code) == health::Severity::error &&
            summary.first_errors.size() < Summary::kProblemsShown) {
          summary.first_errors.push_back({line.number, issue});
        }
      }
      if (format == "json") {
        out += R"({"line":)" + std::to_string(line.number) + R"(,"valid":)" +
               (verdict.valid ? "true" : "false") + R"(,"issues":)" + health::issues_to_json(verdict.issues) + "}\n";
      }
    }
    std::cout << out;
    out.clear();
  }
  if (format == "text") print_summary(summary, file);
  std::cout.flush();
  return summary.invalid ? 1 : 0;
}

}  // namespace reinforge::cli
