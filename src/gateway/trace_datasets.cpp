#include "gateway/trace_datasets.hpp"

#include <nlohmann/json.hpp>
#include <algorithm>
#include <thread>
#include <unordered_set>

#include "gateway/trace_filter_fields.hpp"
#include "records/dataset_settings.hpp"
#include "records/record_builder.hpp"
#include "util/clock.hpp"

namespace reinforge::gateway {

namespace {
// As big as an import batch: one bulk insert and one checkpoint per batch.
constexpr int64_t kPullBatch = 8192;
}

std::optional<std::string> record_text_from_trace(const store::Trace& trace) {
  if (trace.status < 200 || trace.status > 299) return std::nullopt;
  // Responses and Messages calls carry their conversation already in the chat shape (and with
  // what previous_response_id chained in front of it).
  if (trace.conversation_json && trace.endpoint != "chat.completions") {
    auto record = nlohmann::json::parse(*trace.conversation_json, nullptr, false);
    if (!record.is_object() || !record.contains("messages")) return std::nullopt;
    if (record.contains("tools") && (!record["tools"].is_array() || record["tools"].empty()))
      record.erase("tools");
    record["metadata"] = {{"trace_id", trace.id}, {"model", trace.model_requested}};
    if (!trace.session_id.empty()) record["metadata"]["session_id"] = trace.session_id;
    return record.dump();
  }
  if (trace.endpoint != "chat.completions" || !trace.response_json) return std::nullopt;
  auto request = nlohmann::json::parse(trace.request_json, nullptr, false);
  auto response = nlohmann::json::parse(*trace.response_json, nullptr, false);
  if (!request.is_object() || !response.is_object() || !request.contains("messages") ||
      !response.contains("choices") || !response["choices"].is_array() || response["choices"].empty()) {
    return std::nullopt;
  }
  const auto& choice = response["choices"][0];
  if (!choice.is_object() || !choice.contains("message") || !choice["message"].is_object()) return std::nullopt;
  nlohmann::json answer{{"role", "assistant"}};
  const auto& message = choice["message"];
  answer["content"] = message.contains("content") ? message["content"] : nlohmann::json(nullptr);
  if (message.contains("tool_calls") && message["tool_calls"].is_array() && !message["tool_calls"].empty()) {
    answer["tool_calls"] = message["tool_calls"];
  }
  nlohmann::json record{{"messages", request["messages"]}};
  record["messages"].push_back(std::move(answer));
  if (request.contains("tools") && request["tools"].is_array()) record["tools"] = request["tools"];
  record["metadata"] = {{"trace_id", trace.id}, {"model", trace.model_requested}};
  return record.dump();
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

TraceImportCounts TraceRecordAppender::append(std::span<const store::Trace> traces) {
  std::vector<std::optional<store::NewRecord>> built(traces.size());
  records::build_on_every_validator(validators_, traces.size(), [&](std::size_t i, health::RecordValidator& validator) {
    auto text = record_text_from_trace(traces[i]);
    if (!text) return;
    built[i] = records::build_record(validator, std::move(*text), std::nullopt, "trace");
    built[i]->trace_id = traces[i].id;
  });
  TraceImportCounts counts;
  std::vector<store::NewRecord> batch;
  batch.reserve(traces.size());
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
  TraceImportCounts total;
  for (;;) {
    auto batch = traces.traces_to_pull(filter, dataset_id, source->pulled_through_seq, kPullBatch);
    if (!batch.traces.empty()) {
      auto counts = appender.append(batch.traces);
      total.added += counts.added;
      total.invalid += counts.invalid;
      total.skipped += counts.skipped;
    }
    // Saved after each batch: a pull stopped here (cancel, crash) goes on from this trace. A
    // batch committed just before a crash is walked again and adds nothing (never twice).
    source->pulled_through_seq = batch.scanned_through_seq;
    source->last_pulled_at = util::now_unix_seconds();
    traces.save_dataset_trace_source(*source);
    if (after_batch) after_batch(total);
    if (static_cast<int64_t>(batch.traces.size()) < kPullBatch) break;
  }
  return total;
}

}  // namespace reinforge::gateway
