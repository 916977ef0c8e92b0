#pragma once
// Varied gateway traces for bench/traces: the mix a team's traffic has after a month (four
// requested models, a fallback, two providers, two keys and admin calls, a few errors, tags,
// four endpoints, agent sessions), with texts whose words the Gateway page's search looks for at
// known rates. Deterministic for a seed, apart from the clock the times are counted back from.
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "store/trace_types.hpp"

namespace reinforge::bench {

class SyntheticTraces {
 public:
  // `count` traces spread over the 30 days before `end_ms`, written in time order. With
  // `extra_answer_words`, each answer is that many words longer, one in ten of them a word of
  // its own (names, numbers and codes give real answers a long tail of words the full-text
  // index must store): longer calls for the pruning bench (bench/traces/prune_stall.cpp).
  SyntheticTraces(uint64_t seed, int64_t count, int64_t end_ms, int extra_answer_words = 0);

  // The next trace in write order: created_at grows with it, a few seconds of jitter aside
  // (the gateway writes a trace when its call finishes, stamped with when it started).
  store::Trace next();

 private:
  // A session an agent keeps calling: the next call resends its last exchange.
  struct OpenSession {
    std::string id;
    std::string question;
    std::string answer;
  };

  double uniform();  // [0, 1)
  bool chance(double probability) { return uniform() < probability; }
  std::string hex(int digits);
  std::string question();
  std::string answer();
  double latency_ms();

  void fill_chat(store::Trace& trace, const std::string& user, const std::string& reply,
                 const OpenSession* continued);
  void fill_responses(store::Trace& trace, const std::string& user, const std::string& reply);
  void fill_messages(store::Trace& trace, const std::string& user, const std::string& reply);
  void fill_embeddings(store::Trace& trace, const std::string& input);
  void fill_error(store::Trace& trace);

  std::mt19937_64 random_;
  int64_t count_;
  int extra_answer_words_;
  int64_t start_ms_;
  int64_t span_ms_;
  int64_t written_ = 0;
  std::vector<OpenSession> sessions_;  // a few open at a time, as agents run side by side
};

}  // namespace reinforge::bench
