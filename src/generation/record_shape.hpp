#pragma once
// What a topic's records look like (PRODUCT.md §5: generated records follow the dataset's own
// format): the system prompt and tools most of them share, and how often they are multi-turn,
// call tools or end with a reference answer. Generation copies the shared parts verbatim and
// asks the model for the rest.
#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_map>

namespace reinforge::generation {

struct RecordShape {
  std::optional<nlohmann::json> system_message;  // the leading system/developer message
  std::optional<nlohmann::json> tools;           // the record's "tools" array
  double multi_turn_share = 0;                   // more than one user message
  double tool_call_share = 0;                    // an assistant message with tool_calls
  double reference_share = 0;                    // ends with an assistant message
  std::size_t records = 0;                       // how many records this was read from
};

// A part shared by at least this share of the records is copied into every generated one.
inline constexpr double kSharedPartShare = 0.5;

class RecordShapeCounter {
 public:
  // `record` is a parsed record line; anything that is not an object with messages is ignored.
  void add(const nlohmann::json& record);
  RecordShape shape() const;

 private:
  struct Variant {
    nlohmann::json value;
    std::size_t count = 0;
  };
  static void count(std::unordered_map<std::string, Variant>& variants,
                    const nlohmann::json& value);
  static std::optional<nlohmann::json> most_shared(
      const std::unordered_map<std::string, Variant>& variants, std::size_t records);

  std::size_t records_ = 0;
  std::size_t multi_turn_ = 0;
  std::size_t tool_calls_ = 0;
  std::size_t references_ = 0;
  std::unordered_map<std::string, Variant> system_messages_;  // by dump
  std::unordered_map<std::string, Variant> tools_;
};

}  // namespace reinforge::generation
