#include <gtest/gtest.h>

#include "records/line_reader.hpp"
#include "support/temp_dir.hpp"

namespace reinforge::records {
namespace {

std::vector<std::string> all_lines(const std::filesystem::path& file, int64_t offset = 0) {
  LineReader reader(file, offset);
  std::vector<std::string> lines;
  std::string_view line;
  while (reader.next(line)) lines.emplace_back(line);
  return lines;
}

TEST(LineReader, keeps_carriage_returns_and_reads_a_last_line_without_newline) {
  testing::TempDir temp;
  auto file = testing::write_file(temp / "f.jsonl", "a\r\nb\n\nc");
  EXPECT_EQ(all_lines(file), (std::vector<std::string>{"a\r", "b", "", "c"}));
}

TEST(LineReader, leaves_out_a_byte_order_mark_at_the_start_of_the_file_only) {
  testing::TempDir temp;
  auto file = testing::write_file(temp / "f.jsonl",
                                  "\xEF\xBB\xBF{\"a\":1}\r\n\xEF\xBB\xBF"
                                  "b\n");
  EXPECT_EQ(all_lines(file), (std::vector<std::string>{"{\"a\":1}\r",
                                                       "\xEF\xBB\xBF"
                                                       "b"}));
  // Resuming past the first line reads the second as it is; offsets still count every byte.
  EXPECT_EQ(all_lines(file, 12), (std::vector<std::string>{"\xEF\xBB\xBF"
                                                           "b"}));
  LineReader reader(file);
  std::string_view line;
  reader.next(line);
  EXPECT_EQ(reader.offset(), 12);
}

TEST(LineReader, reads_lines_longer_than_its_buffer) {
  testing::TempDir temp;
  std::string long_line(3 << 20, 'x');
  auto file = testing::write_file(temp / "f.jsonl", "short\n" + long_line + "\nend\n");
  auto lines = all_lines(file);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[1].size(), long_line.size());
  EXPECT_EQ(lines[2], "end");
}

TEST(LineReader, offsets_allow_resuming_at_a_line_start) {
  testing::TempDir temp;
  auto file = testing::write_file(temp / "f.jsonl", "first\nsecond\nthird\n");
  LineReader reader(file);
  std::string_view line;
  reader.next(line);
  EXPECT_EQ(reader.offset(), 6);
  EXPECT_EQ(all_lines(file, reader.offset()), (std::vector<std::string>{"second", "third"}));
}

TEST(LineReader, missing_file_is_a_clear_error) {
  try {
    LineReader reader("/nonexistent/file.jsonl");
    FAIL();
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("/nonexistent/file.jsonl"), std::string::npos);
  }
}

}  // namespace
}  // namespace reinforge::records
