#include "cli/stored_dataset.hpp"

#include "cli/store_option.hpp"

namespace reinforge::cli {

StoredDataset open_named_dataset(const Arguments& arguments) {
  auto name = arguments.option("dataset");
  if (!name || name->empty()) throw UsageError("--dataset NAME is required");
  StoredDataset opened;
  opened.location = existing_store_location(arguments);
  opened.store = store::open_store(opened.location);
  auto dataset = opened.store->find_dataset_by_name(*name);
  if (!dataset) throw UsageError("no dataset named '" + *name + "' in " + opened.location.describe());
  opened.dataset = *dataset;
  return opened;
}

std::string text_or_json_format(const Arguments& arguments) {
  auto format = arguments.option_or("format", "text");
  if (format != "text" && format != "json") throw UsageError("--format must be text or json");
  return format;
}

}  // namespace reinforge::cli
