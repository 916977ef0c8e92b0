#include "gateway/trace_writer.hpp"

#include <algorithm>
#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>
#include <type_traits>

#include "gateway/call_conversation.hpp"
#include "gateway/metadata_tags.hpp"
#include "gateway/response_memory.hpp"
#include "gateway/stream_assembler.hpp"
#include "protocols/messages_translation.hpp"
#include "protocols/responses_translation.hpp"
#include "protocols/stream_failure.hpp"
#include "util/temporarily_unavailable.hpp"
#include "util/thread_name.hpp"
#include "util/thread_priority.hpp"

namespace reinforge::gateway {

namespace {
// Large enough to amortise the commit, small enough that a burst is visible quickly.
constexpr std::size_t kMaxBatch = 2048;
constexpr auto kLinger = std::chrono::milliseconds(20);
constexpr auto kFirstRetryWait = std::chrono::milliseconds(250);
constexpr auto kLongestRetryWait = std::chrono::milliseconds(4000);
// The calm writer's niceness: the request path comes first (see run()).
constexpr int kNice = 10;
// A queue this share of its capacity long is a backlog, written at normal priority (run()).
constexpr std::size_t kBacklogShareOfCapacity = 8;
}  // namespace

store::Trace finish_trace(CapturedTrace captured) {
  store::Trace trace = std::move(captured.trace);
  add_metadata_tags(trace.request_json, trace.tags);
  if (!trace.response_json) return trace;
  TokenUsage usage;
  if (captured.streamed_body && trace.status >= 200 && trace.status < 300 &&
      (trace.endpoint == "responses" || trace.endpoint == "messages")) {
    if (auto failure = protocols::agent_stream_failure(*trace.response_json);
        failure && !trace.error)
      trace.error = "error in the stream: " + *failure;
    // The events the caller got, folded into the one object a whole answer would have been.
    auto whole = trace.endpoint == "responses"
                     ? protocols::assemble_responses_stream(*trace.response_json)
                     : protocols::assemble_messages_stream(*trace.response_json);
    trace.response_json = whole.dump();
    usage = usage_of_response(*trace.response_json);
  } else if (captured.streamed_body && trace.status >= 200 && trace.status < 300) {
    auto assembled = assemble_chat_stream(*trace.response_json);
    trace.response_json = std::move(assembled.json);
    usage = assembled.usage;
    if (assembled.error && !trace.error) trace.error = "error in the stream: " + *assembled.error;
  } else {
    usage = usage_of_response(*trace.response_json);
  }
  if (!trace.prompt_tokens) trace.prompt_tokens = usage.prompt_tokens;
  if (!trace.completion_tokens) trace.completion_tokens = usage.completion_tokens;
  if (!trace.total_tokens) trace.total_tokens = usage.total_tokens;
  if (!trace.cached_tokens) trace.cached_tokens = usage.cached_tokens;
  if (!trace.reasoning_tokens) trace.reasoning_tokens = usage.reasoning_tokens;
  return trace;
}

TraceWriter::TraceWriter(std::unique_ptr<store::TraceStore> store, std::size_t capacity,
                         ResponseMemory* responses)
    : store_(std::move(store)),
      capacity_(capacity),
      backlog_(std::max<std::size_t>(1, capacity / kBacklogShareOfCapacity)),
      responses_(responses),
      sessions_(std::make_unique<SessionTracker>(*store_)) {
  queue_.reserve(kMaxBatch);
  // Started from the caller's thread, the catching-up writer keeps its (normal) priority.
  calm_thread_ = std::thread([this] { run(Pace::calm); });
  catching_up_thread_ = std::thread([this] { run(Pace::catching_up); });
}

TraceWriter::~TraceWriter() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  calm_thread_.join();
  catching_up_thread_.join();
}

