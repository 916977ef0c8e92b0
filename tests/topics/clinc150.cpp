#include "clinc150.hpp"

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace reinforge::topics::testing {

Clinc150 load_clinc150_test_split() {
  const std::string folder = "/work/shared/data/clinc150/";
  std::ifstream data_file(folder + "data_full.json"), domain_file(folder + "domains.json");
  if (!data_file || !domain_file) throw std::runtime_error("CLINC150 not found under " + folder);
  auto data = nlohmann::json::parse(data_file);
  auto domains = nlohmann::json::parse(domain_file);

  Clinc150 result;
  std::map<std::string, int> domain_of_intent, intent_index;
  for (auto& [domain, intents] : domains.items()) {
    int domain_index = static_cast<int>(result.domain_names.size());
    result.domain_names.push_back(domain);
    for (const auto& intent : intents) domain_of_intent[intent.get<std::string>()] = domain_index;
  }
  for (const auto& example : data.at("test")) {
    auto intent = example.at(1).get<std::string>();
    auto [it, inserted] = intent_index.emplace(intent, static_cast<int>(intent_index.size()));
    result.texts.push_back(example.at(0).get<std::string>());
    result.intent.push_back(it->second);
    result.domain.push_back(domain_of_intent.at(intent));
  }
  return result;
}

}  // namespace reinforge::topics::testing
