#include "cli/stored_dataset.hpp"

namespace reinforge::cli {

std::filesystem::path existing_data_dir(const Arguments& arguments) {
  std::filesystem::path data_dir = arguments.option_or("data-dir", "data");
  if (!std::filesystem::exists(data_dir / "reinforge.db")) {
    throw UsageError("no Reinforge data in " + data_dir.string() + " (use --data-dir)");
  }
  return data_dir;
}

StoredDataset open_named_dataset(const Arguments& arguments) {
  auto name = arguments.option("dataset");
  if (!name || name->empty()) throw UsageError("--dataset NAME is required");
  StoredDataset opened;
  opened.data_dir = existing_data_dir(arguments);
  opened.store = store::open_sqlite_store(opened.data_dir);
  auto dataset = opened.store->find_dataset_by_name(*name);
  if (!dataset) throw UsageError("no dataset named '" + *name + "' in " + opened.data_dir.string());
  opened.dataset = *dataset;
  return opened;
}

std::string text_or_json_format(const Arguments& arguments) {
  auto format = arguments.option_or("format", "text");
  if (format != "text" && format != "json") throw UsageError("--format must be text or json");
  return format;
}

}  // namespace reinforge::cli
