#pragma once
// Judge prompts and preset inputs are templates over PRODUCT.md §6's variables:
// {{item.<field>}} (dotted paths, array indexes), {{reference}}, {{sample.output_text}},
// {{sample.output_json}}, {{sample.tool_calls}}, {{objective}}.
#include <string>
#include <string_view>
#include <vector>

#include "grading/grade_input.hpp"

namespace reinforge::grading {

// Strings are inserted as they are, other values as JSON; a missing field is empty.
std::string render_template(std::string_view text, const GradeInput& input);
// The `{{...}}` names in `text` that are not variables, to reject a config before it runs.
std::vector<std::string> unknown_template_variables(std::string_view text);

}  // namespace reinforge::grading
