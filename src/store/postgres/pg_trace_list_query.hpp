#pragma once
// The SQL of a trace list on PostgreSQL (trace_list_query.* is SQLite's), built from the filters
// actually given. Every filter has an index on (filter, created_at, seq) and the keyset is a row
// comparison, so the planner serves a page with one index walk in list order and stops when it
// is full; no planner hints are needed, except for the two walks a model filter merges and the
// tag, whose own table carries the time. The connections run with
// plan_cache_mode = force_custom_plan, so each query is planned for its values (a rare word and
// a common one want different plans). Nothing user-given is spliced into the text.
#include <cstdint>
#include <string_view>

#include "store/sql_builder.hpp"
#include "store/trace_types.hpp"

namespace reinforge::store::postgres::pg_trace_list_query {

// SELECT `columns` (aliased on `t`) of one page: newest first (a text search by arrival), after
// filter.after when given, filter.limit rows (plus filter.offset skipped).
SqlBuilder page(const TraceFilter& filter, std::string_view columns);
// Whether page() is a text search's: newest match first by seq, which PostgreSQL serves either by
// walking the primary key backward, each row checked against the words, or by the GIN index's
// matches sorted.
bool is_text_search(const TraceFilter& filter);
// How many traces match, counting at most `cap`.
SqlBuilder capped_count(const TraceFilter& filter, int64_t cap);
// FROM ... WHERE ... of a pull's walk: the conversation traces matching `filter` stored after
// `after_seq` (the caller orders by t.seq and turns off sorts and bitmap scans, so the walk runs
// along the primary key from its cursor).
SqlBuilder pull_walk(const TraceFilter& filter, int64_t after_seq);
// " AND ..." for every filter given, on the traces row `t`.
SqlBuilder predicates(const TraceFilter& filter);

}  // namespace reinforge::store::postgres::pg_trace_list_query
