#pragma once
#include <string>
#include <cstdlib>
// The SQL of a trace list, built from the filters actually given so that one index serves the
// page in order: the list stays a short index walk at ten million traces. The most selective
// filter "drives" (its index is walked newest first); every other filter is checked on the rows
// that walk reaches. Nothing user-given is spliced into the text.
#include <cstdint>
#include <optional>
#include <string_view>

#include "store/sql_builder.hpp"
#include "store/trace_types.hpp"

namespace reinforge::store::trace_list_query {

// Shared by both backends' trace lists (postgres/pg_trace_list_query.cpp).
// The partial indexes of failed calls (SQLite's traces_failed, PostgreSQL's) are declared with
// exactly this condition; a query must say it in the same words for the planner to use them.
inline constexpr std::string_view kFailed = " AND (t.status < 200 OR t.status > 299)";

inline bool status_is_failure(const std::optional<std::string>& status) {
  if (!status || *status == "ok") return false;
  if (*status == "error") return true;
  int code = std::atoi(status->c_str());
  return code < 200 || code > 299;
}

// A session's latest call is the one that started last: under load a call's trace can be
// written (and numbered) before the trace of the call it continues. Calls that started in the
// same millisecond are told apart by their conversation: the later one carries the longer.
inline constexpr std::string_view kLastCallOfSession =
    " AND t.session_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM traces later "
    "WHERE later.session_id = t.session_id AND (later.created_at > t.created_at "
    "OR (later.created_at = t.created_at AND (length(coalesce(later.conversation_json, "
    "later.request_json)) > length(coalesce(t.conversation_json, t.request_json)) "
    "OR (length(coalesce(later.conversation_json, later.request_json)) "
    "= length(coalesce(t.conversation_json, t.request_json)) AND later.seq > t.seq)))))";


enum class Driver {
  time,      // no narrowing filter: the time index
  model,     // the requested-model index and the answering-model index, merged
  key,
  provider,
  endpoint,
  failed,    // the partial index of failed calls (status "error")
  failed_code,  // the same by status code (one failing code)
  tag,       // trace_tags, which carries each trace's time
  session,   // a session's few calls
  episodes,  // each session's last call: the partial index of calls in sessions
  text,      // the full-text index, newest match first (by arrival)
};

// How many traces each equality filter matches alone (from the rollups), when known; the
// smallest drives. Unknown estimates fall back to a fixed order: failed, key, provider,
// endpoint, model.
struct Estimates {
  std::optional<int64_t> failed, key, provider, endpoint, model;
};

// Whether the filter has more than one equality filter worth estimating.
bool needs_estimates(const TraceFilter& filter);
Driver choose_driver(const TraceFilter& filter, const Estimates& estimates);

// SELECT `columns` (aliased on `t`, the traces table) of one page: newest first, after
// filter.after when given, filter.limit rows (plus filter.offset skipped).
SqlBuilder page(const TraceFilter& filter, Driver driver, std::string_view columns);
// How many traces match, counting at most `cap`.
SqlBuilder capped_count(const TraceFilter& filter, Driver driver, int64_t cap);
// The traces a dataset can take: successful calls that carry a conversation (on alias t).
inline constexpr std::string_view kPullable =
    " AND t.endpoint IN ('chat.completions', 'responses', 'messages') AND t.status BETWEEN 200 AND 299";

// FROM ... WHERE ... of a pull's walk: the conversation traces matching `filter` stored after
// `after_seq`, in storage order along the table itself (no index: an index that serves a filter
// would hand every match over again each batch, to be sorted by seq).
SqlBuilder pull_walk(const TraceFilter& filter, int64_t after_seq);

// " AND ..." for every filter given, on the traces row `t` (the text search included, as a
// lookup of that row in the full-text index). Used by callers that walk traces another way.
SqlBuilder predicates(const TraceFilter& filter);

}  // namespace reinforge::store::trace_list_query
