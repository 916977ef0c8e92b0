#pragma once
// Trace tags from the request body's OpenAI `metadata` object (PRODUCT.md §1), read by the trace
// writer off the request path. Each entry becomes the tag "key:value"; a "tags" entry is split on
// commas like the x-reinforge-tags header, so callers that cannot set headers can still tag.
#include <string>
#include <string_view>
#include <vector>

namespace reinforge::gateway {

// Appends the request's metadata tags to `tags`, skipping ones already there; at most 32 tags of
// at most 100 bytes each, as for the header. A body without a metadata object adds nothing.
void add_metadata_tags(std::string_view request_json, std::vector<std::string>& tags);

}  // namespace reinforge::gateway