bool TraceWriter::submit(CapturedTrace trace) {
  std::size_t queued = 0;
  {
    std::lock_guard lock(mutex_);
    if (queued_locked() >= capacity_) {
      dropped_.fetch_add(1, std::memory_order_relaxed);
      return false;
    }
    queue_.push_back(std::move(trace));
    queued = queued_locked();
  }
  accepted_.fetch_add(1, std::memory_order_relaxed);
  // The writers only sleep on an empty queue (the calm one) or one below the backlog (the one
  // catching up), so only these two sizes need to wake them.
  if (queued == 1 || queued == backlog_) wake_.notify_all();
  return true;
}

TraceWriterStats TraceWriter::stats() const {
  TraceWriterStats stats;
  stats.accepted = accepted_.load();
  stats.written = written_.load();
  stats.written_catching_up = written_catching_up_.load();
  stats.dropped = dropped_.load();
  stats.failed = failed_.load();
  stats.capacity = capacity_;
  std::lock_guard lock(mutex_);
  stats.queued = queued_locked();
  return stats;
}

void TraceWriter::flush() {
  std::unique_lock lock(mutex_);
  drained_.wait(lock, [this] { return queued_locked() == 0 && !writing_; });
}

void TraceWriter::run(Pace pace) {
  // The request path comes first: a batch of a few hundred traces takes milliseconds of one
  // core, and at normal priority it held a core from the IO threads for that long (the
  // closed-loop p99 on two cores was ~4 ms with it, ~1.3 ms without it). So the calm writer is
  // a SCHED_BATCH thread at nice 10: it does not preempt them when it wakes and yields to them
  // when they are runnable; it writes in the gaps, which on a busy gateway are enough
  // (bench/README.md). A gateway that saturates the cores leaves it no gaps: at 30,000 calls/s
  // on two cores its queue filled and 8% of the traces were dropped. Past the backlog mark the
  // other writer, at normal priority, takes over and writes the queue in the IO threads' time,
  // which slows the callers a little instead of losing their traces; only what still overflows
  // trace_queue_capacity is dropped and counted (GET /api/gateway/status). Two threads because
  // an unprivileged thread that lowered its priority can never raise it again.
  util::name_this_thread(pace == Pace::calm ? "trace-writer" : "trace-catchup");
  if (pace == Pace::calm) util::run_this_thread_in_background(kNice);
  auto my_turn = [&] {
    if (writing_) return false;
    std::size_t queued = queued_locked();
    return pace == Pace::calm ? queued > 0 && queued < backlog_ : queued >= backlog_;
  };
  std::vector<CapturedTrace> batch;
  batch.reserve(kMaxBatch);  // swapped with the queue: calls are queued without growing it
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      // On stopping, the calm writer writes what is left, whatever its size, and the one
      // catching up leaves it to it.
      auto finishing = [&] { return stopping_ && !writing_ && pace == Pace::calm; };
      auto leaving = [&] { return stopping_ && pace == Pace::catching_up; };
      wake_.wait(lock, [&] { return my_turn() || finishing() || leaving(); });
      if (!my_turn() && (leaving() || queued_locked() == 0)) return;
      if (pace == Pace::calm && !stopping_) {
        // Let a batch build up: one commit per few milliseconds instead of one per call keeps
        // the writer's share of the CPU small under load (it shares the cores with the proxy).
        wake_.wait_for(lock, kLinger, [this] { return stopping_ || queued_locked() >= kMaxBatch; });
        if (writing_ || queued_locked() == 0) continue;  // the other writer took it meanwhile
      }
      take_batch_locked(batch);
      writing_ = true;
    }
    write_batch(batch);
    if (pace == Pace::catching_up) {
      written_catching_up_.fetch_add(batch.size(), std::memory_order_relaxed);
    }
    batch.clear();
    // A burst's storage goes back once it has passed through a batch.
    if (batch.capacity() > 2 * kMaxBatch) batch.shrink_to_fit();
    {
      std::lock_guard lock(mutex_);
      writing_ = false;
      if (queued_locked() == 0) drained_.notify_all();
    }
    wake_.notify_all();  // the other writer may be waiting for this one to finish
  }
}

