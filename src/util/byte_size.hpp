#pragma once
// Sizes as people write them in settings and flags: "500MB", "20GB", "1.5 GiB", or plain bytes.
// Decimal units (KB, MB, GB, TB: powers of 1000, as disks are sold) and binary ones (KiB, MiB,
// GiB, TiB: powers of 1024, as `du -h` counts), any case, with or without a space.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace reinforge::util {

// Nothing when the text is not a size (no number, an unknown unit, negative, or past int64).
// A fraction of a byte is dropped.
std::optional<int64_t> parse_byte_size(std::string_view text);
// "19.9 GB", "830 kB", "12 B": decimal units with three significant digits, for logs.
std::string format_byte_size(int64_t bytes);

}  // namespace reinforge::util
