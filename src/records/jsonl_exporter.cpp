#include "records/jsonl_exporter.hpp"

#include <string>

namespace reinforge::records {

namespace {

bool in_topic(const store::Record& record, const ExportFilter& filter) {
  if (filter.uncategorized_only) return record.valid && !record.topic;
  return !filter.topic_ids || (record.topic && filter.topic_ids->count(*record.topic));
}

}  // namespace

int64_t export_jsonl(store::Store& store, int64_t dataset_id, const ExportFilter& filter,
                     const std::function<bool(std::string_view chunk)>& sink) {
  constexpr std::size_t kChunkBytes = 64 * 1024;
  std::string chunk;
  chunk.reserve(kChunkBytes * 2);
  int64_t written = 0;
  bool open = true;
  store.for_each_record(dataset_id, filter.valid_only, [&](const store::Record& record) {
    if (!in_topic(record, filter)) return true;
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
