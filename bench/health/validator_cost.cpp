// Where a record's validation time goes, on one thread, against a baseline in the same run:
//   parse:    simdjson DOM parse of the line with a reused parser (the floor: no validator can
//             skip reading the JSON);
//   count:    tokenize::count_chat_tokens_json (parse + exact chat token count);
//   validate: health::RecordValidator::validate (parse + every rule + the count).
// The cost of counting per record is count - parse; of the rules, validate - count.
// Usage: validator_cost FILE.jsonl [REPEATS]
#include <simdjson.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "health/record_validator.hpp"
#include "tokenize/chat_tokens.hpp"

namespace {

std::vector<std::string> read_lines(const char* path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(std::move(line));
  }
  return lines;
}

// Best of `repeats` runs: the least disturbed by other work on a shared machine.
template <typename Work>
double best_seconds(int repeats, Work&& work) {
  double best = 1e300;
  for (int i = 0; i < repeats; ++i) {
    auto start = std::chrono::steady_clock::now();
    work();
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: validator_cost FILE.jsonl [REPEATS]\n");
    return 2;
  }
  int repeats = argc > 2 ? std::atoi(argv[2]) : 3;
  auto lines = read_lines(argv[1]);
  if (lines.empty()) return 2;
  std::size_t bytes = 0;
  for (const auto& line : lines) bytes += line.size();
  // Keeps results observable so no loop is optimized away.
  std::size_t checksum = 0;

  simdjson::dom::parser parser;
  double parse = best_seconds(repeats, [&] {
    for (const auto& line : lines) {
      simdjson::dom::element root;
      checksum += parser.parse(line).get(root) == simdjson::SUCCESS;
    }
  });
  const auto& encoding = reinforge::tokenize::Encoding::get(reinforge::tokenize::EncodingName::o200k_base);
  std::size_t tokens = 0;
  double count = best_seconds(repeats, [&] {
    tokens = 0;
    for (const auto& line : lines) tokens += reinforge::tokenize::count_chat_tokens_json(encoding, line).value_or(0);
  });
  reinforge::health::RecordValidator validator;
  std::size_t invalid = 0;
  double validate = best_seconds(repeats, [&] {
    invalid = 0;
    for (const auto& line : lines) invalid += !validator.validate(line).valid;
  });

  double n = static_cast<double>(lines.size());
  auto us = [&](double seconds) { return seconds / n * 1e6; };
  std::printf("records: %zu (%.1f MB, %.0f bytes and %.0f tokens each on average, %zu invalid)\n",
              lines.size(), bytes / 1048576.0, bytes / n, tokens / n, invalid);
  std::printf("%-40s %10s %12s %8s\n", "one thread, best of runs", "us/record", "records/s", "x parse");
  std::printf("%-40s %10.2f %12.0f %8.2f\n", "parse (simdjson DOM, baseline)", us(parse), n / parse, 1.0);
  std::printf("%-40s %10.2f %12.0f %8.2f\n", "parse + chat token count", us(count), n / count, count / parse);
  std::printf("%-40s %10.2f %12.0f %8.2f\n", "RecordValidator::validate (all)", us(validate), n / validate, validate / parse);
  std::printf("counting costs %.2f us/record (%.0f%% of validate); the rules %.2f us/record\n",
              us(count - parse), 100.0 * (count - parse) / validate, us(validate - count));
  return checksum == 0 ? 1 : 0;
}
