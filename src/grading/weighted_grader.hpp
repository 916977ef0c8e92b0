#pragma once
// A weighted combination: score = Σ wᵢ·sᵢ / Σ wᵢ. Any part's error is the combination's error
// (a partial score would hide a broken grader).
#include <memory>
#include <string>
#include <vector>

#include "grading/grader.hpp"

namespace reinforge::grading {

struct WeightedPart {
  std::string name;
  double weight = 1;
  std::unique_ptr<Grader> grader;
};

class WeightedGrader : public Grader {
 public:
  explicit WeightedGrader(std::vector<WeightedPart> parts);
  GradeResult grade(const GradeInput& input, const GradeControl& control = {}) const override;

 private:
  std::vector<WeightedPart> parts_;
  double total_weight_ = 0;
};

}  // namespace reinforge::grading
