#pragma once
// The interface jobs use to talk to a model: chat completions and embeddings. The gateway has
// its own hot path; this is for judges, dry runs, generation and topic labelling.
#include <atomic>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace reinforge::providers {

// Lets a job stop a call: checked while waiting on the network and between retries.
struct CallControl {
  const std::atomic<bool>* cancelled = nullptr;
  bool is_cancelled() const { return cancelled && cancelled->load(std::memory_order_relaxed); }
};

struct TokenUsage {
  int64_t prompt_tokens = 0;
  int64_t completion_tokens = 0;
};

struct ChatResult {
  bool ok = false;
  std::string error;           // for a person; never contains the key
  long http_status = 0;        // of the last attempt; 0 when no response came
  int attempts = 0;
  nlohmann::json message;      // choices[0].message as the upstream sent it
  std::string finish_reason;
  TokenUsage usage;
  double latency_ms = 0;       // all attempts and waits included
};

struct EmbeddingResult {
  bool ok = false;
  std::string error;
  long http_status = 0;
  int attempts = 0;
  std::vector<std::vector<float>> vectors;  // in input order
  TokenUsage usage;
  double latency_ms = 0;
};

class LlmProvider {
 public:
  virtual ~LlmProvider() = default;
  // `request` is an OpenAI chat completion body (model, messages, tools, response_format, ...);
  // `stream` is ignored and forced off. Thread-safe.
  virtual ChatResult chat(const nlohmann::json& request, const CallControl& control = {}) const = 0;
  virtual EmbeddingResult embed(const std::string& model, const std::vector<std::string>& inputs,
                                const CallControl& control = {}) const = 0;
  virtual const std::string& name() const = 0;
};

}  // namespace reinforge::providers
