#include "grading/string_check_grader.hpp"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "grading/prompt_template.hpp"

namespace reinforge::grading {

namespace {

std::string trimmed(const std::string& text) {
  auto begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return "";
  return text.substr(begin, text.find_last_not_of(" \t\r\n") - begin + 1);
}

std::string lowered(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

std::string quote_short(const std::string& text) {
  return "\"" + (text.size() > 80 ? text.substr(0, 80) + "…" : text) + "\"";
}

}  // namespace

GradeResult ExactMatchGrader::grade(const GradeInput& input, const GradeControl&) const {
  auto actual = render_template(config_.input, input);
  auto expected = render_template(config_.reference, input);
  if (config_.trim) {
    actual = trimmed(actual);
    expected = trimmed(expected);
  }
  bool same = config_.case_sensitive ? actual == expected : lowered(actual) == lowered(expected);
  return same ? GradeResult::scored(1, "matches the reference")
              : GradeResult::scored(0, "expected " + quote_short(expected) + ", got " + quote_short(actual));
}

struct PatternGrader::Regex {
  pcre2_code* code = nullptr;
  ~Regex() { pcre2_code_free(code); }
};

PatternGrader::PatternGrader(PatternConfig config) : config_(std::move(config)) {
  if (config_.mode != PatternMode::regex) return;
  int error = 0;
  PCRE2_SIZE offset = 0;
  auto* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(config_.pattern.data()), config_.pattern.size(),
                             PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &error, &offset, nullptr);
  if (!code) {
    PCRE2_UCHAR message[256];
    pcre2_get_error_message(error, message, sizeof message);
    throw std::invalid_argument("the regex does not compile at offset " + std::to_string(offset) + ": " +
                                reinterpret_cast<char*>(message));
  }
  pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
  regex_ = std::make_unique<Regex>();
  regex_->code = code;
}

PatternGrader::~PatternGrader() = default;

GradeResult PatternGrader::grade(const GradeInput& input, const GradeControl&) const {
  auto text = render_template(config_.input, input);
  if (config_.mode == PatternMode::regex) {
    // Match data per call: the compiled pattern is shared by every worker.
    auto* match = pcre2_match_data_create_from_pattern(regex_->code, nullptr);
    int found = pcre2_match(regex_->code, reinterpret_cast<PCRE2_SPTR>(text.data()), text.size(), 0, 0, match, nullptr);
    pcre2_match_data_free(match);
    if (found < 0 && found != PCRE2_ERROR_NOMATCH) {
      return GradeResult::failed("the regex could not run on this output (PCRE2 error " + std::to_string(found) + ")");
    }
    return found >= 0 ? GradeResult::scored(1, "matches /" + config_.pattern + "/")
                      : GradeResult::scored(0, "does not match /" + config_.pattern + "/");
  }
  auto needle = render_template(config_.pattern, input);
  bool found = config_.mode == PatternMode::contains ? text.find(needle) != std::string::npos
                                                     : lowered(text).find(lowered(needle)) != std::string::npos;
  return found ? GradeResult::scored(1, "contains " + quote_short(needle)) : GradeResult::scored(0, "does not contain " + quote_short(needle));
}

}  // namespace reinforge::grading
