#pragma once
// Whether a Responses or Anthropic Messages stream, as the caller got it, ended in failure: an
// `error` event (both protocols) or `response.failed` (Responses), whether the provider sent it
// or the gateway's translator did. The trace writer records the message as the trace's error,
// as it does for a Chat Completions stream's error chunk, so a call that failed midway is not
// counted as a success nor pulled into a dataset with its cut-off answer.
#include <optional>
#include <string>
#include <string_view>

namespace reinforge::protocols {

// The last failure's message; nullopt when the stream has none.
std::optional<std::string> agent_stream_failure(std::string_view sse_text);

}  // namespace reinforge::protocols
