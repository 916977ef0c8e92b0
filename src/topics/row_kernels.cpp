#include "topics/row_kernels.hpp"

namespace reinforge::topics {

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("arch=x86-64-v3", "default")))
#endif
void add_scaled_row(float* __restrict out, const float* __restrict row, float weight, std::size_t count) {
  for (std::size_t i = 0; i < count; ++i) out[i] += weight * row[i];
}

}  // namespace reinforge::topics
