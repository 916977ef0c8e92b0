#pragma once
// SQL functions the store's own statements use, registered on every connection it opens:
//   latency_histogram(latency_ms)           aggregate: the calls' LatencyHistogram, encoded
//   latency_histogram_sum(histogram)        aggregate: encoded histograms added up
//   latency_histogram_merge(left, right)    scalar: two encoded histograms added (NULL = empty)
// so the trace rollups are kept and recounted in single statements.
#include <sqlite3.h>

namespace reinforge::store {

void register_sql_functions(sqlite3* db);

}  // namespace reinforge::store
