#include "gateway/session_tracker.hpp"

namespace reinforge::gateway {

SessionTracker::SessionTracker(store::TraceStore& store, std::size_t capacity)
    : store_(store), capacity_(capacity) {}

std::optional<std::string> SessionTracker::session_of(int64_t hash) {
  auto found = sessions_.find(hash);
  if (found != sessions_.end()) return found->second.first;
  return store_.session_of_conversation(hash);
}

void SessionTracker::remember(int64_t hash, const std::string& session_id) {
  auto found = sessions_.find(hash);
  if (found != sessions_.end()) {
    order_.erase(found->second.second);
    sessions_.erase(found);
  }
  order_.push_front(hash);
  sessions_.emplace(hash, std::make_pair(session_id, order_.begin()));
  while (sessions_.size() > capacity_) {
    sessions_.erase(order_.back());
    order_.pop_back();
  }
}

}  // namespace reinforge::gateway
