#include "records/record_builder.hpp"

#include <simdjson.h>

#include <functional>
#include <thread>

#include "records/dataset_settings.hpp"

namespace reinforge::records {

namespace {

// Cuts at a UTF-8 character boundary so a preview never ends in half a character.
std::string shorten_utf8(std::string_view text, std::size_t max_chars) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      if (chars == max_chars) return std::string(text.substr(0, i)) + "…";
      ++chars;
    }
  }
  return std::string(text);
}

std::string collapse_whitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool in_space = false;
  for (char c : text) {
    bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
    if (space) {
      if (!in_space && !out.empty()) out += ' ';
      in_space = true;
    } else {
      out += c;
      in_space = false;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace

std::string record_preview(std::string_view record_json, std::size_t max_chars) {
  thread_local simdjson::dom::parser parser;
  simdjson::padded_string padded(record_json);
  simdjson::dom::element root;
  if (parser.parse(padded).get(root)) return {};
  simdjson::dom::array messages;
  if (root["messages"].get_array().get(messages)) return {};
  for (auto message : messages) {
    std::string_view role;
    if (message["role"].get_string().get(role) || role != "user") continue;
    auto content = message["content"];
    std::string_view text;
    if (!content.get_string().get(text)) return shorten_utf8(collapse_whitespace(text), max_chars);
    simdjson::dom::array parts;
    if (!content.get_array().get(parts)) {
      std::string joined;
      for (auto part : parts) {
        std::string_view part_text;
        if (!part["text"].get_string().get(part_text)) {
          if (!joined.empty()) joined += ' ';
          joined += part_text;
        }
      }
      return shorten_utf8(collapse_whitespace(joined), max_chars);
    }
    return {};
  }
  return {};
}

uint64_t content_hash(std::string_view text) {
  // Whitespace after the JSON is no content: a line of a CRLF file keeps its '\r' (export writes
  // the bytes back), yet is the same record as the line without it.
  while (!text.empty() && (text.back() == '\r' || text.back() == ' ' || text.back() == '\t'))
    text.remove_suffix(1);
  return std::hash<std::string_view>{}(text);
}

health::RecordValidator dataset_validator(const store::Dataset& dataset) {
  return health::RecordValidator(settings_from_json(dataset.settings_json).validation);
}

void build_on_every_validator(std::vector<health::RecordValidator>& validators, std::size_t count,
                              const std::function<void(std::size_t, health::RecordValidator&)>& work) {
  auto share = [&](std::size_t worker) {
    for (std::size_t i = worker; i < count; i += validators.size()) work(i, validators[worker]);
  };
  std::vector<std::thread> threads;
  for (std::size_t worker = 1; worker < validators.size() && worker < count; ++worker)
    threads.emplace_back(share, worker);
  share(0);
  for (auto& thread : threads) thread.join();
}

store::NewRecord build_record(health::RecordValidator& validator, std::string text,
                              std::optional<int64_t> line, std::string origin) {
  store::NewRecord record;
  auto verdict = validator.validate(text);
  record.valid = verdict.valid;
  record.token_count = static_cast<int64_t>(verdict.token_count);
  record.issue_codes.reserve(verdict.issues.size());
  for (const auto& issue : verdict.issues) {
    record.issue_codes.emplace_back(std::string(health::to_string(issue.code)),
                                    health::severity_of(issue.code) == health::Severity::error);
  }
  record.issues_json = verdict.issues.empty() ? "[]" : health::issues_to_json(verdict.issues);
  record.preview = record_preview(text);
  record.content_hash = content_hash(text);
  record.line = line;
  record.origin = std::move(origin);
  record.text = std::move(text);
  return record;
}

void mark_duplicate(store::NewRecord& record) {
  auto issues = health::issues_from_json(record.issues_json);
  issues.push_back({health::IssueCode::duplicate_record,
                    "This record is an exact duplicate of an earlier record in the dataset.", ""});
  record.issues_json = health::issues_to_json(issues);
  record.issue_codes.emplace_back(std::string(health::to_string(health::IssueCode::duplicate_record)),
                                  false);
}

}  // namespace reinforge::records
