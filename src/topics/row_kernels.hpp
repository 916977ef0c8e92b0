#pragma once
// The innermost loop of embedding: adding a scaled row of the projection basis to a text's
// vector. Compiled twice (AVX2 + FMA and the portable baseline) and chosen at run time, so the
// library stays runnable on any x86-64 while using wider vectors where the CPU has them.
#include <cstddef>

namespace reinforge::topics {

// out[i] += weight * row[i] for i < count.
void add_scaled_row(float* out, const float* row, float weight, std::size_t count);

}  // namespace reinforge::topics
