#pragma once
// Traces leave the request path through a bounded queue: submit() takes a short lock and
// never waits on the store; when the queue is full the trace is counted as dropped. A writer
// thread takes what is queued, finishes each trace (assembles streamed responses, reads usage)
// and inserts the batch in one transaction: a calm one at low priority, or, once the queue is a
// backlog (an eighth of its capacity), one at normal priority (run() says why).
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <span>
#include <thread>
#include <vector>

#include "gateway/session_tracker.hpp"
#include "store/trace_store.hpp"

namespace reinforge::gateway {

// A trace as the proxy captured it: for a streamed call `trace.response_json` holds the raw
// SSE text until the writer assembles it.
struct CapturedTrace {
  store::Trace trace;
  bool streamed_body = false;
  // The caller's own session name (x-reinforge-session); "" lets the writer find the session
  // (a Responses call's metadata.session_id, its chain, or the call it extends).
  std::string session_hint;
};

class ResponseMemory;

struct TraceWriterStats {
  uint64_t accepted = 0;
  uint64_t written = 0;
  uint64_t written_catching_up = 0;  // of `written`, by the writer at normal priority
  uint64_t dropped = 0;              // the queue was full
  uint64_t failed = 0;               // lost to a store error
  uint64_t queued = 0;               // waiting now
  std::size_t capacity = 0;
};

class TraceWriter {
 public:
  // `responses` (optional) keeps Responses answers for previous_response_id.
  TraceWriter(std::unique_ptr<store::TraceStore> store, std::size_t capacity,
              ResponseMemory* responses = nullptr);
  ~TraceWriter();  // writes what is queued, then stops
  TraceWriter(const TraceWriter&) = delete;
  TraceWriter& operator=(const TraceWriter&) = delete;

  // False (and counted as dropped) when the queue is full.
  bool submit(CapturedTrace trace);
  TraceWriterStats stats() const;
  // Blocks until everything submitted so far is written (tests, shutdown).
  void flush();

 private:
  enum class Pace { calm, catching_up };
  void run(Pace pace);
  void write_batch(std::vector<CapturedTrace>& batch);
  // Retries while the store is temporarily unavailable (until it answers or the writer stops);
  // any other failure writes a batch's traces one by one and counts those refused alone as
  // failed.
  void write_with_retries(const std::vector<store::Trace>& traces,
                          const std::vector<store::StoredResponse>& stored);
  void write_one_by_one(const std::vector<store::Trace>& traces,
                        const std::vector<store::StoredResponse>& stored);
  // The call's conversation, session and (Responses) stored answer.
  void attach_conversation(store::Trace& trace, const std::string& session_hint,
                           std::vector<store::StoredResponse>& stored,
                           std::span<store::Trace> batch_so_far);

  std::unique_ptr<store::TraceStore> store_;
  const std::size_t capacity_;
  const std::size_t backlog_;
  ResponseMemory* responses_;
  std::unique_ptr<SessionTracker> sessions_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable drained_;
  // The calls waiting, from queue_head_ on: a vector that a writer swaps with its emptied batch,
  // so queueing a call allocates nothing (a deque of these allocated a node per call); taken
  // from the front by moving the head when more than a batch waits.
  std::vector<CapturedTrace> queue_;
  std::size_t queue_head_ = 0;
  std::size_t queued_locked() const { return queue_.size() - queue_head_; }
  // Takes up to a batch from the queue into the empty `batch`.
  void take_batch_locked(std::vector<CapturedTrace>& batch);
  bool stopping_ = false;
  bool writing_ = false;  // by either writer: they take turns
  std::atomic<uint64_t> accepted_{0};
  std::atomic<uint64_t> written_{0};
  std::atomic<uint64_t> written_catching_up_{0};
  std::atomic<uint64_t> dropped_{0};
  std::atomic<uint64_t> failed_{0};
  std::thread calm_thread_;
  std::thread catching_up_thread_;
};

// Fills usage and the assembled response of a captured trace (the writer's per-trace work).
store::Trace finish_trace(CapturedTrace captured);

}  // namespace reinforge::gateway
