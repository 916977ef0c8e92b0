#pragma once
// A JavaScript grader: `function grade(input) { ... }` (docs/graders.md). Keeps a pool of
// sandboxes, one per concurrent caller up to `max_isolates`; each compiles the script once.
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "grading/grader.hpp"
#include "grading/js_sandbox.hpp"

namespace reinforge::grading {

struct ScriptGraderConfig {
  std::string source;
  std::string file_name = "grader.js";
  ScriptLimits limits;
  unsigned max_isolates = 0;  // 0: one per hardware thread
};

class ScriptGrader : public Grader {
 public:
  explicit ScriptGrader(ScriptGraderConfig config);
  ~ScriptGrader() override;

  // Empty when the script compiles and defines grade(); otherwise every call fails with it.
  std::string load_error() const;
  GradeResult grade(const GradeInput& input, const GradeControl& control = {}) const override;

 private:
  std::unique_ptr<JsSandbox> acquire() const;
  void release(std::unique_ptr<JsSandbox> sandbox) const;

  ScriptGraderConfig config_;
  mutable std::mutex mutex_;
  mutable std::condition_variable returned_;
  mutable std::vector<std::unique_ptr<JsSandbox>> idle_;
  mutable unsigned created_ = 0;
};

// The JSON text passed to grade(): {"sample": ..., "item": ...}.
std::string script_input_json(const GradeInput& input);

}  // namespace reinforge::grading
