#include "records/line_reader.hpp"

#include <cstring>
#include <stdexcept>
#include <system_error>

namespace reinforge::records {

LineReader::LineReader(const std::filesystem::path& path, int64_t start_offset)
    : file_(std::fopen(path.c_str(), "rb"), &std::fclose), buffer_(1 << 20) {
  if (!file_) {
    throw std::runtime_error("cannot open " + path.string() + ": " +
                             std::generic_category().message(errno));
  }
  file_size_ = static_cast<int64_t>(std::filesystem::file_size(path));
  if (start_offset > 0 && std::fseek(file_.get(), start_offset, SEEK_SET) != 0) {
    throw std::runtime_error("cannot seek in " + path.string());
  }
  offset_ = start_offset;
  past_first_line_ = start_offset > 0;
}

bool LineReader::refill() {
  if (eof_) return false;
  if (begin_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (end_ == buffer_.size()) buffer_.resize(buffer_.size() * 2);  // a line longer than the buffer
  std::size_t got = std::fread(buffer_.data() + end_, 1, buffer_.size() - end_, file_.get());
  if (got == 0) {
    if (std::ferror(file_.get())) throw std::runtime_error("read error");
    eof_ = true;
    return false;
  }
  end_ += got;
  return true;
}

bool LineReader::next(std::string_view& line) {
  if (!next_with_bom(line)) return false;
  // A UTF-8 byte order mark marks the file's encoding, not its first line's text.
  constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
  if (!past_first_line_ && line.substr(0, kByteOrderMark.size()) == kByteOrderMark)
    line.remove_prefix(kByteOrderMark.size());
  past_first_line_ = true;
  return true;
}

bool LineReader::next_with_bom(std::string_view& line) {
  for (;;) {
    const char* start = buffer_.data() + begin_;
    const void* newline = std::memchr(start, '\n', end_ - begin_);
    if (newline) {
      std::size_t length = static_cast<const char*>(newline) - start;
      line = std::string_view(start, length);
      begin_ += length + 1;
      offset_ += static_cast<int64_t>(length + 1);
      return true;
    }
    if (!refill()) {
      if (begin_ == end_) return false;
      // The last line has no newline.
      line = std::string_view(buffer_.data() + begin_, end_ - begin_);
      offset_ += static_cast<int64_t>(end_ - begin_);
      begin_ = end_;
      return true;
    }
  }
}

}  // namespace reinforge::records
