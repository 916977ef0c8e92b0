// `reinforge tokens`: the token count of every line of a JSONL file (a JSON string, or a chat
// record counted as the chat API bills it), one number out per line in. Lines are counted on
// every core, a block at a time, and written in input order.
#include <simdjson.h>

#include <iostream>
#include <thread>

#include "cli/arguments.hpp"
#include "cli/commands.hpp"
#include "records/line_reader.hpp"
#include "tokenize/chat_tokens.hpp"

namespace reinforge::cli {

namespace {

// Lines are read into a block of about this many bytes (or lines) before they are counted:
// big enough that starting the threads costs nothing, small enough to keep memory flat.
constexpr std::size_t kBlockBytes = std::size_t{8} << 20;
constexpr std::size_t kBlockLines = 65536;

struct Block {
  std::string text;
  std::vector<std::pair<std::size_t, std::size_t>> lines;  // (offset, length) into text
  std::vector<std::optional<std::size_t>> counts;
};

std::optional<std::size_t> count_line(const tokenize::Encoding& encoding,
                                      simdjson::dom::parser& parser, std::string_view line) {
  simdjson::dom::element value;
  if (parser.parse(line.data(), line.size()).get(value)) return std::nullopt;
  std::string_view text;
  if (!value.get_string().get(text)) return encoding.count(text);
  if (value.is_object()) return tokenize::count_chat_tokens_json(encoding, line);
  return std::nullopt;
}

void count_block(const tokenize::Encoding& encoding, Block& block, unsigned threads) {
  block.counts.assign(block.lines.size(), std::nullopt);
  unsigned workers = static_cast<unsigned>(std::min<std::size_t>(threads, block.lines.size()));
  // Every worker takes every n-th line, so a few long lines do not land on one thread.
  auto work = [&](unsigned worker) {
    simdjson::dom::parser parser;
    for (std::size_t i = worker; i < block.lines.size(); i += workers) {
      auto [offset, length] = block.lines[i];
      block.counts[i] =
          count_line(encoding, parser, std::string_view(block.text).substr(offset, length));
    }
  };
  std::vector<std::thread> pool;
  for (unsigned worker = 1; worker < workers; ++worker) pool.emplace_back(work, worker);
  if (workers > 0) work(0);
  for (auto& thread : pool) thread.join();
}

}  // namespace

int run_tokens_command(const std::vector<std::string>& args) {
  Arguments arguments(args);
  arguments.reject_unknown({"encoding", "threads"});
  if (arguments.positionals().size() != 1) throw UsageError("give exactly one FILE.jsonl");
  auto name = tokenize::encoding_from_string(arguments.option_or("encoding", "o200k_base"));
  if (!name) throw UsageError("--encoding must be o200k_base or cl100k_base");
  const auto& encoding = tokenize::Encoding::get(*name);
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  if (auto given = arguments.positive_integer_option("threads")) {
    threads = static_cast<unsigned>(*given);
  }

  records::LineReader reader(arguments.positionals()[0]);
  std::string_view line;
  int64_t line_number = 0;
  int status = 0;
  std::string out;
  Block block;
  auto flush = [&] {
    count_block(encoding, block, threads);
    for (const auto& count : block.counts) {
      ++line_number;
      if (!count) {
        // One line out per line in, so the output stays aligned with the input.
        std::cerr << "line " << line_number << ": neither a JSON string nor a chat record\n";
        status = 1;
        out += "-1\n";
      } else {
        out += std::to_string(*count);
        out += '\n';
      }
    }
    std::cout << out;
    out.clear();
    block.text.clear();
    block.lines.clear();
  };
  while (reader.next(line)) {
    block.lines.emplace_back(block.text.size(), line.size());
    block.text.append(line);
    if (block.text.size() >= kBlockBytes || block.lines.size() >= kBlockLines) flush();
  }
  flush();
  return status;
}

}  // namespace reinforge::cli
