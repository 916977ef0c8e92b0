// libFuzzer target: any byte string, read as a Responses request, as a chat completion, as an
// upstream chat stream split anywhere, and as a Responses stream to assemble, must be translated
// or refused with a TranslationError, never crash, hang or leak; and a translated stream must not
// depend on where the upstream bytes were split, number its events 0, 1, 2, ... and end with the
// Response that response() and assemble_responses_stream() give.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "protocols/responses_translation.hpp"

namespace {

using nlohmann::json;
namespace protocols = reinforge::protocols;

void translate_request(std::string_view bytes) {
  json parsed = json::parse(bytes, nullptr, false);
  if (parsed.is_discarded()) return;
  try {
    static const json previous = json::parse(R"([{"role": "user", "content": "earlier"}])");
    json chat = protocols::responses_request_to_chat(parsed, previous);
    if (!chat["messages"].is_array()) std::abort();
  } catch (const protocols::TranslationError&) {
  }
  // The same bytes as an upstream answer: translating it back must never refuse.
  json response = protocols::chat_response_to_responses(parsed, parsed, "resp_fuzz", 0);
  json message = protocols::responses_output_to_message(response);
  if (message["role"] != "assistant") std::abort();
}

// The translator's whole output for `bytes` fed in pieces whose lengths the bytes themselves
// choose (1 to 8), or in one piece when `whole`.
std::string translate_stream(std::string_view bytes, bool whole,
                             protocols::ResponsesStreamTranslator& translator) {
  std::string out;
  size_t at = 0;
  while (at < bytes.size()) {
    size_t length = whole ? bytes.size() : 1 + static_cast<unsigned char>(bytes[at]) % 8;
    out += translator.feed(bytes.substr(at, length));
    at += length;
  }
  return out + translator.finish();
}

void check_stream(std::string_view bytes) {
  const json request = {{"model", "m"},
                        {"tools", {{{"type", "function"}, {"name", "f"}}}},
                        {"metadata", {{"k", "v"}}}};
  protocols::ResponsesStreamTranslator whole(request, "resp_fuzz", 1);
  protocols::ResponsesStreamTranslator pieces(request, "resp_fuzz", 1);
  std::string out = translate_stream(bytes, true, whole);
  if (translate_stream(bytes, false, pieces) != out) std::abort();
  if (!whole.finished()) std::abort();

  protocols::SseReader reader;
  int64_t expected_sequence = 0;
  json last;
  for (const protocols::SseEvent& event : reader.feed(out)) {
    json data = json::parse(event.data, nullptr, false);
    if (!data.is_object() || data["type"] != event.event) std::abort();
    if (data["sequence_number"] != expected_sequence++) std::abort();
    last = std::move(data);
  }
  if (!reader.finish().empty()) std::abort();
  if (last.is_null() || last["response"] != whole.response()) std::abort();
  if (protocols::assemble_responses_stream(out) != whole.response()) std::abort();

  // The upstream breaking off anywhere ends the stream too.
  protocols::ResponsesStreamTranslator broken(request, "resp_fuzz", 1);
  broken.feed(bytes.substr(0, bytes.size() / 2));
  broken.fail("the upstream broke off");
  if (!broken.finished() || broken.response()["status"] == "in_progress") std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  translate_request(bytes);
  check_stream(bytes);
  protocols::assemble_responses_stream(bytes);
  return 0;
}
