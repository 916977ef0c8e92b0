#pragma once
// The CLINC150 test split (/work/shared/data/clinc150, see its README): 4,500 real user
// requests, each with one of 150 intents and one of 10 domains.
#include <string>
#include <vector>

namespace reinforge::topics::testing {

struct Clinc150 {
  std::vector<std::string> texts;
  std::vector<int> intent;  // 0..149
  std::vector<int> domain;  // 0..9
  std::vector<std::string> domain_names;
};

// Reads the test split; throws when the data set is missing.
Clinc150 load_clinc150_test_split();

}  // namespace reinforge::topics::testing
