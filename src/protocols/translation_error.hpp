#pragma once
// A request the gateway cannot translate to the provider's protocol: the caller gets a 400 that
// names the field ("input[2].type", "tools[0].type") in its own protocol's error shape.
#include <stdexcept>
#include <string>

namespace reinforge::protocols {

struct TranslationError : std::runtime_error {
  TranslationError(std::string field, const std::string& message)
      : std::runtime_error(field + ": " + message), field(std::move(field)), reason(message) {}
  std::string field;
  std::string reason;  // what() without the field in front
};

}  // namespace reinforge::protocols
