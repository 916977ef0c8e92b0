#pragma once
// One V8 isolate running one grader script: compiled once, called many times, each call under a
// CPU budget and the isolate under a heap cap. A script gets plain JavaScript and a `console`
// whose output is captured per call: no require, process, fetch, timers, eval or I/O. After a
// timeout the context is rebuilt; after a memory overrun the whole isolate is.
// Not thread-safe: one caller at a time (ScriptGrader hands sandboxes out from a pool).
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace reinforge::grading {

struct ScriptLimits {
  long cpu_ms = 100;
  long memory_mb = 64;
};

struct ScriptOutcome {
  std::optional<double> score;  // set when the call returned a valid score
  std::string reason;
  std::string error;
  std::vector<std::string> logs;
};

class JsSandbox {
 public:
  JsSandbox(std::string source, std::string file_name, ScriptLimits limits);
  ~JsSandbox();
  JsSandbox(const JsSandbox&) = delete;
  JsSandbox& operator=(const JsSandbox&) = delete;

  // Empty when the script compiled, ran its top level and defines `grade`.
  const std::string& load_error() const;
  // Calls grade(JSON.parse(input_json)).
  ScriptOutcome call(const std::string& input_json);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace reinforge::grading
