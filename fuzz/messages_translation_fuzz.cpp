// libFuzzer target: any byte string, read as a Messages request, as a chat completion stream
// from the upstream (split where the bytes themselves say) and as an Anthropic stream, must
// translate or be refused with a TranslationError, never crash, hang or leak; and a stream must
// translate to the same bytes however it is split, describing the Message the translator keeps.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "protocols/messages_translation.hpp"

namespace {

using nlohmann::json;
using reinforge::protocols::MessagesStreamTranslator;

void translate_request(std::string_view input) {
  json request = json::parse(input, nullptr, false);
  if (request.is_discarded()) return;
  try {
    reinforge::protocols::messages_request_to_chat(request).dump();
  } catch (const reinforge::protocols::TranslationError&) {
  }
  // The same JSON as an answer: reading answers never throws.
  reinforge::protocols::chat_response_to_messages(request, request, "msg_fuzz").dump();
  reinforge::protocols::anthropic_message_to_chat_message(request).dump();
}

json stream_request() {
  return {{"model", "claude-fuzz"}, {"max_tokens", 16}, {"stop_sequences", {"END"}}};
}

void translate_stream(std::string_view input) {
  MessagesStreamTranslator whole(stream_request(), "msg_fuzz");
  std::string expected = whole.feed(input) + whole.finish();

  MessagesStreamTranslator split(stream_request(), "msg_fuzz");
  std::string events;
  uint32_t state = input.empty() ? 1 : static_cast<uint8_t>(input[0]);
  for (size_t at = 0; at < input.size();) {
    state = state * 1103515245u + 12345u;
    size_t piece = 1 + (state >> 16) % 9;
    events += split.feed(input.substr(at, piece));
    at += piece;
  }
  events += split.finish();
  if (!split.finished() || events != expected || split.message() != whole.message()) std::abort();
  if (split.finish() != "" || split.fail("late") != "") std::abort();  // closing events go out once
  // Without an error event the stream is whole, and describes the Message kept.
  if (events.find("event: error\n") == std::string::npos &&
      reinforge::protocols::assemble_messages_stream(events) != split.message()) {
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  translate_request(input);
  translate_stream(input);
  reinforge::protocols::assemble_messages_stream(input).dump();
  return 0;
}