void TraceWriter::take_batch_locked(std::vector<CapturedTrace>& batch) {
  static_assert(std::is_nothrow_move_constructible_v<CapturedTrace>,
                "the queue's growth must move the calls, not copy them");
  std::size_t take = std::min(queued_locked(), kMaxBatch);
  if (queue_head_ == 0 && take == queue_.size()) {
    batch.swap(queue_);  // the queue goes on in the batch's emptied storage
    return;
  }
  auto first = queue_.begin() + static_cast<std::ptrdiff_t>(queue_head_);
  batch.assign(std::make_move_iterator(first),
               std::make_move_iterator(first + static_cast<std::ptrdiff_t>(take)));
  queue_head_ += take;
  if (queue_head_ == queue_.size()) {
    queue_.clear();
    queue_head_ = 0;
  } else if (queue_head_ * 2 >= queue_.size()) {
    // The taken calls' husks go once they are half the vector: each call moves at most once more.
    queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(queue_head_));
    queue_head_ = 0;
  }
}

void TraceWriter::write_batch(std::vector<CapturedTrace>& batch) {
  // A call is submitted after its caller has the answer, so the caller's next call can come
  // first; in start order, a session's calls are processed as they happened.
  std::stable_sort(batch.begin(), batch.end(), [](const CapturedTrace& a, const CapturedTrace& b) {
    return a.trace.created_at_ms < b.trace.created_at_ms;
  });
  std::vector<store::Trace> traces;
  traces.reserve(std::min(batch.size(), kMaxBatch));
  for (std::size_t start = 0; start < batch.size(); start += kMaxBatch) {
    traces.clear();
    std::size_t end = std::min(batch.size(), start + kMaxBatch);
    std::vector<store::StoredResponse> stored;
    for (std::size_t i = start; i < end; ++i) {
      auto hint = std::move(batch[i].session_hint);
      traces.push_back(finish_trace(std::move(batch[i])));
      try {
        attach_conversation(traces.back(), hint, stored,
                            std::span<store::Trace>(traces.data(), traces.size() - 1));
      } catch (const std::exception&) {
        // A body nlohmann cannot read as expected: the trace is kept without its conversation.
        traces.back().session_id = hint.empty() ? "ses_" + traces.back().id : hint;
      }
    }
    write_with_retries(traces, stored);
  }
}

void TraceWriter::write_with_retries(const std::vector<store::Trace>& traces,
                                     const std::vector<store::StoredResponse>& stored) {
  auto wait = kFirstRetryWait;
  // After a lost connection the batch may be stored all the same (its COMMIT reached the server,
  // the answer did not), or only its stored responses are left to write: it is one transaction,
  // so its first trace tells, and a second insert would be refused as a duplicate.
  bool traces_stored = false;
  bool maybe_stored = false;
  for (bool said = false;; wait = std::min(wait * 2, kLongestRetryWait)) {
    try {
      if (maybe_stored && !traces_stored && !traces.empty())
        traces_stored = store_->find_trace(traces.front().id).has_value();
      if (!traces_stored) store_->insert_traces(traces);
      traces_stored = true;
      store_->save_stored_responses(stored);
      written_.fetch_add(traces.size(), std::memory_order_relaxed);
      if (said) std::cerr << "reinforge: the database is back; writing the queued traces\n";
      return;
    } catch (const util::TemporarilyUnavailable& error) {
      // The database is away (a shared PostgreSQL store restarting): the batch waits here, the
      // gateway goes on answering, and its calls queue up to trace_queue_capacity meanwhile.
      maybe_stored = true;
      std::unique_lock lock(mutex_);
      if (stopping_) {
        failed_.fetch_add(traces.size(), std::memory_order_relaxed);
        std::cerr << "reinforge: stopped before the database came back: " << traces.size()
                  << " traces not written (" << error.what() << ")\n";
        return;
      }
      if (!said) {
        std::cerr << "reinforge: traces wait for the database: " << error.what() << "\n";
        said = true;
      }
      wake_.wait_for(lock, wait, [this] { return stopping_; });
    } catch (const std::exception& error) {
      if (traces.size() > 1) {
        // The store refused the batch, which it writes in one transaction, so none of it is
        // stored: one call's trace it cannot take must not cost the others theirs.
        std::cerr << "reinforge: a batch of " << traces.size()
                  << " traces was refused; writing them one by one: " << error.what() << "\n";
        write_one_by_one(traces, stored);
        return;
      }
      failed_.fetch_add(traces.size(), std::memory_order_relaxed);
      std::cerr << "reinforge: could not write " << traces.size() << " traces: " << error.what()
                << "\n";
      return;
    }
  }
}

