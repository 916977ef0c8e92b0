#pragma once
// Reads a file line by line through a fixed buffer, so files of any size stream in constant
// memory. A line is returned without its '\n' (a '\r' before it is kept: export writes the
// bytes back as they came), the file's first without a UTF-8 byte order mark.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace reinforge::records {

class LineReader {
 public:
  // Starts reading at `start_offset` bytes, which must be the start of a line.
  explicit LineReader(const std::filesystem::path& path, int64_t start_offset = 0);
  // The view stays valid until the next call.
  bool next(std::string_view& line);
  // Byte offset just after the last line returned.
  int64_t offset() const { return offset_; }
  int64_t file_size() const { return file_size_; }

 private:
  bool refill();
  bool next_with_bom(std::string_view& line);
  std::unique_ptr<FILE, int (*)(FILE*)> file_;
  std::vector<char> buffer_;
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
  bool eof_ = false;
  int64_t offset_ = 0;
  bool past_first_line_ = false;
  int64_t file_size_ = 0;
  std::string long_line_;
};

}  // namespace reinforge::records
