#pragma once
// Byte-pair encodings of OpenAI's models (o200k_base, cl100k_base), exact to tiktoken.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace reinforge::tokenize {

enum class EncodingName { o200k_base, cl100k_base };

std::string_view to_string(EncodingName name);
std::optional<EncodingName> encoding_from_string(std::string_view text);
// The encoding a model family uses: cl100k_base for gpt-4, gpt-3.5 and older embeddings,
// o200k_base for everything newer (and for names it does not know).
EncodingName encoding_for_model(std::string_view model);

class Encoding {
 public:
  // Loaded once on first use; safe to call from any thread, and the result is immutable.
  static const Encoding& get(EncodingName name);

  // Ordinary encoding: special-token strings such as <|endoftext|> count as plain text.
  std::vector<uint32_t> encode(std::string_view text) const;
  std::size_t count(std::string_view text) const;
  std::string decode(std::span<const uint32_t> tokens) const;
  EncodingName name() const;

  ~Encoding();
  Encoding(const Encoding&) = delete;
  Encoding& operator=(const Encoding&) = delete;

  struct Impl;

 private:
  explicit Encoding(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Counts many texts on `threads` threads (0: every core); result[i] is texts[i]'s count.
std::vector<std::size_t> count_batch(const Encoding& encoding,
                                     std::span<const std::string_view> texts,
                                     unsigned threads = 0);

}  // namespace reinforge::tokenize
