#include "gateway/response_memory.hpp"

namespace reinforge::gateway {

ResponseMemory::ResponseMemory(std::unique_ptr<store::TraceStore> store, std::size_t capacity)
    : store_(std::move(store)), capacity_(capacity) {}

void ResponseMemory::remember(store::StoredResponse response) {
  std::lock_guard lock(mutex_);
  auto found = entries_.find(response.id);
  if (found != entries_.end()) {
    order_.erase(found->second.position);
    entries_.erase(found);
  }
  order_.push_front(response.id);
  std::string id = response.id;
  entries_.emplace(std::move(id), Entry{std::move(response), order_.begin()});
  while (entries_.size() > capacity_) {
    entries_.erase(order_.back());
    order_.pop_back();
  }
}

std::optional<store::StoredResponse> ResponseMemory::find(const std::string& id) {
  {
    std::lock_guard lock(mutex_);
    auto found = entries_.find(id);
    if (found != entries_.end()) return found->second.response;
  }
  if (!store_) return std::nullopt;
  std::lock_guard lock(store_mutex_);
  return store_->find_stored_response(id);
}

void ResponseMemory::set_session(const std::string& id, const std::string& session_id) {
  std::lock_guard lock(mutex_);
  auto found = entries_.find(id);
  if (found != entries_.end()) found->second.response.session_id = session_id;
}

}  // namespace reinforge::gateway
