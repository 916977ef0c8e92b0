#pragma once
// Rows of the gateway's tables: traces, gateway keys, and the trace filter a dataset pulls
// from. Plain types; no SQL and no JSON library here.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace reinforge::store {

// One call through the gateway (PRODUCT.md §1).
struct Trace {
  int64_t seq = 0;                 // insertion order, assigned by the store
  std::string id;                  // "tr_..." chosen by the gateway, returned to the caller
  int64_t created_at_ms = 0;
  std::string endpoint;            // "chat.completions" or "embeddings"
  std::string model_requested;     // the model the caller asked for
  std::string model;               // the upstream model that answered (or was last tried)
  std::string provider;            // the provider that answered (or was last tried)
  bool stream = false;
  int status = 0;                  // the HTTP status the caller got
  std::optional<std::string> error;
  double latency_ms = 0;
  std::optional<double> ttft_ms;   // time to the first response byte relayed to the caller
  std::optional<int64_t> prompt_tokens;
  std::optional<int64_t> completion_tokens;
  std::optional<int64_t> total_tokens;
  // Parts of the two above, where the provider says: prompt tokens read from its cache, and
  // completion tokens spent on reasoning.
  std::optional<int64_t> cached_tokens;
  std::optional<int64_t> reasoning_tokens;
  std::optional<int64_t> gateway_key_id;  // none when the admin token made the call
  int attempts = 1;
  std::vector<std::string> tags;
  std::optional<int64_t> deployment_id;  // the deployment that routed the call (step 7)
  std::string arm;                       // "base" or "tuned" under a deployment; "" otherwise
  // The agent session the call belongs to (docs/gateway.md, "Agent sessions"); "" for embeddings.
  std::string session_id;
  std::string request_json;        // the body the caller sent
  std::optional<std::string> response_json;  // full response; a streamed one assembled
  // The call's conversation in one shape whatever the protocol: {"messages" (the answer last),
  // "tools"}; none when the call failed or is not a conversation.
  std::optional<std::string> conversation_json;
  // A hash of that conversation's messages, so a later call that extends it joins its session.
  std::optional<int64_t> conversation_hash;
};

// Where a keyset page of traces starts: just after this trace in the list's order.
struct TracePosition {
  int64_t created_at_ms = 0;
  int64_t seq = 0;
};

// Every field narrows the list; empty ones do not.
struct TraceFilter {
  std::optional<int64_t> from_ms;
  std::optional<int64_t> to_ms;     // exclusive
  std::optional<std::string> model;  // matches the requested or the answering model
  std::optional<std::string> provider;
  std::optional<std::string> status;  // "ok" (2xx), "error" (anything else) or a number
  std::optional<int64_t> gateway_key_id;
  std::optional<std::string> tag;
  std::optional<std::string> text_query;  // every word must occur in the request or response
  std::optional<std::string> endpoint;    // "chat.completions", "responses", "messages", ...
  std::optional<std::string> session_id;
  // Only each session's latest call (the whole episode), for datasets from agent traffic.
  bool last_call_of_session = false;
  // Lists run newest first (by start time, then arrival; a text search by arrival alone) and
  // continue after `after` when it is given; `offset` is the older way, slow deep down.
  std::optional<TracePosition> after;
  int64_t offset = 0;
  int64_t limit = 50;
};

// Counting stops here: a list's total is exact below it and "at least this" above.
constexpr int64_t kTraceTotalCap = 10000;

struct TracePage {
  std::vector<Trace> traces;
  std::optional<TracePosition> next;  // where the next page starts; none on the last page
  int64_t total = 0;                  // every trace the filter matches, up to kTraceTotalCap
  bool total_exact = true;            // false when there are more than kTraceTotalCap
};

// Calls per model per UTC day.
struct TraceStatsRow {
  std::string day;  // "2026-11-24"
  std::string model;
  int64_t calls = 0;
  int64_t errors = 0;
  int64_t prompt_tokens = 0;
  int64_t completion_tokens = 0;
  double latency_p50_ms = 0;
  double latency_p95_ms = 0;
  double latency_p99_ms = 0;
};

struct GatewayKey {
  int64_t id = 0;
  std::string name;
  std::string prefix;  // the first characters of the key, to recognise it in lists
  int64_t created_at = 0;
  std::optional<int64_t> revoked_at;
};

// A Responses API answer the gateway keeps for `previous_response_id` and GET /v1/responses/:id.
struct StoredResponse {
  std::string id;  // "resp_..."
  std::string trace_id;
  std::string session_id;
  std::string conversation_json;  // {"messages", "tools"}: the conversation up to this answer
  std::string response_json;      // the Response object
  int64_t created_at_ms = 0;
  // The gateway key of the call that made it (its trace's; not a column of its own): only that
  // key, or the admin, reads or continues it. None: the admin token or a UI session.
  std::optional<int64_t> gateway_key_id;
};

// One batch of a pull: the traces to add, and how far the walk got (every trace up to this seq
// has been looked at, matching or not).
struct TracesToPull {
  std::vector<Trace> traces;
  int64_t scanned_through_seq = 0;
};

// The filter a dataset was created from, kept so "pull new traces" can run it again.
struct DatasetTraceSource {
  int64_t dataset_id = 0;
  std::string filter_json;
  std::optional<int64_t> last_pulled_at;
  int64_t pulled_through_seq = 0;  // the next pull looks only at traces stored after this one
};

}  // namespace reinforge::store
