// Script-grader throughput: grade() calls per second on THREADS threads over CLINC150 intents.
// Two rows: the sandbox on ready input JSON texts (what node_vm_baseline.js measures too, on the
// same texts, written to INPUTS_FILE), and ScriptGrader::grade from GradeInput (the input JSON
// built per call, as in a dry run).
// Usage: script_grader_throughput GRADER.js CLINC150.json INPUTS_FILE [CALLS] [THREADS]
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <sstream>
#include <thread>

#include "grading/js_sandbox.hpp"
#include "grading/script_grader.hpp"

using namespace reinforge::grading;

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: script_grader_throughput GRADER.js CLINC150.json INPUTS_FILE [CALLS] [THREADS]\n";
    return 2;
  }
  std::stringstream source, data;
  source << std::ifstream(argv[1]).rdbuf();
  data << std::ifstream(argv[2]).rdbuf();
  size_t calls = argc > 4 ? std::stoul(argv[4]) : 400000;
  unsigned threads = argc > 5 ? std::stoul(argv[5]) : 2;

  auto clinc = nlohmann::json::parse(data.str());
  std::vector<GradeInput> inputs;
  size_t n = 0;
  for (const auto& example : clinc["test"]) {
    std::string text = example[0], intent = example[1];
    nlohmann::json record = {{"messages", {{{"role", "user"}, {"content", text}}, {{"role", "assistant"}, {"content", intent}}}},
                             {"intent", intent}};
    // Every third answer is wrong, so both branches of the grader run.
    Sample sample{n++ % 3 == 0 ? "book_flight" : intent, {}, "stop"};
    inputs.push_back(make_grade_input(record, sample, "classify intents"));
  }
  std::vector<std::string> texts;
  std::ofstream out(argv[3]);
  for (const auto& input : inputs) {
    texts.push_back(script_input_json(input));
    out << texts.back() << "\n";
  }
  out.close();

  auto report = [&](const char* engine, double seconds, size_t errors, double checksum) {
    std::printf("{\"engine\":\"%s\",\"calls\":%zu,\"threads\":%u,\"seconds\":%.3f,\"calls_per_s\":%.0f,\"errors\":%zu,\"checksum\":%.1f}\n",
                engine, calls, threads, seconds, calls / seconds, errors, checksum);
  };
  {
    std::vector<std::unique_ptr<JsSandbox>> sandboxes;
    for (unsigned i = 0; i < threads; ++i) sandboxes.push_back(std::make_unique<JsSandbox>(source.str(), "grader.js", ScriptLimits{}));
    std::atomic<size_t> errors{0};
    std::vector<double> sums(threads, 0);
    auto started = std::chrono::steady_clock::now();
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) {
      pool.emplace_back([&, t] {
        size_t share = calls / threads + (t < calls % threads ? 1 : 0);
        for (size_t i = 0; i < share; ++i) {
          auto outcome = sandboxes[t]->call(texts[(t + i * threads) % texts.size()]);
          if (!outcome.error.empty()) ++errors;
          sums[t] += outcome.score.value_or(0);
        }
      });
    }
    for (auto& thread : pool) thread.join();
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    double checksum = 0;
    for (double sum : sums) checksum += sum;
    report("reinforge-sandbox", seconds, errors.load(), checksum);
  }

  ScriptGrader grader({source.str(), "grader.js", {}, threads});
  if (auto error = grader.load_error(); !error.empty()) {
    std::cerr << error << "\n";
    return 1;
  }
  std::atomic<size_t> next{0};
  std::atomic<size_t> errors{0};
  double checksum = 0;
  std::mutex checksum_mutex;
  auto work = [&] {
    double local = 0;
    for (size_t i; (i = next++) < calls;) {
      auto result = grader.grade(inputs[i % inputs.size()]);
      if (!result.ok()) ++errors;
      local += result.score.value_or(0);
    }
    std::lock_guard lock(checksum_mutex);
    checksum += local;
  };
  auto started = std::chrono::steady_clock::now();
  std::vector<std::thread> pool;
  for (unsigned i = 0; i < threads; ++i) pool.emplace_back(work);
  for (auto& thread : pool) thread.join();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  report("reinforge-script-grader", seconds, errors.load(), checksum);
  return 0;
}
