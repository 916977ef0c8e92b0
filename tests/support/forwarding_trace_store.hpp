#pragma once
// A trace store that passes every call to another: a test's or a bench's store overrides only
// what it watches or holds up (an insert that waits for a gate, an insert that is timed).
#include <chrono>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "store/trace_store.hpp"

namespace reinforge::testing {

class ForwardingTraceStore : public store::TraceStore {
 public:
  explicit ForwardingTraceStore(std::unique_ptr<store::TraceStore> inner) : inner_(std::move(inner)) {}

  void insert_traces(std::span<const store::Trace> traces) override { inner_->insert_traces(traces); }
  std::chrono::steady_clock::duration last_insert_lock_wait() const override { return inner_->last_insert_lock_wait(); }
  store::TracePage list_traces(const store::TraceFilter& filter,
                                          bool with_bodies) override {
    return inner_->list_traces(filter, with_bodies);
  }
  std::optional<store::Trace> find_trace(const std::string& id) override { return inner_->find_trace(id); }
  std::vector<store::TraceStatsRow> trace_stats(
      const store::TraceFilter& filter) override {
    return inner_->trace_stats(filter);
  }
  std::vector<store::TraceStatsRow> deployment_arm_stats(int64_t id) override {
    return inner_->deployment_arm_stats(id);
  }
  std::vector<store::TraceStatsRow> deployment_arm_timeline(int64_t id,
                                                                       int64_t bucket_ms) override {
    return inner_->deployment_arm_timeline(id, bucket_ms);
  }
  std::vector<store::Trace> deployment_traces_after(int64_t id, int64_t after_seq, int64_t max) override {
    return inner_->deployment_traces_after(id, after_seq, max);
  }
  std::optional<std::string> session_of_conversation(int64_t hash) override {
    return inner_->session_of_conversation(hash);
  }
  void merge_session(const std::string& from, const std::string& into) override {
    inner_->merge_session(from, into);
  }
  void save_stored_responses(std::span<const store::StoredResponse> responses) override {
    inner_->save_stored_responses(responses);
  }
  std::optional<store::StoredResponse> find_stored_response(
      const std::string& id) override {
    return inner_->find_stored_response(id);
  }
  store::TracesToPull traces_to_pull(const store::TraceFilter& filter,
                                                int64_t dataset_id, int64_t after_seq,
                                                int64_t max) override {
    return inner_->traces_to_pull(filter, dataset_id, after_seq, max);
  }
  int64_t last_pull_steps() const override { return inner_->last_pull_steps(); }
  std::vector<store::Trace> selected_traces_not_in_dataset(std::span<const std::string> ids,
                                                    int64_t dataset_id) override {
    return inner_->selected_traces_not_in_dataset(ids, dataset_id);
  }
  int64_t count_traces_to_pull(const store::TraceFilter& filter, int64_t after_seq,
                               int64_t cap) override {
    return inner_->count_traces_to_pull(filter, after_seq, cap);
  }
  int64_t count_records_from_traces(const store::TraceFilter& filter,
                                    int64_t dataset_id) override {
    return inner_->count_records_from_traces(filter, dataset_id);
  }
  int64_t prune_traces(int64_t before_ms, int64_t max_rows) override {
    return inner_->prune_traces(before_ms, max_rows);
  }
  std::chrono::steady_clock::duration last_prune_lock_time() const override { return inner_->last_prune_lock_time(); }
  int64_t trace_bytes() override { return inner_->trace_bytes(); }
  bool merge_search_index(std::chrono::milliseconds budget) override {
    return inner_->merge_search_index(budget);
  }
  void checkpoint() override { inner_->checkpoint(); }
  std::vector<store::Trace> traces_after(const store::TraceFilter& filter, int64_t after_seq,
                                  int64_t max) override {
    return inner_->traces_after(filter, after_seq, max);
  }
  store::GatewayKey create_gateway_key(const std::string& name,
                                                  const std::string& prefix,
                                                  const std::string& sha256) override {
    return inner_->create_gateway_key(name, prefix, sha256);
  }
  std::vector<store::GatewayKey> list_gateway_keys() override {
    return inner_->list_gateway_keys();
  }
  bool revoke_gateway_key(int64_t id) override { return inner_->revoke_gateway_key(id); }
  std::optional<store::GatewayKey> find_active_gateway_key(
      const std::string& sha256) override {
    return inner_->find_active_gateway_key(sha256);
  }
  std::vector<std::pair<std::string, int64_t>> active_gateway_key_hashes() override {
    return inner_->active_gateway_key_hashes();
  }
  void save_dataset_trace_source(const store::DatasetTraceSource& source) override {
    inner_->save_dataset_trace_source(source);
  }
  std::optional<store::DatasetTraceSource> find_dataset_trace_source(
      int64_t dataset_id) override {
    return inner_->find_dataset_trace_source(dataset_id);
  }

 protected:
  std::unique_ptr<store::TraceStore> inner_;
};

}  // namespace reinforge::testing
