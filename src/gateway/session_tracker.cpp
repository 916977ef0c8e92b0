#include "gateway/session_tracker.hpp"

namespace reinforge::gateway {

SessionTracker::SessionTracker(store::TraceStore& store, std::size_t capacity)
    : store_(store), capacity_(capacity) {}

namespace {
constexpr std::size_t kMaxWaiting = 10000;  // sessions started without their parent, kept
}  // namespace

std::string SessionTracker::resolved(const std::string& session_id) const {
  std::string name = session_id;
  for (int hops = 0; hops < 8; ++hops) {
    auto renamed = merged_.find(name);
    if (renamed == merged_.end()) break;
    name = renamed->second;
  }
  return name;
}

std::optional<std::string> SessionTracker::session_of(int64_t hash) {
  auto found = sessions_.find(hash);
  if (found != sessions_.end()) return resolved(found->second.first);
  auto stored = store_.session_of_conversation(hash);
  if (stored) return resolved(*stored);
  return std::nullopt;
}

void SessionTracker::started_without_parent(int64_t extends, const std::string& session_id) {
  if (waiting_.size() >= kMaxWaiting) waiting_.clear();  // old ones will not be answered now
  waiting_[extends] = session_id;
}

std::optional<std::string> SessionTracker::remember(int64_t hash, const std::string& session_id) {
  std::optional<std::string> merged;
  if (auto waiting = waiting_.find(hash); waiting != waiting_.end()) {
    if (waiting->second != session_id) {
      store_.merge_session(waiting->second, session_id);
      if (merged_.size() >= kMaxWaiting) merged_.clear();
      merged_[waiting->second] = session_id;
      merged = waiting->second;
    }
    waiting_.erase(waiting);
  }
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
  return merged;
}

}  // namespace reinforge::gateway
