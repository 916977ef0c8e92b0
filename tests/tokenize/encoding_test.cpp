#include <gtest/gtest.h>

#include <thread>

#include "tokenize/encoding.hpp"

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
