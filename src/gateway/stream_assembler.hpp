#pragma once
// Turns a streamed chat completion (the SSE text relayed to the caller) into the one
// chat.completion object a non-streamed call would have returned: content and refusal
// concatenated, tool calls merged by index, finish reasons and usage kept. Runs on the
// trace writer's thread, never on the request path.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace reinforge::gateway {

// Prompt tokens count every input token, cached ones included, whatever the protocol: Anthropic's
// input_tokens leave out what was read from or written to the cache, so those are added.
struct TokenUsage {
  std::optional<int64_t> prompt_tokens;
  std::optional<int64_t> completion_tokens;
  std::optional<int64_t> total_tokens;
  std::optional<int64_t> cached_tokens;     // part of prompt_tokens read from the cache
  std::optional<int64_t> reasoning_tokens;  // part of completion_tokens spent reasoning
};

struct AssembledResponse {
  std::string json;  // the chat.completion object
  TokenUsage usage;
  std::optional<std::string> error;  // an error event inside the stream
};

AssembledResponse assemble_chat_stream(std::string_view sse_text);

// The "usage" object of a whole response body (chat, embeddings, Responses, Anthropic Messages:
// input/output tokens count as prompt/completion); empty when absent.
TokenUsage usage_of_response(std::string_view body);

}  // namespace reinforge::gateway
