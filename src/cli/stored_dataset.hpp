#pragma once
// Commands that work on a dataset of a data directory (train, benchmark, generate, export) name it
// with --data-dir (default "data") and --dataset NAME; this opens it, or says what is missing.
#include <filesystem>
#include <memory>

#include "cli/arguments.hpp"
#include "store/store.hpp"

namespace reinforge::cli {

struct StoredDataset {
  std::filesystem::path data_dir;
  std::unique_ptr<store::Store> store;
  store::Dataset dataset;
};

// --data-dir (default "data") when it holds Reinforge's database; a UsageError otherwise (a
// mistyped directory must not become a new, empty store).
std::filesystem::path existing_data_dir(const Arguments& arguments);

// Throws UsageError when --dataset is missing, the directory holds no Reinforge data, or no
// dataset has that name.
StoredDataset open_named_dataset(const Arguments& arguments);

// --format: "text" (the default) or "json"; anything else is a UsageError.
std::string text_or_json_format(const Arguments& arguments);

}  // namespace reinforge::cli
