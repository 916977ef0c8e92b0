#include "topics/sampling.hpp"

#include <algorithm>
#include <numeric>
#include <random>

namespace reinforge::topics {

std::vector<std::size_t> sample_indices(std::size_t count, std::size_t at_most, uint64_t seed) {
  std::vector<std::size_t> sample(count);
  std::iota(sample.begin(), sample.end(), 0);
  if (sample.size() > at_most) {
    std::mt19937_64 random(seed);
    std::shuffle(sample.begin(), sample.end(), random);
    sample.resize(at_most);
    std::sort(sample.begin(), sample.end());
  }
  return sample;
}

}  // namespace reinforge::topics
