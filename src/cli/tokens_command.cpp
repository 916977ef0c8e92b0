#include <simdjson.h>

#include <iostream>

#include "cli/arguments.hpp"
#include "cli/commands.hpp"
#include "records/line_reader.hpp"
#include "tokenize/chat_tokens.hpp"

namespace reinforge::cli {

int run_tokens_command(const std::vector<std::string>& args) {
  Arguments arguments(args);
  arguments.reject_unknown({"encoding"});
  if (arguments.positionals().size() != 1) throw UsageError("give exactly one FILE.jsonl");
  auto name = tokenize::encoding_from_string(arguments.option_or("encoding", "o200k_base"));
  if (!name) throw UsageError("--encoding must be o200k_base or cl100k_base");
  const auto& encoding = tokenize::Encoding::get(*name);

  records::LineReader reader(arguments.positionals()[0]);
  simdjson::dom::parser parser;
  std::string_view line;
  int64_t line_number = 0;
  int status = 0;
  std::string out;
  while (reader.next(line)) {
    ++line_number;
    simdjson::dom::element value;
    std::string_view text;
    std::optional<std::size_t> count;
    if (!parser.parse(line.data(), line.size()).get(value)) {
      if (!value.get_string().get(text)) {
        count = encoding.count(text);
      } else if (value.is_object()) {
        count = tokenize::count_chat_tokens_json(encoding, line);
      }
    }
    if (!count) {
      // One line out per line in, so the output stays aligned with the input.
      std::cerr << "line " << line_number << ": neither a JSON string nor a chat record\n";
      status = 1;
      out += "-1\n";
    } else {
      out += std::to_string(*count) + "\n";
    }
    if (out.size() > 1 << 16) {
      std::cout << out;
      out.clear();
    }
  }
  std::cout << out;
  return status;
}

}  // namespace reinforge::cli
