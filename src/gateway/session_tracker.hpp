#pragma once
// Which agent session a call belongs to (docs/gateway.md, "Agent sessions"), for the trace
// writer: recent conversations' hashes → their session, in memory, with the store behind it.
#include <cstddef>
#include <cstdint>
#include <list>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "store/trace_store.hpp"

namespace reinforge::gateway {

// A call reaches the writer a moment after its caller has the answer, so the caller's next call
// can be traced first: it then finds no session to extend and starts one, noted as waiting for
// the conversation it extends. When that call is traced, the waiting session is merged into its
// own (in the store, and for every later lookup).
//
// Several sessions can end with the same conversation (an agent run several times on one task
// answers its first turn alike): each next call takes one of them that nothing has extended yet,
// oldest first, so every run stays one whole episode. Which run gets which session does not
// matter, they are alike up to there. A conversation extended twice (a retry, a branch) goes on
// in the session that ended with it last.
class SessionTracker {
 public:
  SessionTracker(store::TraceStore& store, std::size_t capacity = 200000);
  // The session a call that extends the conversation hashing to `hash` joins, if a call ended
  // with it; that session no longer waits there for another call.
  std::optional<std::string> session_to_extend(int64_t hash);
  // A call that extends `extends` found no session and started `session_id`.
  void started_without_parent(int64_t extends, const std::string& session_id);
  // A call of `session_id` ended its conversation with `hash`; returns the session that was
  // waiting for it (now merged into `session_id`), if any.
  std::optional<std::string> remember(int64_t hash, const std::string& session_id);
  // A session's name now: itself, or the session it was merged into.
  std::string resolved(const std::string& session_id) const;

 private:
  struct EndedHere {
    std::vector<std::string> not_extended;  // oldest first
    std::string last;                       // the latest session to end here
    std::list<int64_t>::iterator position;  // in order_
  };
  store::TraceStore& store_;
  std::size_t capacity_;
  std::list<int64_t> order_;  // most recent first
  std::unordered_map<int64_t, EndedHere> sessions_;
  std::unordered_map<int64_t, std::string> waiting_;     // extended hash -> the session started
  std::unordered_map<std::string, std::string> merged_;  // merged session -> its new name
};

}  // namespace reinforge::gateway
