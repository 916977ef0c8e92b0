#include <cstdio>
#include <fstream>
#include <iostream>

#include "cli/arguments.hpp"
#include "cli/commands.hpp"
#include "cli/stored_dataset.hpp"
#include "records/jsonl_exporter.hpp"
#include "steps/export_filter.hpp"
#include "store/store.hpp"

namespace reinforge::cli {

int run_export_command(const std::vector<std::string>& args) {
  Arguments arguments(args, {"valid-only"});
  arguments.reject_unknown({"data-dir", "store", "dataset", "output", "valid-only", "topic"});
  if (!arguments.positionals().empty())
    throw UsageError("unexpected argument " + arguments.positionals()[0]);
  auto opened = open_named_dataset(arguments);
  auto& store = opened.store;
  const auto* dataset = &opened.dataset;

  // Before the output file is opened: an unknown topic leaves it as it was.
  records::ExportFilter filter;
  try {
    filter = steps::export_filter(*store, dataset->id, arguments.flag("valid-only"),
                                  arguments.option("topic"));
  } catch (const std::invalid_argument& error) {
    throw UsageError(error.what());
  }
  std::ofstream file;
  std::ostream* out = &std::cout;
  if (auto output = arguments.option("output")) {
    file.open(*output, std::ios::binary | std::ios::trunc);
    if (!file) throw UsageError("cannot write " + *output);
    out = &file;
  }
  auto written = records::export_jsonl(*store, dataset->id, filter, [out](std::string_view chunk) {
    out->write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    return static_cast<bool>(*out);
  });
  out->flush();
  std::cerr << "Exported " << written << " records\n";
  return *out ? 0 : 2;
}

}  // namespace reinforge::cli
