#pragma once
// Records of three plainly different kinds (weather, billing, coding), 30 of each, for the
// topic tests: clustering must put each kind in its own topic.
#include <string>

namespace reinforge::testing {

inline std::string themed_records() {
  const char* weather[] = {"weather", "rain", "forecast", "sunny", "temperature"};
  const char* billing[] = {"invoice", "refund", "charge", "payment", "billing"};
  const char* coding[] = {"python", "function", "compile", "error", "variable"};
  std::string lines;
  for (int i = 0; i < 30; ++i) {
    auto add = [&](const char* const words[], const char* prefix) {
      lines += std::string(R"({"messages":[{"role":"user","content":")") + prefix + " " +
               words[i % 5] + " " + words[(i + 2) % 5] + " question " + std::to_string(i) +
               R"("}]})" + "\n";
    };
    add(weather, "what is the weather forecast, will there be");
    add(billing, "I was billed twice, please explain my invoice");
    add(coding, "my python code fails with an error in the");
  }
  return lines;
}

}  // namespace reinforge::testing
