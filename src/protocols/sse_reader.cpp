#include "protocols/sse_reader.hpp"

namespace reinforge::protocols {

std::vector<SseEvent> SseReader::feed(std::string_view bytes) {
  std::vector<SseEvent> out;
  pending_.append(bytes);
  size_t start = 0;
  for (;;) {
    size_t end = pending_.find('\n', start);
    if (end == std::string::npos) break;
    std::string_view line(pending_.data() + start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    take_line(line, out);
    start = end + 1;
  }
  pending_.erase(0, start);
  return out;
}

std::vector<SseEvent> SseReader::finish() {
  std::vector<SseEvent> out;
  if (!pending_.empty()) {
    std::string line = std::move(pending_);
    pending_.clear();
    if (!line.empty() && line.back() == '\r') line.pop_back();
    take_line(line, out);
  }
  take_line("", out);
  return out;
}

void SseReader::take_line(std::string_view line, std::vector<SseEvent>& out) {
  if (line.empty()) {
    if (has_data_ || !current_.event.empty()) out.push_back(std::move(current_));
    current_ = {};
    has_data_ = false;
    return;
  }
  if (line.front() == ':') return;  // a comment (keep-alive)
  size_t colon = line.find(':');
  std::string_view field = line.substr(0, colon);
  std::string_view value =
      colon == std::string_view::npos ? std::string_view() : line.substr(colon + 1);
  if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  if (field == "data") {
    if (has_data_) current_.data += '\n';
    current_.data.append(value);
    has_data_ = true;
  } else if (field == "event") {
    current_.event = std::string(value);
  }
}

std::string sse_event(std::string_view event, std::string_view data) {
  std::string out;
  out.reserve(event.size() + data.size() + 16);
  append_sse_event_head(out, event);
  out.append(data).append("\n\n");
  return out;
}

void append_sse_event_head(std::string& out, std::string_view event) {
  if (!event.empty()) out.append("event: ").append(event).append("\n");
  out.append("data: ");
}

}  // namespace reinforge::protocols
