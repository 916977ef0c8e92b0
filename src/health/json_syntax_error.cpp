#include "health/json_syntax_error.hpp"

#include <nlohmann/json.hpp>

namespace reinforge::health {

namespace {

// Walks the text without building anything; only the first error matters.
struct FirstError : nlohmann::json_sax<nlohmann::json> {
  std::optional<std::string> what;

  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& error) override {
    what = error.what();
    return false;
  }
};

// A token read before the error can be a whole megabyte-long string: keep its end, where the
// error is, cut on a UTF-8 character boundary.
std::string shorten_last_read(std::string text) {
  constexpr std::string_view kMarker = "; last read: '";
  constexpr std::size_t kKeep = 40;
  auto start = text.find(kMarker);
  if (start == std::string::npos) return text;
  start += kMarker.size();
  auto end = text.rfind("'; expected ");
  if (end == std::string::npos || end < start) end = text.size() - 1;
  if (end <= start || end - start <= kKeep) return text;
  auto cut = end - kKeep;
  while (cut < end && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) ++cut;
  return text.substr(0, start) + "…" + text.substr(cut);
}

}  // namespace

std::optional<std::string> describe_json_syntax_error(std::string_view text) {
  FirstError handler;
  if (nlohmann::json::sax_parse(text.begin(), text.end(), &handler) || !handler.what) return std::nullopt;
  // "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error ..."; other
  // errors (a number out of range) name no place, and the caller's own reason is as good.
  const std::string& what = *handler.what;
  constexpr std::string_view kAt = "parse error at ";
  auto at = what.find(kAt);
  if (at == std::string::npos) return std::nullopt;
  std::string place_and_reason = what.substr(at + kAt.size());
  if (place_and_reason.starts_with("line 1, ")) place_and_reason.erase(0, 8);
  return shorten_last_read(std::move(place_and_reason));
}

}  // namespace reinforge::health
