#include "records/jsonl_importer.hpp"

#include <algorithm>
#include <future>
#include <nlohmann/json.hpp>
#include <thread>
#include <unordered_set>
#include <vector>

#include "records/line_reader.hpp"
#include "records/record_builder.hpp"
#include "util/thread_priority.hpp"

namespace reinforge::records {

std::string counts_to_json(const ImportCounts& counts) {
  return nlohmann::json{{"imported", counts.imported},
                        {"valid", counts.valid},
                        {"invalid", counts.invalid},
                        {"blank_lines", counts.blank_lines},
                        {"duplicates", counts.duplicates}}
      .dump();
}

std::string checkpoint_to_json(const ImportCheckpoint& checkpoint) {
  auto json = nlohmann::json::parse(counts_to_json(checkpoint.counts));
  json["offset"] = checkpoint.offset;
  json["line"] = checkpoint.line;
  json["replaced"] = checkpoint.replaced;
  return json.dump();
}

ImportCheckpoint checkpoint_from_json(const std::string& text) {
  auto json = nlohmann::json::parse(text.empty() ? "{}" : text);
  ImportCheckpoint checkpoint;
  checkpoint.offset = json.value("offset", int64_t{0});
  checkpoint.line = json.value("line", int64_t{0});
  checkpoint.replaced = json.value("replaced", false);
  checkpoint.counts.imported = json.value("imported", int64_t{0});
  checkpoint.counts.valid = json.value("valid", int64_t{0});
  checkpoint.counts.invalid = json.value("invalid", int64_t{0});
  checkpoint.counts.blank_lines = json.value("blank_lines", int64_t{0});
  checkpoint.counts.duplicates = json.value("duplicates", int64_t{0});
  return checkpoint;
}

std::optional<ImportMode> import_mode_from_string(std::string_view text) {
  if (text == "append") return ImportMode::append;
  if (text == "replace") return ImportMode::replace;
  return std::nullopt;
}

namespace {

struct PendingLine {
  std::string text;
  int64_t line;
};

struct Batch {
  std::vector<PendingLine> lines;
  int64_t blank_lines = 0;
  int64_t end_offset = 0;
  int64_t end_line = 0;
};

bool is_blank(std::string_view line) {
  return std::all_of(line.begin(), line.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\r'; });
}

Batch read_batch(LineReader& reader, int64_t& line_number, std::size_t max_lines) {
  Batch batch;
  std::string_view line;
  while (batch.lines.size() < max_lines && reader.next(line)) {
    ++line_number;
    if (is_blank(line)) {
      ++batch.blank_lines;
      continue;
    }
    batch.lines.push_back({std::string(line), line_number});
  }
  batch.end_offset = reader.offset();
  batch.end_line = line_number;
  return batch;
}

// Validates a batch on every validator, each taking an interleaved share of the lines.
std::vector<store::NewRecord> build_batch(std::vector<health::RecordValidator>& validators,
                                          Batch& batch, const std::string& origin) {
  std::vector<store::NewRecord> built(batch.lines.size());
  build_on_every_validator(validators, batch.lines.size(), [&](std::size_t i, health::RecordValidator& validator) {
    built[i] = build_record(validator, std::move(batch.lines[i].text), batch.lines[i].line, origin);
  });
  return built;
}

}  // namespace

ImportCounts import_jsonl(store::Store& store, int64_t dataset_id,
                          const std::filesystem::path& file, const ImportOptions& options,
                          ImportCheckpoint checkpoint) {
  if (options.mode == ImportMode::replace && !checkpoint.replaced) {
    store.delete_all_records(dataset_id);
    checkpoint.replaced = true;
  }
  unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  std::vector<health::RecordValidator> validators;
  for (unsigned i = 0; i < threads; ++i) validators.emplace_back(options.validation);

  auto existing = store.record_content_hashes(dataset_id);
  std::unordered_set<uint64_t> seen(existing.begin(), existing.end());

  LineReader reader(file, checkpoint.offset);
  int64_t line_number = checkpoint.line;
  Batch next = read_batch(reader, line_number, options.batch_lines);
  // While one batch is written to the store, the next one is already being validated.
  auto build_in_background = [&](Batch batch) {
    return std::async(std::launch::async, [&, batch = std::move(batch)]() mutable {
      util::run_this_thread_in_background(kBuildWhileWritingNice);
      return std::make_pair(build_batch(validators, batch, options.origin), batch);
    });
  };
  auto pending = build_in_background(std::move(next));
  for (;;) {
    auto [records, batch] = pending.get();
    bool more = !(records.empty() && batch.blank_lines == 0);
    if (more) {
      next = read_batch(reader, line_number, options.batch_lines);
      pending = build_in_background(std::move(next));
    }
    for (auto& record : records) {
      if (!seen.insert(record.content_hash).second && record.valid) {
        mark_duplicate(record);
        ++checkpoint.counts.duplicates;
      }
      ++(record.valid ? checkpoint.counts.valid : checkpoint.counts.invalid);
    }
    checkpoint.counts.imported += static_cast<int64_t>(records.size());
    checkpoint.counts.blank_lines += batch.blank_lines;
    checkpoint.offset = batch.end_offset;
    checkpoint.line = batch.end_line;
    std::optional<store::JobCheckpoint> job_checkpoint;
    if (options.job_id) {
      job_checkpoint = store::JobCheckpoint{*options.job_id, checkpoint_to_json(checkpoint),
                                            checkpoint.offset, options.job_instance};
    }
    store.insert_records(dataset_id, records, job_checkpoint);
    if (options.on_progress) options.on_progress(checkpoint.offset, reader.file_size(), checkpoint.counts);
    if (!more) break;
  }
  if (pending.valid()) pending.wait();
  return checkpoint.counts;
}

}  // namespace reinforge::records
