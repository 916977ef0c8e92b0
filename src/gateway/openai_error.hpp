#pragma once
// Errors in the shape OpenAI's API and SDKs use:
// {"error": {"message": "...", "type": "...", "param": null, "code": "..."}}.
#include <string>
#include <string_view>

namespace reinforge::gateway {

// `param` names the request field at fault; empty: null.
std::string openai_error_body(std::string_view message, std::string_view type,
                              std::string_view code, std::string_view param = {});
// An upstream's error body as the caller gets it: kept when it already has OpenAI's shape,
// wrapped (its text as the message) otherwise.
std::string upstream_error_body(int status, std::string_view body);

}  // namespace reinforge::gateway
