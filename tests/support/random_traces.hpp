#pragma once
// Varied synthetic traces for the trace store's tests (models, keys, statuses, tags, sessions,
// words to search), and whether a trace matches a filter, computed the obvious way to compare
// the store's answers with.
#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "store/trace_types.hpp"

namespace reinforge::testing {

inline constexpr int64_t kDayMs = 86'400'000;

inline const std::vector<std::string> kWords = {"alpha", "beta", "gamma", "delta"};

class TraceMaker {
 public:
  explicit TraceMaker(unsigned seed) : random_(seed) {}

  store::Trace next(int64_t created_at_ms) {
    store::Trace trace;
    trace.id = "tr_" + std::to_string(count_++);
    trace.created_at_ms = created_at_ms;
    trace.endpoint = pick({"chat.completions", "chat.completions", "responses", "messages"});
    trace.model_requested = pick({"a", "a", "b", "c"});
    trace.model = chance(0.2) ? "fallback" : trace.model_requested + "-up";
    trace.provider = pick({"p1", "p2"});
    trace.status = chance(0.15) ? (chance(0.5) ? 429 : 500) : 200;
    trace.latency_ms = 1 + static_cast<double>(random_() % 5000) / 7.0;
    trace.prompt_tokens = static_cast<int64_t>(random_() % 100);
    trace.completion_tokens = static_cast<int64_t>(random_() % 50);
    int key = static_cast<int>(random_() % 3);
    if (key) trace.gateway_key_id = key;
    if (chance(0.1)) trace.tags.push_back("rare");
    if (chance(0.5)) trace.tags.push_back("common");
    if (chance(0.1)) trace.session_id = "ses_" + std::to_string(random_() % 3);
    std::string word = kWords[random_() % kWords.size()];
    trace.request_json = R"({"messages":[{"role":"user","content":"question )" + word + R"("}]})";
    trace.response_json = R"({"choices":[{"message":{"role":"assistant","content":"answer"}}]})";
    return trace;
  }

 private:
  std::string pick(std::initializer_list<const char*> options) {
    auto it = options.begin();
    std::advance(it, random_() % options.size());
    return *it;
  }
  bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(random_) < p; }

  std::mt19937 random_;
  int count_ = 0;
};

// Whether another trace of its session started later (ties: the longer conversation, then the
// later arrival): the rule of "calls=last_of_session".
inline bool superseded(const store::Trace& trace, const std::vector<store::Trace>& all) {
  for (const auto& later : all) {
    if (later.session_id != trace.session_id || later.id == trace.id) continue;
    if (later.created_at_ms != trace.created_at_ms) {
      if (later.created_at_ms > trace.created_at_ms) return true;
      continue;
    }
    auto later_length = later.request_json.size(), length = trace.request_json.size();
    if (later_length > length || (later_length == length && later.seq > trace.seq)) return true;
  }
  return false;
}

inline bool matches(const store::Trace& trace, const store::TraceFilter& filter,
             const std::vector<store::Trace>& all = {}) {
  if (filter.last_call_of_session && (trace.session_id.empty() || superseded(trace, all))) return false;
  if (filter.from_ms && trace.created_at_ms < *filter.from_ms) return false;
  if (filter.to_ms && trace.created_at_ms >= *filter.to_ms) return false;
  if (filter.model && trace.model_requested != *filter.model && trace.model != *filter.model) return false;
  if (filter.provider && trace.provider != *filter.provider) return false;
  if (filter.gateway_key_id && trace.gateway_key_id != filter.gateway_key_id) return false;
  if (filter.endpoint && trace.endpoint != *filter.endpoint) return false;
  if (filter.session_id && trace.session_id != *filter.session_id) return false;
  bool ok = trace.status >= 200 && trace.status <= 299;
  if (filter.status == "ok" && !ok) return false;
  if (filter.status == "error" && ok) return false;
  if (filter.status && *filter.status != "ok" && *filter.status != "error" &&
      std::to_string(trace.status) != *filter.status) {
    return false;
  }
  if (filter.tag && std::find(trace.tags.begin(), trace.tags.end(), *filter.tag) == trace.tags.end())
    return false;
  if (filter.text_query && trace.request_json.find(" " + *filter.text_query + "\"") == std::string::npos)
    return false;
  return true;
}

}  // namespace reinforge::testing
