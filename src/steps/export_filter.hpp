#pragma once
// The records an export asks for, read against the dataset's topic hierarchy: the API's
// `?topic=` and the CLI's `--topic` name a topic (its sub-topics' records come too) or
// "uncategorized".
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "records/jsonl_exporter.hpp"
#include "store/store.hpp"

namespace reinforge::steps {

// The `topic` that asks for the valid records without one.
inline constexpr std::string_view kUncategorized = "uncategorized";

// Throws std::invalid_argument, naming it, for a topic the dataset does not have: it would
// export nothing, silently.
records::ExportFilter export_filter(store::Store& store, int64_t dataset_id, bool valid_only,
                                    const std::optional<std::string>& topic);

}  // namespace reinforge::steps
