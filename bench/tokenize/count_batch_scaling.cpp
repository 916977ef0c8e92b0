// count_batch on 1 and on 2 threads over the same texts (JSONL strings): MB/s and the speedup.
#include <simdjson.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "tokenize/encoding.hpp"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: count_batch_scaling TEXTS.jsonl\n");
    return 2;
  }
  std::ifstream in(argv[1]);
  std::vector<std::string> texts;
  simdjson::dom::parser parser;
  std::size_t bytes = 0;
  for (std::string line; std::getline(in, line);) {
    std::string_view text;
    if (parser.parse(line).get_string().get(text)) continue;
    texts.emplace_back(text);
    bytes += text.size();
  }
  std::vector<std::string_view> views(texts.begin(), texts.end());
  const auto& encoding = reinforge::tokenize::Encoding::get(reinforge::tokenize::EncodingName::o200k_base);
  reinforge::tokenize::count_batch(encoding, views, 2);  // warm up: load the encoding, fault pages in
  double single_seconds = 0;
  for (unsigned threads : {1u, 2u}) {
    auto start = std::chrono::steady_clock::now();
    auto counts = reinforge::tokenize::count_batch(encoding, views, threads);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::size_t total = 0;
    for (auto count : counts) total += count;
    if (threads == 1) single_seconds = seconds;
    std::printf("count_batch, %u thread%s: %.2f s, %.1f MB/s, speedup %.2fx, %zu tokens\n", threads,
                threads == 1 ? " " : "s", seconds, bytes / 1048576.0 / seconds, single_seconds / seconds, total);
  }
  return 0;
}
