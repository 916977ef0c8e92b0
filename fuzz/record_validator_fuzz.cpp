// libFuzzer target: any byte string must give a verdict, never a crash, hang or leak, and
// the verdict must be self-consistent.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "health/record_validator.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static reinforge::health::RecordValidator validator;
  auto verdict = validator.validate(std::string_view(reinterpret_cast<const char*>(data), size));
  bool has_error = false;
  for (const auto& issue : verdict.issues) {
    has_error |= reinforge::health::severity_of(issue.code) == reinforge::health::Severity::error;
  }
  if (has_error == verdict.valid) std::abort();  // valid exactly when no error was found
  auto json = reinforge::health::issues_to_json(verdict.issues);
  if (reinforge::health::issues_from_json(json).size() != verdict.issues.size()) std::abort();
  return 0;
}
