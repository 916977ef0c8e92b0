#pragma once
// Validates one record line against every rule of PRODUCT.md §2.
#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

#include "health/issue.hpp"
#include "tokenize/encoding.hpp"

namespace reinforge::health {

struct ValidationOptions {
  tokenize::EncodingName encoding = tokenize::EncodingName::o200k_base;
  std::size_t max_tokens = 65536;
};

struct RecordVerdict {
  bool valid = false;        // no issue of severity error
  std::vector<Issue> issues;  // errors and warnings, in the order found
  std::size_t token_count = 0;  // chat token count; 0 when the line is not a record
};

// Holds a reusable JSON parser, so keep one per thread and call validate() many times.
// Dataset-level warnings (duplicate_record) are the caller's: it alone sees the other lines.
class RecordValidator {
 public:
  explicit RecordValidator(ValidationOptions options = {});
  ~RecordValidator();
  RecordValidator(RecordValidator&&) noexcept;
  RecordValidator& operator=(RecordValidator&&) noexcept;

  RecordVerdict validate(std::string_view line);
  const ValidationOptions& options() const { return options_; }

 private:
  struct Parser;
  ValidationOptions options_;
  std::unique_ptr<Parser> parser_;
};

}  // namespace reinforge::health
