#include "store/postgres/pg_trace_list_query.hpp"

#include <cstdlib>
#include <limits>

#include "store/postgres/pg_text_search.hpp"
#include "store/trace_list_query.hpp"

namespace reinforge::store::postgres::pg_trace_list_query {

namespace {

using trace_list_query::kFailed;
using trace_list_query::kLastCallOfSession;
using trace_list_query::status_is_failure;

// The filters other than the model (which may split the walk in two), the tag and the text.
SqlBuilder row_predicates(const TraceFilter& filter) {
  SqlBuilder sql;
  if (filter.from_ms) sql.add(" AND t.created_at >= ?", {*filter.from_ms});
  if (filter.to_ms) sql.add(" AND t.created_at < ?", {*filter.to_ms});
  if (filter.provider) sql.add(" AND t.provider = ?", {*filter.provider});
  if (filter.status) {
    if (status_is_failure(filter.status)) sql.add(kFailed);
    if (*filter.status == "ok") {
      sql.add(" AND t.status BETWEEN 200 AND 299");
    } else if (*filter.status != "error") {
      sql.add(" AND t.status = ?", {static_cast<int64_t>(std::atoi(filter.status->c_str()))});
    }
  }
  if (filter.gateway_key_id) sql.add(" AND t.gateway_key_id = ?", {*filter.gateway_key_id});
  if (filter.endpoint) sql.add(" AND t.endpoint = ?", {*filter.endpoint});
  if (filter.session_id) sql.add(" AND t.session_id = ?", {*filter.session_id});
  if (filter.last_call_of_session) sql.add(kLastCallOfSession);
  return sql;
}

SqlBuilder model_predicate(const TraceFilter& filter) {
  SqlBuilder sql;
  if (filter.model)
    sql.add(" AND (t.model_requested = ? OR t.model = ?)", {*filter.model, *filter.model});
  return sql;
}

SqlBuilder tag_lookup(const TraceFilter& filter) {
  SqlBuilder sql;
  if (filter.tag) {
    sql.add(
        " AND EXISTS (SELECT 1 FROM trace_tags g2 WHERE g2.tag = ? AND g2.created_at = "
        "t.created_at AND g2.trace_seq = t.seq)",
        {*filter.tag});
  }
  return sql;
}

// Every word must occur, as SQLite's search; text without a word matches nothing.
SqlBuilder text_lookup(const TraceFilter& filter) {
  SqlBuilder sql;
  if (!filter.text_query) return sql;
  if (auto query = search_query(*filter.text_query))
    return sql.add(" AND t.search @@ ?::tsquery", {*query});
  return sql.add(" AND false");
}

SqlBuilder limit_offset(const TraceFilter& filter) {
  SqlBuilder sql;
  sql.add(" LIMIT ?", {filter.limit});
  if (filter.offset > 0 && !filter.after) sql.add(" OFFSET ?", {filter.offset});
  return sql;
}

// Newest first by (time, seq) after the given position: a row comparison, which a btree on
// (..., created_at, seq) serves as an index condition.
SqlBuilder time_keyset(const TraceFilter& filter, std::string_view time, std::string_view seq) {
  SqlBuilder sql;
  if (filter.after) {
    sql.add(" AND (" + std::string(time) + ", " + std::string(seq) + ") < (?, ?)",
            {filter.after->created_at_ms, filter.after->seq});
  }
  return sql;
}

// One of the two walks a model filter takes (requested, or answered by it when another was
// requested), each along its own index; an OR of both columns would scan and sort.
SqlBuilder model_branch_walk(const TraceFilter& filter, bool answering) {
  SqlBuilder sql;
  if (answering) {
    // In the index's own words (migration 5).
    sql.add(
        " FROM traces t WHERE nullif(t.model, t.model_requested) = ? AND t.model <> "
        "t.model_requested",
        {*filter.model});
  } else {
    sql.add(" FROM traces t WHERE t.model_requested = ?", {*filter.model});
  }
  return sql.add(row_predicates(filter)).add(tag_lookup(filter)).add(text_lookup(filter));
}

}  // namespace

SqlBuilder predicates(const TraceFilter& filter) {
  SqlBuilder sql;
  return sql.add(row_predicates(filter))
      .add(model_predicate(filter))
      .add(tag_lookup(filter))
      .add(text_lookup(filter));
}

SqlBuilder page(const TraceFilter& filter, std::string_view columns) {
  using trace_list_query::Driver;
  auto driver = trace_list_query::choose_driver(filter, {});
  SqlBuilder sql;
  sql.add("SELECT ").add(columns);
  if (driver == Driver::text) {
    sql.add(" FROM traces t WHERE true").add(predicates(filter));
    if (filter.after) sql.add(" AND t.seq < ?", {filter.after->seq});
    return sql.add(" ORDER BY t.seq DESC").add(limit_offset(filter));
  }
  if (driver == Driver::tag) {
    sql.add(" FROM trace_tags g JOIN traces t ON t.seq = g.trace_seq WHERE g.tag = ?",
            {*filter.tag});
    if (filter.from_ms) sql.add(" AND g.created_at >= ?", {*filter.from_ms});
    if (filter.to_ms) sql.add(" AND g.created_at < ?", {*filter.to_ms});
    sql.add(row_predicates(filter)).add(model_predicate(filter)).add(text_lookup(filter));
    sql.add(time_keyset(filter, "g.created_at", "g.trace_seq"));
    return sql.add(" ORDER BY g.created_at DESC, g.trace_seq DESC").add(limit_offset(filter));
  }
  if (filter.model && driver != Driver::session) {
    // Enough rows from each walk to fill the page after the merge, the skipped ones included
    // (at most every row: an offset near the 64-bit limit must not wrap the sum around).
    int64_t skipped = filter.after ? 0 : filter.offset;
    int64_t each = skipped > std::numeric_limits<int64_t>::max() - filter.limit
                       ? std::numeric_limits<int64_t>::max()
                       : filter.limit + skipped;
    auto branch = [&](bool answering) {
      SqlBuilder part;
      part.add("(SELECT ").add(columns).add(model_branch_walk(filter, answering));
      part.add(time_keyset(filter, "t.created_at", "t.seq"));
      return part.add(" ORDER BY t.created_at DESC, t.seq DESC LIMIT ?)", {each});
    };
    sql.add(" FROM (").add(branch(false)).add(" UNION ALL ").add(branch(true)).add(") t");
    return sql.add(" ORDER BY t.created_at DESC, t.seq DESC").add(limit_offset(filter));
  }
  sql.add(" FROM traces t WHERE true").add(predicates(filter));
  sql.add(time_keyset(filter, "t.created_at", "t.seq"));
  return sql.add(" ORDER BY t.created_at DESC, t.seq DESC").add(limit_offset(filter));
}

bool is_text_search(const TraceFilter& filter) {
  return trace_list_query::choose_driver(filter, {}) == trace_list_query::Driver::text;
}

SqlBuilder capped_count(const TraceFilter& filter, int64_t cap) {
  SqlBuilder sql;
  if (filter.model && !filter.session_id && !filter.text_query && !filter.tag) {
    // The two walks apart; they never overlap.
    return sql.add("SELECT least(?::bigint, (SELECT count(*) FROM (SELECT 1", {cap})
        .add(model_branch_walk(filter, false))
        .add(" LIMIT ?) a) + (SELECT count(*) FROM (SELECT 1", {cap})
        .add(model_branch_walk(filter, true))
        .add(" LIMIT ?) b))", {cap});
  }
  if (filter.tag && !filter.text_query && !filter.session_id) {
    sql.add(
        "SELECT count(*) FROM (SELECT 1 FROM trace_tags g JOIN traces t ON t.seq = g.trace_seq "
        "WHERE g.tag = ?",
        {*filter.tag});
    if (filter.from_ms) sql.add(" AND g.created_at >= ?", {*filter.from_ms});
    if (filter.to_ms) sql.add(" AND g.created_at < ?", {*filter.to_ms});
    return sql.add(row_predicates(filter)).add(model_predicate(filter)).add(" LIMIT ?) c", {cap});
  }
  return sql.add("SELECT count(*) FROM (SELECT 1 FROM traces t WHERE true")
      .add(predicates(filter))
      .add(" LIMIT ?) c", {cap});
}

SqlBuilder pull_walk(const TraceFilter& filter, int64_t after_seq) {
  SqlBuilder sql;
  return sql.add(" FROM traces t WHERE t.seq > ?", {after_seq})
      .add(trace_list_query::kPullable)
      .add(predicates(filter));
}

}  // namespace reinforge::store::postgres::pg_trace_list_query
