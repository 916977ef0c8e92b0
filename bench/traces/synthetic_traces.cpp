#include "synthetic_traces.hpp"

#include <cmath>
#include <cstdio>
#include <iterator>
#include <numbers>
#include <nlohmann/json.hpp>

#include "gateway/call_conversation.hpp"

namespace reinforge::bench {

namespace {

constexpr int64_t kThirtyDaysMs = 30LL * 24 * 3600 * 1000;
constexpr const char* kSystemPrompt = "You are a helpful support assistant for an online shop.";

// None of these is a word the bench searches for ("answer", "refund", "zanzibar", "nosuchword"),
// so each of those occurs exactly as often as the generator puts it in.
const char* const kWords[] = {
    "order",   "shipping",  "weather",  "account", "password",     "invoice",  "schedule",
    "meeting", "translate", "summary",  "price",   "discount",     "return",   "network",
    "latency", "memory",    "query",    "index",   "table",        "customer", "support",
    "ticket",  "deploy",    "delivery", "package", "address",      "payment",  "card",
    "billing", "plan",      "upgrade",  "cancel",  "subscription", "warranty", "size",
    "colour",  "stock",     "store",    "coupon",  "tracking",     "late",     "damaged",
    "email",   "phone",     "login",    "reset",   "report",       "export",   "the",
    "my",      "is",        "for",      "with",    "please",       "can",      "you"};

std::string word_list(std::mt19937_64& random, int words) {
  std::string text;
  for (int i = 0; i < words; ++i) {
    if (i) text += ' ';
    text += kWords[random() % std::size(kWords)];
  }
  return text;
}

int64_t tokens_of(const std::string& text) {
  return static_cast<int64_t>(text.size() / 4) + 1;
}

std::string usage_json(int64_t prompt, int64_t completion) {
  return R"("usage":{"prompt_tokens":)" + std::to_string(prompt) + R"(,"completion_tokens":)" +
         std::to_string(completion) + R"(,"total_tokens":)" + std::to_string(prompt + completion) +
         "}";
}

}  // namespace

SyntheticTraces::SyntheticTraces(uint64_t seed, int64_t count, int64_t end_ms,
                                 int extra_answer_words)
    : random_(seed),
      count_(count > 0 ? count : 1),
      extra_answer_words_(extra_answer_words),
      start_ms_(end_ms - kThirtyDaysMs),
      span_ms_(kThirtyDaysMs) {}

double SyntheticTraces::uniform() {
  return static_cast<double>(random_() >> 11) * 0x1.0p-53;
}

std::string SyntheticTraces::hex(int digits) {
  static const char* const kDigits = "0123456789abcdef";
  std::string out(static_cast<std::size_t>(digits), '0');
  uint64_t bits = random_();
  for (int i = 0; i < digits; ++i) {
    if (i % 16 == 15) bits = random_();
    out[static_cast<std::size_t>(i)] = kDigits[bits & 15];
    bits >>= 4;
  }
  return out;
}

// A customer's request: "refund" in a fifth of them, "zanzibar" in one in ten thousand, and an
// order number in some (a word of its own to the search index, as real traffic has many).
std::string SyntheticTraces::question() {
  std::string text = word_list(random_, 6 + static_cast<int>(random_() % 9));
  if (chance(0.20)) text += " refund";
  if (chance(0.0001)) text += " zanzibar";
  if (chance(0.30)) text += " for order " + std::to_string(1000000 + random_() % 9000000);
  text += " " + word_list(random_, 2 + static_cast<int>(random_() % 4));
  return text;
}

// "answer" in nine replies out of ten.
std::string SyntheticTraces::answer() {
  std::string words = word_list(random_, 12 + static_cast<int>(random_() % 14));
  for (int i = 0; i < extra_answer_words_; ++i)
    words += ' ' + (chance(0.1) ? "x" + hex(7) : word_list(random_, 1));
  return chance(0.90) ? "Here is the answer: " + words + "." : "Sure, " + words + ".";
}

// Log-normal around 400 ms (median), a long tail up to a few seconds.
double SyntheticTraces::latency_ms() {
  double u1 = 1.0 - uniform();  // (0, 1]: the logarithm below stays finite
  double u2 = uniform();
  double normal = std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
  return std::round(400.0 * std::exp(0.6 * normal) * 10.0) / 10.0;
}

store::Trace SyntheticTraces::next() {
  store::Trace trace;
  const int64_t index = written_++;
  trace.latency_ms = latency_ms();
  int64_t finished_ms = start_ms_ + span_ms_ * index / count_;
  trace.created_at_ms =
      finished_ms - static_cast<int64_t>(trace.latency_ms) - static_cast<int64_t>(uniform() * 3000);
  char id[40];
  std::snprintf(id, sizeof id, "tr_%011llx", static_cast<unsigned long long>(trace.created_at_ms));
  trace.id = id + hex(13);

  trace.model_requested = "m" + std::to_string(1 + random_() % 4);
  bool fell_back = chance(0.05);
  trace.model = fell_back ? "m-fallback" : trace.model_requested;
  trace.attempts = fell_back ? 2 : 1;
  trace.provider = chance(0.5) ? "p1" : "p2";
  double key = uniform();
  if (key >= 0.10) trace.gateway_key_id = key < 0.55 ? 1 : 2;  // else the admin token called
  if (chance(0.05)) trace.tags.push_back("team:search");
  if (chance(0.001)) trace.tags.push_back("rare-tag");
  trace.status = 200;

  std::string user = question();
  std::string reply = answer();
  double endpoint = uniform();
  if (endpoint >= 0.99) {
    fill_embeddings(trace, user);
    return trace;
  }
  OpenSession* continued = nullptr;
  if (endpoint < 0.90) {
    if (!sessions_.empty() && chance(0.04)) continued = &sessions_[random_() % sessions_.size()];
    fill_chat(trace, user, reply, continued);
  } else if (endpoint < 0.96) {
    fill_responses(trace, user, reply);
  } else {
    fill_messages(trace, user, reply);
  }
  // What the trace writer attaches (gateway/trace_writer.cpp): every conversation call has a
  // session, named after its trace unless it continues one.
  trace.session_id = continued ? continued->id : "ses_" + trace.id.substr(3);
  if (chance(0.005)) {
    fill_error(trace);
    return trace;
  }
  if (auto conversation = gateway::call_conversation(
          trace.endpoint, trace.request_json, *trace.response_json, nlohmann::json::array())) {
    trace.conversation_hash = conversation->hash;
    // A chat call's bodies already are its conversation: the gateway keeps only its hash.
    if (trace.endpoint != "chat.completions") trace.conversation_json = conversation->record.dump();
  }
  if (continued) {
    continued->question = user;
    continued->answer = reply;
  } else if (trace.endpoint == "chat.completions" && chance(0.02)) {
    OpenSession opened{trace.session_id, user, reply};
    if (sessions_.size() < 8) {
      sessions_.push_back(std::move(opened));
    } else {
      sessions_[random_() % sessions_.size()] = std::move(opened);
    }
  }
  return trace;
}

void SyntheticTraces::fill_chat(store::Trace& trace, const std::string& user,
                                const std::string& reply, const OpenSession* continued) {
  trace.endpoint = "chat.completions";
  trace.stream = chance(0.30);
  std::string messages = R"([{"role":"system","content":")" + std::string(kSystemPrompt) + R"("},)";
  if (continued) {
    messages += R"({"role":"user","content":")" + continued->question +
                R"("},{"role":"assistant","content":")" + continued->answer + R"("},)";
  }
  messages += R"({"role":"user","content":")" + user + R"("}])";
  trace.request_json = R"({"model":")" + trace.model_requested + R"(","messages":)" + messages +
                       R"(,"temperature":0.2)" + (trace.stream ? R"(,"stream":true})" : "}");
  int64_t prompt = tokens_of(messages);
  int64_t completion = tokens_of(reply);
  trace.response_json =
      R"({"id":"chatcmpl-)" + hex(24) + R"(","object":"chat.completion","created":)" +
      std::to_string(trace.created_at_ms / 1000) + R"(,"model":")" + trace.model +
      R"(","choices":[{"index":0,"message":{"role":"assistant","content":")" + reply +
      R"("},"finish_reason":"stop"}],)" + usage_json(prompt, completion) + "}";
  trace.prompt_tokens = prompt;
  trace.completion_tokens = completion;
  trace.total_tokens = prompt + completion;
  if (chance(0.10)) trace.cached_tokens = prompt / 2;
  if (trace.stream) trace.ttft_ms = std::round(trace.latency_ms * (0.15 + 0.2 * uniform()));
}

