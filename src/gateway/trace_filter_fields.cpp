#include "gateway/trace_filter_fields.hpp"

#include <charconv>
#include <ctime>

namespace reinforge::gateway {

namespace {

bool parse_int(const std::string& text, int64_t& value) {
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size();
}

}  // namespace

int64_t parse_trace_time_ms(const std::string& name, const std::string& text) {
  int64_t value = 0;
  if (parse_int(text, value)) return value;
  std::tm tm{};
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  char tail = 0;
  int fields = std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &year, &month, &day, &hour, &minute, &second, &tail);
  bool date_only = fields == 3 && text.size() == 10;
  if (!date_only && (fields < 6 || (fields == 7 && tail != 'Z' && tail != '.'))) {
    throw std::invalid_argument("'" + name + "' must be Unix milliseconds or a UTC time like 2026-11-24T10:00:00Z");
  }
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  const std::time_t seconds = timegm(&tm);
  // timegm rolls a 13th month or a 30 February into the next ones; a mistyped date must not
  // quietly become another (a prune would then delete months more than asked).
  std::tm back{};
  if (!gmtime_r(&seconds, &back) || back.tm_year != year - 1900 || back.tm_mon != month - 1 ||
      back.tm_mday != day || back.tm_hour != hour || back.tm_min != minute ||
      back.tm_sec != second) {
    throw std::invalid_argument("'" + name + "': " + text + " is not a date and time that exists");
  }
  return static_cast<int64_t>(seconds) * 1000;
}

store::TraceFilter trace_filter_from_fields(const std::map<std::string, std::string>& fields) {
  store::TraceFilter filter;
  auto get = [&](const char* key) -> std::optional<std::string> {
    auto found = fields.find(key);
    if (found == fields.end() || found->second.empty()) return std::nullopt;
    return found->second;
  };
  if (auto from = get("from")) filter.from_ms = parse_trace_time_ms("from", *from);
  if (auto to = get("to")) filter.to_ms = parse_trace_time_ms("to", *to);
  filter.model = get("model");
  filter.provider = get("provider");
  if (auto status = get("status")) {
    int64_t code = 0;
    if (*status != "ok" && *status != "error" && !(parse_int(*status, code) && code >= 100 && code <= 599)) {
      throw std::invalid_argument("'status' must be 'ok', 'error' or an HTTP status code");
    }
    filter.status = *status;
  }
  if (auto key = get("key")) {
    int64_t id = 0;
    if (!parse_int(*key, id)) throw std::invalid_argument("'key' must be a gateway key id");
    filter.gateway_key_id = id;
  }
  filter.tag = get("tag");
  filter.text_query = get("q");
  if (auto endpoint = get("endpoint")) {
    if (*endpoint != "chat.completions" && *endpoint != "embeddings" && *endpoint != "responses" &&
        *endpoint != "messages") {
      throw std::invalid_argument(
          "'endpoint' must be chat.completions, embeddings, responses or messages");
    }
    filter.endpoint = *endpoint;
  }
  filter.session_id = get("session");
  if (auto calls = get("calls")) {
    if (*calls != "all" && *calls != "last_of_session")
      throw std::invalid_argument("'calls' must be 'all' or 'last_of_session'");
    filter.last_call_of_session = *calls == "last_of_session";
  }
  return filter;
}

std::map<std::string, std::string> trace_filter_to_fields(const store::TraceFilter& filter) {
  std::map<std::string, std::string> fields;
  if (filter.from_ms) fields["from"] = std::to_string(*filter.from_ms);
  if (filter.to_ms) fields["to"] = std::to_string(*filter.to_ms);
  if (filter.model) fields["model"] = *filter.model;
  if (filter.provider) fields["provider"] = *filter.provider;
  if (filter.status) fields["status"] = *filter.status;
  if (filter.gateway_key_id) fields["key"] = std::to_string(*filter.gateway_key_id);
  if (filter.tag) fields["tag"] = *filter.tag;
  if (filter.text_query) fields["q"] = *filter.text_query;
  if (filter.endpoint) fields["endpoint"] = *filter.endpoint;
  if (filter.session_id) fields["session"] = *filter.session_id;
  if (filter.last_call_of_session) fields["calls"] = "last_of_session";
  return fields;
}

}  // namespace reinforge::gateway
