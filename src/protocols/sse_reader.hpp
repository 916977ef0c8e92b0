#pragma once
// Server-sent events read incrementally: bytes go in as the network delivers them (an event may
// be split anywhere, even inside a UTF-8 character or a CRLF), whole events come out. Used by
// every stream translator and assembler, on the request path and in the trace writer.
#include <string>
#include <string_view>
#include <vector>

namespace reinforge::protocols {

struct SseEvent {
  std::string event;  // the `event:` field; "" when absent
  std::string data;   // `data:` lines joined with "\n"
};

class SseReader {
 public:
  // Appends bytes; returns the events they complete, in order.
  std::vector<SseEvent> feed(std::string_view bytes);
  // An event left without its closing blank line when the stream ended; nothing if none.
  std::vector<SseEvent> finish();

 private:
  void take_line(std::string_view line, std::vector<SseEvent>& out);
  std::string pending_;  // bytes after the last complete line
  SseEvent current_;
  bool has_data_ = false;
};

// "event: NAME\ndata: JSON\n\n" (without the event line when `event` is empty).
std::string sse_event(std::string_view event, std::string_view data);
// Its start, "event: NAME\ndata: ", appended: the caller writes the data and "\n\n" after.
void append_sse_event_head(std::string& out, std::string_view event);

}  // namespace reinforge::protocols