void SyntheticTraces::fill_responses(store::Trace& trace, const std::string& user,
                                     const std::string& reply) {
  trace.endpoint = "responses";
  trace.request_json = R"({"model":")" + trace.model_requested + R"(","instructions":")" +
                       kSystemPrompt + R"(","input":")" + user + R"("})";
  int64_t prompt = tokens_of(user) + 12;
  int64_t completion = tokens_of(reply);
  trace.response_json =
      R"({"id":"resp_)" + hex(24) + R"(","object":"response","created_at":)" +
      std::to_string(trace.created_at_ms / 1000) + R"(,"status":"completed","model":")" +
      trace.model + R"(","output":[{"type":"message","id":"msg_)" + hex(24) +
      R"(","status":"completed","role":"assistant","content":[{"type":"output_text","text":")" +
      reply + R"(","annotations":[]}]}],"usage":{"input_tokens":)" + std::to_string(prompt) +
      R"(,"output_tokens":)" + std::to_string(completion) + R"(,"total_tokens":)" +
      std::to_string(prompt + completion) + "}}";
  trace.prompt_tokens = prompt;
  trace.completion_tokens = completion;
  trace.total_tokens = prompt + completion;
}

void SyntheticTraces::fill_messages(store::Trace& trace, const std::string& user,
                                    const std::string& reply) {
  trace.endpoint = "messages";
  trace.request_json = R"({"model":")" + trace.model_requested +
                       R"(","max_tokens":1024,"system":")" + kSystemPrompt +
                       R"(","messages":[{"role":"user","content":")" + user + R"("}]})";
  int64_t prompt = tokens_of(user) + 12;
  int64_t completion = tokens_of(reply);
  trace.response_json =
      R"({"id":"msg_)" + hex(24) + R"(","type":"message","role":"assistant","model":")" +
      trace.model + R"(","content":[{"type":"text","text":")" + reply +
      R"("}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":)" +
      std::to_string(prompt) + R"(,"output_tokens":)" + std::to_string(completion) + "}}";
  trace.prompt_tokens = prompt;
  trace.completion_tokens = completion;
  trace.total_tokens = prompt + completion;
}

