#pragma once
// The exhaustive scan: every dataset vector against every query, the exact answer the
// near-duplicate index must agree with, and the baseline it is timed against.
#include <vector>

#include "nearest.hpp"
#include "topics/sparse_rows.hpp"

namespace reinforge::bench {

// The exact nearest dataset row of each query: blocks of the dataset times all the queries as
// one matrix product (the fastest exhaustive scan Eigen gives), split over `threads`.
std::vector<Nearest> exhaustive_nearest(const topics::RowMatrix& dataset,
                                        const topics::RowMatrix& queries, unsigned threads);

}  // namespace reinforge::bench
