#pragma once
// The JSON shapes of docs/api.md, built from store rows. One function per resource.
#include <nlohmann/json.hpp>

#include "api/app_context.hpp"
#include "store/store_types.hpp"
#include "store/training_types.hpp"
#include "util/page_cursor.hpp"

namespace reinforge::api {

nlohmann::json job_json(const store::Job& job);
nlohmann::json record_json(const store::Record& record, bool with_text);
nlohmann::json health_json(const store::RecordCounts& counts,
                           const std::vector<store::IssueCodeCount>& issue_counts);
// DatasetSummary; `detailed` adds health and settings (the Dataset shape).
nlohmann::json dataset_json(AppContext& context, const store::Dataset& dataset, bool detailed);

// The dataset's topic hierarchy + source, updated_at and record counts per topic (GET /topics).
nlohmann::json topics_json(AppContext& context, int64_t dataset_id);

// TrainingRun (docs/training.md); `server_url` names an external run's trainer endpoints.
nlohmann::json training_run_json(const store::TrainingRun& run, const std::string& server_url);

// Parses a JSON request body into an object, or throws a 400 that says what is wrong.
nlohmann::json parse_json_body(const std::string& body);
// A record sent in a request body as one JSONL line: pretty-printed JSON (the editors') is
// compacted, and text that stays multi-line is a 400.
std::string record_line_from_body(std::string body);
// Reads ?offset&limit with defaults 0 and 50, limit capped at 1000.
std::pair<int64_t, int64_t> paging(const std::map<std::string, std::string>& query);
// Reads ?cursor (keyset pages): nothing when absent; a 400 "invalid_cursor" when it is not a
// cursor, carries a key of another length than `key_parts`, or belongs to another query than
// the one whose fingerprint is given.
std::optional<util::PageCursor> page_cursor(const std::map<std::string, std::string>& query,
                                            uint64_t fingerprint, std::size_t key_parts);

}  // namespace reinforge::api