// Short vectors: the store keeps what the provider answered, and embeddings are 1% of calls.
void SyntheticTraces::fill_embeddings(store::Trace& trace, const std::string& input) {
  trace.endpoint = "embeddings";
  trace.request_json = R"({"model":")" + trace.model_requested + R"(","input":")" + input + R"("})";
  std::string vector;
  for (int i = 0; i < 8; ++i) {
    char value[16];
    std::snprintf(value, sizeof value, "%s%.4f", i ? "," : "", uniform() * 2 - 1);
    vector += value;
  }
  int64_t prompt = tokens_of(input);
  trace.response_json =
      R"({"object":"list","data":[{"object":"embedding","index":0,"embedding":[)" + vector +
      R"(]}],"model":")" + trace.model + R"(","usage":{"prompt_tokens":)" + std::to_string(prompt) +
      R"(,"total_tokens":)" + std::to_string(prompt) + "}}";
  trace.prompt_tokens = prompt;
  trace.total_tokens = prompt;
}

// The upstream's error body is what the caller got; no usage, no conversation.
void SyntheticTraces::fill_error(store::Trace& trace) {
  static const int kStatuses[] = {429, 500, 502};
  static const char* const kMessages[] = {"Rate limit reached for requests",
                                          "The server had an error while processing your request",
                                          "Bad gateway"};
  std::size_t which = random_() % std::size(kStatuses);
  trace.status = kStatuses[which];
  trace.error = "upstream " + trace.provider + " answered " + std::to_string(trace.status) + ": " +
                kMessages[which];
  trace.response_json = R"({"error":{"message":")" + std::string(kMessages[which]) +
                        R"(","type":"server_error","code":null}})";
  trace.prompt_tokens.reset();
  trace.completion_tokens.reset();
  trace.total_tokens.reset();
  trace.cached_tokens.reset();
  trace.ttft_ms.reset();
  trace.latency_ms = std::round(trace.latency_ms / 4);
}

}  // namespace reinforge::bench
