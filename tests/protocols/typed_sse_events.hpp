#pragma once
// The events of a Responses or Messages stream: both name each SSE event after its payload's
// `type`, and both end on a complete event.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "protocols/sse_reader.hpp"

namespace reinforge::testing {

// The `data:` payloads of an SSE text, parsed, with their `event:` names checked against `type`.
inline std::vector<nlohmann::json> typed_sse_events(const std::string& sse) {
  protocols::SseReader reader;
  std::vector<nlohmann::json> events;
  for (const protocols::SseEvent& event : reader.feed(sse)) {
    nlohmann::json data = nlohmann::json::parse(event.data);
    EXPECT_EQ(event.event, data.value("type", "")) << event.data;
    events.push_back(std::move(data));
  }
  EXPECT_TRUE(reader.finish().empty()) << "the stream ends with a complete event";
  return events;
}

}  // namespace reinforge::testing
