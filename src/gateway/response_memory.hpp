#pragma once
// The Responses answers the gateway keeps (docs/gateway.md, "Agent protocols"): what
// `previous_response_id` continues and what GET /v1/responses/:id returns. Recent ones live in
// memory — the proxy remembers a translated answer before the caller has it, so an immediate
// follow-up finds it — and every one is stored with its trace by the trace writer; a miss in
// memory is looked up in the store.
#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "store/trace_store.hpp"

namespace reinforge::gateway {

class ResponseMemory {
 public:
  ResponseMemory(std::unique_ptr<store::TraceStore> store, std::size_t capacity = 20000);

  void remember(store::StoredResponse response);
  // Memory first, then the store. Thread-safe.
  std::optional<store::StoredResponse> find(const std::string& id);
  // The trace writer names the session once it knows it.
  void set_session(const std::string& id, const std::string& session_id);

 private:
  using Order = std::list<std::string>;
  struct Entry {
    store::StoredResponse response;
    Order::iterator position;
  };
  std::unique_ptr<store::TraceStore> store_;
  std::size_t capacity_;
  std::mutex mutex_;
  std::mutex store_mutex_;
  Order order_;  // most recent first
  std::unordered_map<std::string, Entry> entries_;
};

}  // namespace reinforge::gateway
