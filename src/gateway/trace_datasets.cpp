#include "gateway/trace_datasets.hpp"

#include <nlohmann/json.hpp>
#include <algorithm>
#include <future>
#include <thread>
#include <unordered_set>

#include "gateway/trace_filter_fields.hpp"
#include "gateway/trace_record_text.hpp"
#include "records/dataset_settings.hpp"
#include "records/record_builder.hpp"
#include "util/clock.hpp"
#include "util/thread_priority.hpp"

namespace reinforge::gateway {

namespace {
// As big as an import batch: one bulk insert and one checkpoint per batch.
constexpr int64_t kPullBatch = 8192;
}

TraceRecordAppender::TraceRecordAppender(store::Store& store, int64_t dataset_id)
    : store_(store), dataset_id_(dataset_id) {
  auto dataset = store.find_dataset(dataset_id);
  if (!dataset) throw std::invalid_argument("dataset " + std::to_string(dataset_id) + " does not exist");
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  for (unsigned i = 0; i < threads; ++i) validators_.push_back(records::dataset_validator(*dataset));
  auto existing = store.record_content_hashes(dataset_id);
  seen_.insert(existing.begin(), existing.end());
}

TraceRecordAppender::Built TraceRecordAppender::build(std::span<const store::Trace> traces) {
  Built built(traces.size());
  records::build_on_every_validator(validators_, traces.size(), [&](std::size_t i, health::RecordValidator& validator) {
    auto text = record_text_from_trace(traces[i]);
    if (!text) return;
    built[i] = records::build_record(validator, std::move(*text), std::nullopt, "trace");
    built[i]->trace_id = traces[i].id;
  });
  return built;
}

TraceImportCounts TraceRecordAppender::write(Built built) {
  TraceImportCounts counts;
  std::vector<store::NewRecord> batch;
  batch.reserve(built.size());
  for (auto& record : built) {
    if (!record) {
      ++counts.skipped;
      continue;
    }
    if (!seen_.insert(record->content_hash).second && record->valid) records::mark_duplicate(*record);
    ++counts.added;
    if (!record->valid) ++counts.invalid;
    batch.push_back(std::move(*record));
  }
  if (!batch.empty()) store_.insert_records(dataset_id_, batch);
  return counts;
}

TraceImportCounts TraceRecordAppender::append(std::span<const store::Trace> traces) {
  return write(build(traces));
}

TraceImportCounts add_traces_to_dataset(store::Store& store, int64_t dataset_id,
                                        std::span<const store::Trace> traces) {
  return TraceRecordAppender(store, dataset_id).append(traces);
}

TraceImportCounts pull_new_traces(store::Store& store, store::TraceStore& traces, int64_t dataset_id,
                                  const std::function<void(const TraceImportCounts&)>& after_batch) {
  auto source = traces.find_dataset_trace_source(dataset_id);
  if (!source) throw std::invalid_argument("this dataset was not made from traces, so it has no filter to pull with");
  auto fields = nlohmann::json::parse(source->filter_json, nullptr, false);
  std::map<std::string, std::string> values;
  if (fields.is_object()) {
    for (const auto& [key, value] : fields.items()) {
      if (value.is_string()) values[key] = value.get<std::string>();
    }
  }
  auto filter = trace_filter_from_fields(values);
  TraceRecordAppender appender(store, dataset_id);
  // A pipeline of two: while one batch is written (the store's connection, one thread), the next
  // is read (the trace store's own connection) and built on the other cores.
  struct Building {
    int64_t scanned_through_seq = 0;
    bool last = true;
    TraceRecordAppender::Built built;
  };
  auto start_building = [&](int64_t after_seq) {
    return std::async(std::launch::async, [&, after_seq] {
      util::run_this_thread_in_background(records::kBuildWhileWritingNice);
      auto batch = traces.traces_to_pull(filter, dataset_id, after_seq, kPullBatch);
      return Building{batch.scanned_through_seq, static_cast<int64_t>(batch.traces.size()) < kPullBatch,
                      appender.build(batch.traces)};
    });
  };
  TraceImportCounts total;
  auto next = start_building(source->pulled_through_seq);
  for (;;) {
    Building current = next.get();
    if (!current.last) next = start_building(current.scanned_through_seq);
    auto counts = appender.write(std::move(current.built));
    total.added += counts.added;
    total.invalid += counts.invalid;
    total.skipped += counts.skipped;
    // Saved after each batch: a pull stopped here (cancel, crash) goes on from this trace. A
    // batch committed just before a crash is walked again and adds nothing (never twice).
    source->pulled_through_seq = current.scanned_through_seq;
    source->last_pulled_at = util::now_unix_seconds();
    traces.save_dataset_trace_source(*source);
    if (after_batch) after_batch(total);  // throws to stop; the next batch's build ends first
    if (current.last) break;
  }
  return total;
}

}  // namespace reinforge::gateway
