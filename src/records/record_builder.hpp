#pragma once
// Turns a record's text into the row the store keeps: validity, issues, token count,
// preview and content hash. Import, edit, traces and generation all go through here, so a
// record is judged the same way whatever its origin.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "health/record_validator.hpp"
#include "store/store_types.hpp"

namespace reinforge::records {

// The shortened first user message, for lists; empty when there is none.
std::string record_preview(std::string_view record_json, std::size_t max_chars = 200);
// Equal for the same line with or without trailing whitespace (a CRLF file's '\r').
uint64_t content_hash(std::string_view text);

// The validator with the dataset's own settings (encoding, token limit).
health::RecordValidator dataset_validator(const store::Dataset& dataset);

store::NewRecord build_record(health::RecordValidator& validator, std::string text,
                              std::optional<int64_t> line, std::string origin);

// The nice of the threads that read and build the next batch while one is written (an import, a
// trace pull): they give way to the writer, the one thread the whole job waits for, and in the
// server to the gateway's IO threads, and still take every core those leave idle.
constexpr int kBuildWhileWritingNice = 5;

// Runs work(i, validator) for every i in [0, count) with each validator on its own thread (the
// first on the calling one), each taking an interleaved share: how imports and trace pulls
// validate on every core.
void build_on_every_validator(std::vector<health::RecordValidator>& validators, std::size_t count,
                              const std::function<void(std::size_t, health::RecordValidator&)>& work);

// Adds the duplicate_record warning to a record built by build_record.
void mark_duplicate(store::NewRecord& record);

}  // namespace reinforge::records
