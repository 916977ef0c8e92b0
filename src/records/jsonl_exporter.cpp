#include "records/jsonl_exporter.hpp"

#include <string>

namespace reinforge::records {

int64_t export_jsonl(store::Store& store, int64_t dataset_id, bool valid_only,
                     const std::function<bool(std::string_view chunk)>& sink) {
  constexpr std::size_t kChunkBytes = 64 * 1024;
  std::string chunk;
  chunk.reserve(kChunkBytes * 2);
  int64_t written = 0;
  bool open = true;
  store.for_each_record(dataset_id, valid_only, [&](const store::Record& record) {
    chunk += record.text;
    chunk += '\n';
    ++written;
    if (chunk.size() >= kChunkBytes) {
      open = sink(chunk);
      chunk.clear();
    }
    return open;
  });
  if (open && !chunk.empty()) sink(chunk);
  return written;
}

}  // namespace reinforge::records