void TraceWriter::write_one_by_one(const std::vector<store::Trace>& traces,
                                   const std::vector<store::StoredResponse>& stored) {
  std::vector<store::Trace> one(1);
  std::vector<store::StoredResponse> its_responses;
  for (const auto& trace : traces) {
    one[0] = trace;
    its_responses.clear();
    for (const auto& response : stored)
      if (response.trace_id == trace.id) its_responses.push_back(response);
    write_with_retries(one, its_responses);
  }
}

void TraceWriter::attach_conversation(store::Trace& trace, const std::string& session_hint,
                                      std::vector<store::StoredResponse>& stored,
                                      std::span<store::Trace> batch_so_far) {
  if (trace.endpoint == "embeddings") return;
  const bool answered = trace.status >= 200 && trace.status < 300 && trace.response_json;
  nlohmann::json previous = nlohmann::json::array();
  std::string session = session_hint;
  nlohmann::json request;
  if (trace.endpoint == "responses") {
    request = nlohmann::json::parse(trace.request_json, nullptr, false);
    // A Responses call can name its session in its metadata (after the header).
    if (session.empty() && request.is_object() && request.contains("metadata") &&
        request["metadata"].is_object()) {
      auto named = request["metadata"].value("session_id", nlohmann::json());
      if (named.is_string()) session = named.get<std::string>().substr(0, 200);
    }
    auto previous_id = request.is_object() ? request.value("previous_response_id", nlohmann::json())
                                           : nlohmann::json();
    if (previous_id.is_string() && responses_) {
      if (auto found = responses_->find(previous_id.get<std::string>())) {
        previous = previous_turns(found->conversation_json);
        if (session.empty() && !found->session_id.empty())
          session = sessions_->resolved(found->session_id);
      }
    }
  }
  std::optional<CallConversation> conversation;
  if (answered)
    conversation =
        call_conversation(trace.endpoint, trace.request_json, *trace.response_json, previous);
  bool parent_missing = false;
  if (session.empty() && conversation && conversation->extends) {
    session = sessions_->session_to_extend(*conversation->extends).value_or("");
    parent_missing = session.empty();
  }
  // A call nothing links to starts a session named after it.
  if (session.empty()) session = "ses_" + trace.id.substr(trace.id.rfind('_') + 1);
  trace.session_id = session;
  if (!conversation) return;
  trace.conversation_hash = conversation->hash;
  if (parent_missing) sessions_->started_without_parent(*conversation->extends, session);
  // The rows already written move in the store; this batch's own rows move here.
  if (auto merged = sessions_->remember(conversation->hash, session)) {
    for (auto& earlier : batch_so_far) {
      if (earlier.session_id == *merged) earlier.session_id = session;
    }
  }
  if (trace.endpoint == "chat.completions") return;  // the bodies already are the conversation
  trace.conversation_json = conversation->record.dump();
  if (trace.endpoint != "responses" || !responses_) return;
  auto response = nlohmann::json::parse(*trace.response_json, nullptr, false);
  if (!response.is_object() || !response.contains("id") || !response["id"].is_string()) return;
  if (request.is_object() && request.value("store", true) == false) return;
  store::StoredResponse kept{response["id"].get<std::string>(),
                             trace.id,
                             session,
                             *trace.conversation_json,
                             *trace.response_json,
                             trace.created_at_ms,
                             trace.gateway_key_id};
  responses_->remember(kept);
  stored.push_back(std::move(kept));
}

}  // namespace reinforge::gateway
