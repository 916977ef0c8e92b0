#pragma once
// The chat completion a generation call sends (PRODUCT.md §5): the dataset's objective, the
// topic's name and description, the format its records share (RecordShape) and a few real
// records as examples; structured output (json_schema) so the answer parses. The model writes
// only the turns after the system prompt: the shared system prompt and tools are copied in
// afterwards (generated_answer.hpp), so they stay exactly the dataset's.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "generation/record_shape.hpp"

namespace reinforge::generation {

struct TopicBrief {
  std::string id;
  std::string name;
  std::string description;
  std::vector<std::string> keywords;
  std::vector<std::string> examples;  // the topic's own example requests, when it has some
};

struct GenerationCall {
  std::string model;  // as the provider knows it
  std::string objective;
  TopicBrief topic;
  RecordShape shape;
  std::vector<nlohmann::json> seeds;  // real records of the topic (parsed lines)
  std::size_t count = 5;              // records asked for
  double temperature = 1.0;
};

// The schema of the answer: {"records": [{"messages": [...]}]}, strict, tool-call fields only
// when the topic's records use tools.
nlohmann::json answer_schema(bool with_tools);

nlohmann::json generation_request(const GenerationCall& call);

}  // namespace reinforge::generation
