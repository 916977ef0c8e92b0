#include "store/trace_list_query.hpp"

#include <array>
#include <cstdlib>
#include <limits>

#include "store/fts_query.hpp"

namespace reinforge::store::trace_list_query {

namespace {

// The filters other than the tag and the text, which depend on how the query walks.
SqlBuilder row_predicates(const TraceFilter& filter) {
  SqlBuilder sql;
  if (filter.from_ms) sql.add(" AND t.created_at >= ?", {*filter.from_ms});
  if (filter.to_ms) sql.add(" AND t.created_at < ?", {*filter.to_ms});
  if (filter.model) sql.add(" AND (t.model_requested = ? OR t.model = ?)", {*filter.model, *filter.model});
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

SqlBuilder tag_lookup(const TraceFilter& filter) {
  SqlBuilder sql;
  if (filter.tag) {
    sql.add(" AND EXISTS (SELECT 1 FROM trace_tags g2 WHERE g2.tag = ? AND g2.created_at = "
            "t.created_at AND g2.trace_seq = t.seq)",
            {*filter.tag});
  }
  return sql;
}

// The words to search for; none when the search has no word (it then matches nothing).
std::optional<std::string> search_words(const TraceFilter& filter) {
  if (!filter.text_query) return std::nullopt;
  return fts_all_words(*filter.text_query);
}

// A search without a single word matches nothing.
bool searches_nothing(const TraceFilter& filter) {
  auto words = search_words(filter);
  return words && words->empty();
}

SqlBuilder text_lookup(const TraceFilter& filter) {
  SqlBuilder sql;
  if (auto words = search_words(filter)) {
    // A lookup of this row in the index, not a join against the whole match set.
    sql.add(" AND EXISTS (SELECT 1 FROM traces_fts WHERE traces_fts MATCH ? AND rowid = t.seq)",
            {*words});
  }
  return sql;
}

const char* index_of(Driver driver) {
  switch (driver) {
    case Driver::key: return "traces_by_key";
    case Driver::provider: return "traces_by_provider";
    case Driver::endpoint: return "traces_by_endpoint";
    case Driver::failed: return "traces_failed";
    case Driver::failed_code: return "traces_failed_by_status";
    case Driver::episodes: return "traces_in_sessions";
    default: return "traces_by_time";
  }
}

// Newest first by start time, then arrival; after the given position.
SqlBuilder time_keyset(const TraceFilter& filter, std::string_view time, std::string_view seq) {
  SqlBuilder sql;
  if (filter.after) {
    int64_t at = filter.after->created_at_ms;
    sql.add(" AND " + std::string(time) + " <= ? AND (" + std::string(time) + " < ? OR " +
                std::string(seq) + " < ?)",
            {at, at, filter.after->seq});
  }
  return sql;
}

SqlBuilder limit_offset(const TraceFilter& filter) {
  SqlBuilder sql;
  sql.add(" LIMIT ?", {filter.limit});
  if (filter.offset > 0 && !filter.after) sql.add(" OFFSET ?", {filter.offset});
  return sql;
}

// FROM ... WHERE ... of a walk along one driver, without keyset, order or limit.
SqlBuilder walk(const TraceFilter& filter, Driver driver) {
  SqlBuilder sql;
  switch (driver) {
    case Driver::tag:
      sql.add(" FROM trace_tags g JOIN traces t ON t.seq = g.trace_seq WHERE g.tag = ?",
              {*filter.tag});
      if (filter.from_ms) sql.add(" AND g.created_at >= ?", {*filter.from_ms});
      if (filter.to_ms) sql.add(" AND g.created_at < ?", {*filter.to_ms});
      sql.add(row_predicates(filter)).add(text_lookup(filter));
      return sql;
    case Driver::text:
      sql.add(" FROM traces_fts f JOIN traces t ON t.seq = f.rowid WHERE traces_fts MATCH ?",
              {search_words(filter).value_or("")});
      sql.add(row_predicates(filter)).add(tag_lookup(filter));
      return sql;
    case Driver::session:
    case Driver::model:
      // The planner picks: a session's calls by traces_by_session; a model by both model
      // indexes (only counts walk this way; pages of a model walk each index on its own).
      sql.add(" FROM traces t WHERE 1");
      break;
    default:
      sql.add(" FROM traces t INDEXED BY ").add(index_of(driver)).add(" WHERE 1");
  }
  sql.add(row_predicates(filter)).add(tag_lookup(filter)).add(text_lookup(filter));
  return sql;
}

// One of the two walks a model filter takes: calls that asked for the model, and calls another
// model was asked for that this one answered.
SqlBuilder model_branch_walk(const TraceFilter& filter, bool answering) {
  SqlBuilder sql;
  if (answering) {
    // Says the partial index's condition in its own words, so SQLite can use it.
    sql.add(" FROM traces t INDEXED BY traces_answered_by_another_model "
            "WHERE t.model = ? AND t.model <> t.model_requested",
            {*filter.model});
  } else {
    sql.add(" FROM traces t INDEXED BY traces_by_model WHERE t.model_requested = ?", {*filter.model});
  }
  return sql.add(row_predicates(filter)).add(tag_lookup(filter)).add(text_lookup(filter));
}

SqlBuilder model_branch(const TraceFilter& filter, bool answering) {
  SqlBuilder sql;
  sql.add("SELECT t.seq, t.created_at").add(model_branch_walk(filter, answering));
  sql.add(time_keyset(filter, "t.created_at", "t.seq"));
  // Enough rows from each walk to fill the page after the merge, the skipped ones included.
  sql.add(" ORDER BY t.created_at DESC, t.seq DESC LIMIT ?",
          {filter.limit + (filter.after ? 0 : filter.offset)});
  return sql;
}

}  // namespace

bool needs_estimates(const TraceFilter& filter) {
  int given = (status_is_failure(filter.status) ? 1 : 0) + (filter.gateway_key_id ? 1 : 0) +
              (filter.provider ? 1 : 0) + (filter.endpoint ? 1 : 0) + (filter.model ? 1 : 0);
  return given > 1 && !filter.session_id && !filter.text_query && !filter.tag;
}

Driver choose_driver(const TraceFilter& filter, const Estimates& estimates) {
  if (filter.session_id) return Driver::session;
  if (filter.text_query) return Driver::text;
  if (filter.tag) return Driver::tag;
  if (filter.last_call_of_session) return Driver::episodes;
  constexpr int64_t kUnknown = std::numeric_limits<int64_t>::max();
  const std::array<std::pair<Driver, int64_t>, 5> candidates{{
      {filter.status == "error" ? Driver::failed : Driver::failed_code,
       status_is_failure(filter.status) ? estimates.failed.value_or(kUnknown) : -1},
      {Driver::key, filter.gateway_key_id ? estimates.key.value_or(kUnknown) : -1},
      {Driver::provider, filter.provider ? estimates.provider.value_or(kUnknown) : -1},
      {Driver::endpoint, filter.endpoint ? estimates.endpoint.value_or(kUnknown) : -1},
      {Driver::model, filter.model ? estimates.model.value_or(kUnknown) : -1},
  }};
  std::optional<std::pair<Driver, int64_t>> best;
  for (const auto& candidate : candidates) {
    if (candidate.second < 0) continue;
    if (!best || candidate.second < best->second) best = candidate;
  }
  return best ? best->first : Driver::time;
}

SqlBuilder page(const TraceFilter& filter, Driver driver, std::string_view columns) {
  SqlBuilder sql;
  sql.add("SELECT ").add(columns);
  if (driver == Driver::text) {
    if (searches_nothing(filter)) {
      return sql.add(" FROM traces t WHERE 0");
    }
    sql.add(walk(filter, driver));
    if (filter.after) sql.add(" AND f.rowid < ?", {filter.after->seq});
    return sql.add(" ORDER BY f.rowid DESC").add(limit_offset(filter));
  }
  if (driver == Driver::model) {
    sql.add(" FROM traces t WHERE t.seq IN (SELECT seq FROM (")
        .add(model_branch(filter, false))
        .add(") UNION ALL SELECT seq FROM (")
        .add(model_branch(filter, true))
        .add("))");
    return sql.add(" ORDER BY t.created_at DESC, t.seq DESC").add(limit_offset(filter));
  }
  sql.add(walk(filter, driver));
  if (driver == Driver::tag) {
    sql.add(time_keyset(filter, "g.created_at", "g.trace_seq"));
    return sql.add(" ORDER BY g.created_at DESC, g.trace_seq DESC").add(limit_offset(filter));
  }
  sql.add(time_keyset(filter, "t.created_at", "t.seq"));
  return sql.add(" ORDER BY t.created_at DESC, t.seq DESC").add(limit_offset(filter));
}

SqlBuilder capped_count(const TraceFilter& filter, Driver driver, int64_t cap) {
  SqlBuilder sql;
  if (driver == Driver::text && searches_nothing(filter))
    return sql.add("SELECT 0");
  if (driver == Driver::model) {
    // The two walks apart (an OR of both columns would scan the table); they never overlap.
    return sql.add("SELECT min(?, (SELECT count(*) FROM (SELECT 1", {cap})
        .add(model_branch_walk(filter, false))
        .add(" LIMIT ?)) + (SELECT count(*) FROM (SELECT 1", {cap})
        .add(model_branch_walk(filter, true))
        .add(" LIMIT ?)))", {cap});
  }
  return sql.add("SELECT count(*) FROM (SELECT 1")
      .add(walk(filter, driver))
      .add(" LIMIT ?)", {cap});
}

SqlBuilder pull_walk(const TraceFilter& filter, int64_t after_seq) {
  SqlBuilder sql;
  return sql.add(" FROM traces t NOT INDEXED WHERE t.seq > ?", {after_seq})
      .add(kPullable)
      .add(predicates(filter));
}

SqlBuilder predicates(const TraceFilter& filter) {
  SqlBuilder sql;
  if (searches_nothing(filter)) return sql.add(" AND 0");
  return sql.add(row_predicates(filter)).add(tag_lookup(filter)).add(text_lookup(filter));
}

}  // namespace reinforge::store::trace_list_query
