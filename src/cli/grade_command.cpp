// `reinforge grade`: grades each record's reference answer with a script, a judge or any grader
// config, one result per input line (docs/graders.md).
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "cli/arguments.hpp"
#include "cli/commands.hpp"
#include "cli/stored_dataset.hpp"
#include "grading/grader_config.hpp"
#include "records/line_reader.hpp"

namespace reinforge::cli {

namespace {

struct GradedLine {
  int64_t number = 0;
  std::string text;
  grading::GradeResult result;
};

std::string read_whole_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw std::runtime_error("cannot read " + path);
  std::stringstream content;
  content << file.rdbuf();
  return content.str();
}

nlohmann::json grader_config_from(const Arguments& arguments) {
  int given = arguments.option("script").has_value() + arguments.option("judge").has_value() +
              arguments.option("grader").has_value();
  if (given != 1) throw UsageError("give exactly one of --script G.js, --judge JUDGE.json or --grader GRADER.json");
  if (auto script = arguments.option("script")) {
    nlohmann::json config = {{"type", "script"},
                             {"source", read_whole_file(*script)},
                             {"file_name", std::filesystem::path(*script).filename().string()}};
    if (auto cpu = arguments.integer_option("cpu-ms")) config["cpu_ms"] = *cpu;
    if (auto memory = arguments.integer_option("memory-mb")) config["memory_mb"] = *memory;
    return config;
  }
  auto path = arguments.option("judge") ? *arguments.option("judge") : *arguments.option("grader");
  auto config = nlohmann::json::parse(read_whole_file(path), nullptr, false);
  if (!config.is_object()) throw std::runtime_error(path + " is not a JSON object");
  if (arguments.option("judge") && !config.contains("type")) config["type"] = "judge";
  return config;
}

grading::GradeResult grade_line(const grading::Grader& grader, const std::string& text, const std::string& objective) {
  auto record = nlohmann::json::parse(text, nullptr, false);
  if (!record.is_object()) return grading::GradeResult::failed("the line is not a JSON object");
  auto parts = grading::split_record(record);
  if (!parts.reference_answer) return grading::GradeResult::failed("the record has no assistant message to grade");
  return grader.grade(grading::make_grade_input(record, *parts.reference_answer, objective));
}

// Grades a batch with `workers` threads taking interleaved lines; the order of output is kept.
void grade_batch(const grading::Grader& grader, std::vector<GradedLine>& batch, unsigned workers, const std::string& objective) {
  auto work = [&](unsigned worker) {
    for (size_t i = worker; i < batch.size(); i += workers) batch[i].result = grade_line(grader, batch[i].text, objective);
  };
  std::vector<std::thread> threads;
  for (unsigned worker = 1; worker < workers; ++worker) threads.emplace_back(work, worker);
  work(0);
  for (auto& thread : threads) thread.join();
}

void print_json(const GradedLine& line) {
  // Keys in the documented order: line, score, reason, error, logs.
  nlohmann::ordered_json out = {{"line", line.number},
                        {"score", line.result.score ? nlohmann::ordered_json(*line.result.score) : nlohmann::ordered_json()},
                        {"reason", line.result.reason},
                        {"error", line.result.error},
                        {"logs", line.result.logs}};
  std::cout << out.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << "\n";
}

void print_text(const GradedLine& line) {
  if (line.result.ok()) {
    std::printf("line %lld: %.4g%s%s\n", static_cast<long long>(line.number), *line.result.score,
                line.result.reason.empty() ? "" : "  ", line.result.reason.c_str());
  } else {
    std::printf("line %lld: error: %s\n", static_cast<long long>(line.number), line.result.error.c_str());
  }
  for (const auto& log : line.result.logs) std::printf("    log: %s\n", log.c_str());
}

}  // namespace

int run_grade_command(const std::vector<std::string>& args) {
  Arguments arguments(args);
  arguments.reject_unknown({"script", "judge", "grader", "format", "objective", "cpu-ms", "memory-mb"});
  if (arguments.positionals().size() != 1) throw UsageError("give exactly one RECORDS.jsonl");
  auto format = text_or_json_format(arguments);
  auto objective = arguments.option_or("objective", "");
  auto config = grader_config_from(arguments);
  std::unique_ptr<grading::Grader> grader;
  try {
    grader = grading::make_grader(config);
  } catch (const grading::GraderConfigError& error) {
    throw UsageError(error.what());
  }
  records::LineReader reader(arguments.positionals()[0]);

  bool is_judge = config.dump().find("\"judge") != std::string::npos;
  // Judges wait on the network, scripts on the CPU.
  unsigned workers = is_judge ? 16u : std::max(1u, std::thread::hardware_concurrency());
  int64_t line_number = 0, graded = 0, errors = 0;
  double sum = 0;
  std::string_view text;
  bool more = true;
  while (more) {
    std::vector<GradedLine> batch;
    while (batch.size() < 256 && (more = reader.next(text))) {
      ++line_number;
      if (text.find_first_not_of(" \t\r") == std::string_view::npos) continue;
      batch.push_back({line_number, std::string(text), {}});
    }
    grade_batch(*grader, batch, static_cast<unsigned>(std::min<size_t>(workers, std::max<size_t>(1, batch.size()))), objective);
    for (const auto& line : batch) {
      if (line.result.ok()) {
        ++graded;
        sum += *line.result.score;
      } else {
        ++errors;
      }
      format == "json" ? print_json(line) : print_text(line);
    }
  }
  if (format == "text") {
    std::printf("%lld graded, mean %.4f, %lld grader errors (grader %s)\n", static_cast<long long>(graded),
                graded ? sum / graded : 0.0, static_cast<long long>(errors), grading::grader_version(config).c_str());
  }
  std::cout.flush();
  return 0;
}

}  // namespace reinforge::cli
