#pragma once
// Which agent session a call belongs to (docs/gateway.md, "Agent sessions"), for the trace
// writer: recent conversations' hashes → their session, in memory, with the store behind it.
#include <cstddef>
#include <cstdint>
#include <list>
#include <optional>
#include <string>
#include <unordered_map>

#include "store/trace_store.hpp"

namespace reinforge::gateway {

class SessionTracker {
 public:
  SessionTracker(store::TraceStore& store, std::size_t capacity = 200000);
  // The session whose conversation hashes to `hash`, if a call ended with it.
  std::optional<std::string> session_of(int64_t hash);
  void remember(int64_t hash, const std::string& session_id);

 private:
  store::TraceStore& store_;
  std::size_t capacity_;
  std::list<int64_t> order_;  // most recent first
  std::unordered_map<int64_t, std::pair<std::string, std::list<int64_t>::iterator>> sessions_;
};

}  // namespace reinforge::gateway
