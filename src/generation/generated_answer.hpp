#pragma once
// Reads a generation call's answer into record lines (PRODUCT.md §5). An answer that cannot be
// used at all — a refusal, no JSON, JSON of another shape — is a problem of the answer, counted
// apart; a record inside a good answer is always returned as a line, however malformed, so the
// health gate judges it and the run lists it with its issue.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "generation/record_shape.hpp"

namespace reinforge::generation {

enum class AnswerProblem { none, refusal, not_json, wrong_shape };
std::string to_string(AnswerProblem problem);

struct GeneratedAnswer {
  AnswerProblem problem = AnswerProblem::none;
  std::string detail;                // for a person: what was wrong
  std::vector<std::string> records;  // record lines (JSON), in the model's order
};

// `message` is choices[0].message. The topic's shared system message and tools are copied into
// every record; tool calls come back in the chat format ({"id", "type", "function"}).
GeneratedAnswer read_generated_answer(const nlohmann::json& message, const RecordShape& shape);

}  // namespace reinforge::generation
