#pragma once
// Which texts an embedder learns from when a dataset is bigger than it needs.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace reinforge::topics {

// Every index in [0, count) when count <= at_most; otherwise at_most of them drawn at random
// (reproducibly from `seed`), in increasing order.
std::vector<std::size_t> sample_indices(std::size_t count, std::size_t at_most, uint64_t seed);

}  // namespace reinforge::topics
