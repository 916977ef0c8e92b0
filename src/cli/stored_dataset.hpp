#pragma once
// Commands that work on a dataset of a data directory (train, benchmark, generate, export) name it
// with --data-dir (default "data") and --dataset NAME; this opens it, or says what is missing.
#include <filesystem>
#include <memory>

#include "cli/arguments.hpp"
#include "store/store.hpp"
#include "store/store_location.hpp"

namespace reinforge::cli {

struct StoredDataset {
  store::StoreLocation location;
  std::unique_ptr<store::Store> store;
  store::Dataset dataset;
};

// --data-dir and --store as store_option.hpp reads them. Throws UsageError when --dataset is
// missing, the directory holds no Reinforge data (SQLite), or no
// dataset has that name.
StoredDataset open_named_dataset(const Arguments& arguments);

// --format: "text" (the default) or "json"; anything else is a UsageError.
std::string text_or_json_format(const Arguments& arguments);

}  // namespace reinforge::cli
