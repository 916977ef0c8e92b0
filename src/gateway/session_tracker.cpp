#include "gateway/session_tracker.hpp"

#include <algorithm>

namespace reinforge::gateway {

SessionTracker::SessionTracker(store::TraceStore& store, std::size_t capacity)
    : store_(store), capacity_(capacity) {}

namespace {
constexpr std::size_t kMaxWaiting = 10000;  // sessions started without their parent, kept
// Sessions kept per conversation for next calls to take: the same prompt sampled thousands of
// times must not grow one entry without bound (the oldest go first).
constexpr std::size_t kMaxNotExtended = 64;
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

std::optional<std::string> SessionTracker::session_to_extend(int64_t hash) {
  auto found = sessions_.find(hash);
  if (found != sessions_.end()) {
    auto& ended = found->second;
    if (ended.not_extended.empty()) return resolved(ended.last);
    std::string session = std::move(ended.not_extended.front());
    ended.not_extended.erase(ended.not_extended.begin());
    return resolved(session);
  }
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
    order_.erase(found->second.position);
  } else {
    found = sessions_.emplace(hash, EndedHere{}).first;
  }
  order_.push_front(hash);
  auto& ended = found->second;
  ended.position = order_.begin();
  ended.last = session_id;
  if (std::find(ended.not_extended.begin(), ended.not_extended.end(), session_id) ==
      ended.not_extended.end())
    ended.not_extended.push_back(session_id);
  if (ended.not_extended.size() > kMaxNotExtended)
    ended.not_extended.erase(ended.not_extended.begin());
  while (sessions_.size() > capacity_) {
    sessions_.erase(order_.back());
    order_.pop_back();
  }
  return merged;
}

}  // namespace reinforge::gateway
