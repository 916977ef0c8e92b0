#include "tokenize/encoding.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <thread>
#include <vector>

namespace reinforge::tokenize {
namespace {

const char* const kTexts[] = {"Hello, world!", "  spaces\t\ttabs\r\n\r\n", "日本語のテキスト", "مرحبا",
                              "👨‍👩‍👧‍👦 emoji", "def f(x):\n    return x", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                              "I'M YOU'RE", "12345678", ""};

TEST(Encoding, decode_gives_back_the_text_for_both_encodings) {
  for (auto name : {EncodingName::o200k_base, EncodingName::cl100k_base}) {
    const auto& encoding = Encoding::get(name);
    for (const char* text : kTexts) {
      auto tokens = encoding.encode(text);
      EXPECT_EQ(encoding.decode(tokens), text);
      EXPECT_EQ(encoding.count(text), tokens.size()) << text;
    }
  }
}

// Counting remembers the counts of multi-token pieces per thread; encode() does not. Thousands of
// made-up words (most of them several tokens, some 22-23 bytes long around the remembered
// length) are counted twice, so the second pass is answered from what the first remembered, and
// with more distinct pieces than places to keep them, so entries are overwritten.
TEST(Encoding, counts_equal_the_encoded_length_when_words_repeat_and_displace_each_other) {
  const char* const syllables[] = {"qua", "zor", "blik", "th",  "ent", "ion", "xy",
                                   "ph",  "ow",  "ré",   "ünd", "42",  "__",  "Ka",
                                   "MP",  "ing", "'s",   "gr",  "ö",   "ly"};
  uint64_t state = 12345;
  auto next = [&](uint64_t bound) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return (state >> 33) % bound;
  };
  std::vector<std::string> texts;
  for (int t = 0; t < 3000; ++t) {
    std::string text;
    for (uint64_t w = 0, words = 3 + next(10); w < words; ++w) {
      text += w ? " " : "";
      for (uint64_t s = 0, parts = 1 + next(w % 4 == 3 ? 12 : 5); s < parts; ++s)
        text += syllables[next(20)];
    }
    texts.push_back(text);
  }
  for (auto name : {EncodingName::o200k_base, EncodingName::cl100k_base}) {
    const auto& encoding = Encoding::get(name);
    for (int pass = 0; pass < 2; ++pass) {
      for (const auto& text : texts)
        ASSERT_EQ(encoding.count(text), encoding.encode(text).size()) << text;
    }
  }
}

TEST(Encoding, known_counts) {
  EXPECT_EQ(Encoding::get(EncodingName::o200k_base).count("Hello, world!"), 4u);
  EXPECT_EQ(Encoding::get(EncodingName::cl100k_base).count("Hello, world!"), 4u);
  EXPECT_EQ(Encoding::get(EncodingName::o200k_base).count(""), 0u);
}

TEST(Encoding, special_token_strings_are_plain_text) {
  const auto& encoding = Encoding::get(EncodingName::o200k_base);
  auto tokens = encoding.encode("<|endoftext|>");
  EXPECT_GT(tokens.size(), 1u);
  for (auto token : tokens) EXPECT_NE(token, 199999u);
}

TEST(Encoding, invalid_utf8_is_counted_not_crashed_on) {
  const auto& encoding = Encoding::get(EncodingName::o200k_base);
  std::string broken = "ok \xff\xfe then \xe6\x97 cut";
  EXPECT_GT(encoding.count(broken), 3u);
  // Counted as the U+FFFD-replaced text, as Python's errors="replace" would give tiktoken.
  EXPECT_EQ(encoding.count(broken), encoding.count("ok \xEF\xBF\xBD\xEF\xBF\xBD then \xEF\xBF\xBD cut"));
}

TEST(Encoding, batch_counts_equal_serial_counts_on_several_threads) {
  const auto& encoding = Encoding::get(EncodingName::o200k_base);
  std::vector<std::string> texts;
  for (int i = 0; i < 2000; ++i) texts.push_back(std::string(kTexts[i % 9]) + " #" + std::to_string(i));
  std::vector<std::string_view> views(texts.begin(), texts.end());
  auto batch = count_batch(encoding, views, 4);
  ASSERT_EQ(batch.size(), texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i) ASSERT_EQ(batch[i], encoding.count(texts[i]));
}

TEST(Encoding, concurrent_first_use_is_safe) {
  std::vector<std::thread> threads;
  std::vector<std::size_t> counts(8);
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      counts[i] = Encoding::get(i % 2 ? EncodingName::cl100k_base : EncodingName::o200k_base).count("same text");
    });
  }
  for (auto& thread : threads) thread.join();
  for (int i = 2; i < 8; ++i) EXPECT_EQ(counts[i], counts[i % 2]);
}

TEST(EncodingForModel, follows_tiktokens_model_table) {
  EXPECT_EQ(encoding_for_model("gpt-4o-mini"), EncodingName::o200k_base);
  EXPECT_EQ(encoding_for_model("gpt-4.1"), EncodingName::o200k_base);
  EXPECT_EQ(encoding_for_model("o3-mini"), EncodingName::o200k_base);
  EXPECT_EQ(encoding_for_model("gpt-4-turbo"), EncodingName::cl100k_base);
  EXPECT_EQ(encoding_for_model("gpt-3.5-turbo"), EncodingName::cl100k_base);
  EXPECT_EQ(encoding_for_model("some-local-model"), EncodingName::o200k_base);
  EXPECT_EQ(encoding_from_string("cl100k_base"), EncodingName::cl100k_base);
  EXPECT_FALSE(encoding_from_string("gpt2").has_value());
}

}  // namespace
}  // namespace reinforge::tokenize
