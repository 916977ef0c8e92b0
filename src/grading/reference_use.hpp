#pragma once
// Whether a grader compares the output with a reference answer. Live gateway traffic has none,
// so only a grader that needs no reference can score a deployment's traces online (step 7).
#include <nlohmann/json.hpp>
#include <string>

namespace reinforge::grading {

// The reason a saved grader config needs a reference ("" when it does not): exact_match and
// similarity compare with one unless given a fixed text; a judge, script or pattern needs one
// when its prompt, source or templates mention `reference`; a weighted grader when any part does.
std::string reference_need(const nlohmann::json& config);

}  // namespace reinforge::grading
