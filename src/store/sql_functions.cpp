#include "store/sql_functions.hpp"

#include <new>
#include <stdexcept>
#include <string>

#include "store/latency_histogram.hpp"
#include "store/record_search_text.hpp"

namespace reinforge::store {

namespace {

// SQLite hands aggregates zeroed memory; the histogram lives behind a pointer in it.
LatencyHistogram* accumulator(sqlite3_context* context, bool create) {
  auto** slot = static_cast<LatencyHistogram**>(
      sqlite3_aggregate_context(context, create ? sizeof(LatencyHistogram*) : 0));
  if (!slot) return nullptr;
  if (!*slot && create) *slot = new (std::nothrow) LatencyHistogram();
  return *slot;
}

void result_histogram(sqlite3_context* context, const LatencyHistogram& histogram) {
  std::string bytes = histogram.encode();
  sqlite3_result_blob(context, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
}

std::optional<LatencyHistogram> histogram_argument(sqlite3_value* value) {
  if (sqlite3_value_type(value) == SQLITE_NULL) return LatencyHistogram();
  const void* data = sqlite3_value_blob(value);
  int size = sqlite3_value_bytes(value);
  return LatencyHistogram::decode(
      std::string_view(static_cast<const char*>(data), static_cast<std::size_t>(size)));
}

void finish(sqlite3_context* context) {
  LatencyHistogram* histogram = accumulator(context, false);
  result_histogram(context, histogram ? *histogram : LatencyHistogram());
  delete histogram;
}

void add_latency(sqlite3_context* context, int, sqlite3_value** values) {
  LatencyHistogram* histogram = accumulator(context, true);
  if (!histogram) return sqlite3_result_error_nomem(context);
  if (sqlite3_value_type(values[0]) != SQLITE_NULL)
    histogram->add(sqlite3_value_double(values[0]));
}

void add_histogram(sqlite3_context* context, int, sqlite3_value** values) {
  LatencyHistogram* histogram = accumulator(context, true);
  if (!histogram) return sqlite3_result_error_nomem(context);
  auto other = histogram_argument(values[0]);
  if (!other) return sqlite3_result_error(context, "not a latency histogram", -1);
  histogram->add(*other);
}

void merge(sqlite3_context* context, int, sqlite3_value** values) {
  auto left = histogram_argument(values[0]);
  auto right = histogram_argument(values[1]);
  if (!left || !right) return sqlite3_result_error(context, "not a latency histogram", -1);
  left->add(*right);
  result_histogram(context, *left);
}

void check(sqlite3* db, int code) {
  if (code != SQLITE_OK)
    throw std::runtime_error(std::string("cannot register SQL functions: ") + sqlite3_errmsg(db));
}

// record_search_text(text): the words the records' search index takes (record_search_text.hpp).
void search_text(sqlite3_context* context, int, sqlite3_value** arguments) {
  if (sqlite3_value_type(arguments[0]) == SQLITE_NULL) return sqlite3_result_null(context);
  const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(arguments[0]));
  std::string words = record_search_text(
      std::string_view(text, static_cast<std::size_t>(sqlite3_value_bytes(arguments[0]))));
  sqlite3_result_text(context, words.data(), static_cast<int>(words.size()), SQLITE_TRANSIENT);
}

}  // namespace

void register_sql_functions(sqlite3* db) {
  constexpr int kFlags = SQLITE_UTF8 | SQLITE_DETERMINISTIC;
  check(db, sqlite3_create_function(db, "latency_histogram", 1, kFlags, nullptr, nullptr,
                                    add_latency, finish));
  check(db, sqlite3_create_function(db, "latency_histogram_sum", 1, kFlags, nullptr, nullptr,
                                    add_histogram, finish));
  check(db, sqlite3_create_function(db, "latency_histogram_merge", 2, kFlags, nullptr, merge,
                                    nullptr, nullptr));
  check(db, sqlite3_create_function(db, "record_search_text", 1, kFlags, nullptr, search_text,
                                    nullptr, nullptr));
}

}  // namespace reinforge::store
