#pragma once
// Records of plainly different kinds for the topic tests: clustering or categorization must put
// each kind in its own topic. A theme is a sentence start and five words that vary per record.
#include <string>
#include <vector>

namespace reinforge::testing {

struct RecordTheme {
  std::string prefix;
  std::vector<std::string> words;  // five
};

// `per_theme` user-only records of each theme, interleaved, one JSONL line each.
inline std::string records_from_themes(const std::vector<RecordTheme>& themes, int per_theme) {
  std::string lines;
  for (int i = 0; i < per_theme; ++i) {
    for (const auto& theme : themes) {
      lines += std::string(R"({"messages":[{"role":"user","content":")") + theme.prefix + " " +
               theme.words[i % 5] + " " + theme.words[(i + 2) % 5] + " question " +
               std::to_string(i) + R"("}]})" + "\n";
    }
  }
  return lines;
}

// Weather, billing and coding, 30 records each.
inline std::string themed_records() {
  return records_from_themes({{"what is the weather forecast, will there be",
                               {"weather", "rain", "forecast", "sunny", "temperature"}},
                              {"I was billed twice, please explain my invoice",
                               {"invoice", "refund", "charge", "payment", "billing"}},
                              {"my python code fails with an error in the",
                               {"python", "function", "compile", "error", "variable"}}},
                             30);
}

}  // namespace reinforge::testing
