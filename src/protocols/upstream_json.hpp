#pragma once
// The upstream's Chat Completions JSON (a streamed chunk, a whole answer) read with simdjson, as
// the chat path reads it: parsing each chunk into an nlohmann DOM cost more than relaying the
// stream. The readers mirror json_members.hpp: a member that is null reads as absent, and no
// shape of input throws.
#include <simdjson.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace reinforge::protocols {

using JsonElement = simdjson::dom::element;

// `text` parsed by this thread's parser (its buffers are reused from chunk to chunk); nullopt
// when it is not JSON. What counts as JSON is what nlohmann::json::parse accepts: a number past
// 64 bits (a double) or nesting past 1024 levels, which simdjson refuses, is read as nlohmann
// reads it. The element is valid until the next call on this thread, so read it before parsing
// anything else.
std::optional<JsonElement> parse_upstream_json(std::string_view text);

// The member `key` of `object`; nullopt when `object` is not an object, lacks it or has null.
// When a key is given twice the first counts (nlohmann kept the last).
std::optional<JsonElement> member(JsonElement object, std::string_view key);
// The member `key` when it is a string, else "".
std::string_view string_member(JsonElement object, std::string_view key);
// An integer member as nlohmann's get<int64_t>() reads it (one past int64 wraps); nullopt for
// anything but an integer.
std::optional<int64_t> integer_value(JsonElement value);

// The same value as an nlohmann document, for the rare parts (usage, an error) that code shared
// with the nlohmann paths reads.
nlohmann::json to_nlohmann(JsonElement value);

}  // namespace reinforge::protocols
