// Server-sent events read as the network delivers them.
#include "protocols/sse_reader.hpp"

#include <gtest/gtest.h>

namespace reinforge::protocols {
namespace {

TEST(SseReader, events_split_anywhere_come_out_whole) {
  const std::string text =
      "event: message_start\r\ndata: {\"a\":1}\r\n\r\n: keep-alive\n\ndata: x\ndata: y\n\ndata: "
      "[DONE]\n\n";
  for (size_t piece : {1u, 2u, 3u, 7u, 1000u}) {
    SseReader reader;
    std::vector<SseEvent> events;
    for (size_t at = 0; at < text.size(); at += piece) {
      for (auto& event : reader.feed(std::string_view(text).substr(at, piece)))
        events.push_back(event);
    }
    for (auto& event : reader.finish()) events.push_back(event);
    ASSERT_EQ(events.size(), 3u) << "pieces of " << piece;
    EXPECT_EQ(events[0].event, "message_start");
    EXPECT_EQ(events[0].data, "{\"a\":1}");
    EXPECT_EQ(events[1].data, "x\ny");
    EXPECT_EQ(events[2].data, "[DONE]");
  }
}

TEST(SseReader, a_last_event_without_its_blank_line_is_kept_at_the_end) {
  SseReader reader;
  EXPECT_TRUE(reader.feed("data: {\"done\":true}").empty());
  auto rest = reader.finish();
  ASSERT_EQ(rest.size(), 1u);
  EXPECT_EQ(rest[0].data, "{\"done\":true}");
  EXPECT_EQ(sse_event("ping", "{}"), "event: ping\ndata: {}\n\n");
  EXPECT_EQ(sse_event("", "1"), "data: 1\n\n");
}

}  // namespace
}  // namespace reinforge::protocols
