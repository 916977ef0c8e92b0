#include <iostream>

#include "access/cli_audit.hpp"
#include "cli/arguments.hpp"
#include "cli/commands.hpp"
#include "cli/store_option.hpp"
#include "records/dataset_settings.hpp"
#include "records/jsonl_importer.hpp"
#include "store/store.hpp"

namespace reinforge::cli {

int run_import_command(const std::vector<std::string>& args) {
  Arguments arguments(args);
  arguments.reject_unknown({"data-dir", "store", "dataset", "mode", "objective"});
  if (arguments.positionals().size() != 1) throw UsageError("give exactly one FILE.jsonl");
  auto name = arguments.option("dataset");
  if (!name || name->empty()) throw UsageError("--dataset NAME is required");
  auto mode = records::import_mode_from_string(arguments.option_or("mode", "append"));
  if (!mode) throw UsageError("--mode must be append or replace");
  std::filesystem::path file = arguments.positionals()[0];
  if (!std::filesystem::is_regular_file(file)) throw UsageError("cannot read " + file.string());

  const auto location = store_location(arguments);
  auto store = store::open_store(location);
  auto dataset = store->find_dataset_by_name(*name);
  if (!dataset) {
    dataset = store->create_dataset(*name, arguments.option_or("objective", ""));
    std::cerr << "Created dataset '" << *name << "' (id " << dataset->id << ")\n";
  }
  records::ImportOptions options;
  options.mode = *mode;
  options.validation = records::settings_from_json(dataset->settings_json).validation;
  options.on_progress = [](int64_t done, int64_t total, const records::ImportCounts& counts) {
    std::cerr << "\rImporting… " << (total ? 100 * done / total : 100) << "% (" << counts.imported
              << " records)" << std::flush;
  };
  auto counts = records::import_jsonl(*store, dataset->id, file, options);
  access::audit_cli_change(*store::open_access_store(location),
                           "dataset.import", "import",
                           "{\"id\":\"" + std::to_string(dataset->id) + "\"}");
  std::cerr << "\n";
  std::cout << "Imported " << counts.imported << " records into '" << *name << "': " << counts.valid
            << " valid, " << counts.invalid << " invalid, " << counts.duplicates << " duplicates, "
            << counts.blank_lines << " blank lines skipped\n";
  return 0;
}

}  // namespace reinforge::cli
