#include "util/byte_size.hpp"

#include <gtest/gtest.h>

namespace reinforge::util {
namespace {

TEST(ByteSizeTest, ReadsSizesAsPeopleWriteThem) {
  struct Case {
    const char* text;
    int64_t bytes;
  };
  for (const auto& c : std::vector<Case>{
           {"1048576", 1048576},
           {"0", 0},
           {"500MB", 500000000},
           {"20GB", 20000000000},
           {"20gb", 20000000000},
           {"20 GB", 20000000000},
           {" 3 kb ", 3000},
           {"1.5GB", 1500000000},
           {"1.1GB", 1100000000},
           {"0.5 kB", 500},
           {"512B", 512},
           {"1KiB", 1024},
           {"2MiB", 2097152},
           {"1.5GiB", 1610612736},
           {"1TiB", 1099511627776},
           {"4TB", 4000000000000},
           {"2.", 2},
           {"1.5", 1},  // a fraction of a byte is dropped
       }) {
    auto parsed = parse_byte_size(c.text);
    ASSERT_TRUE(parsed) << c.text;
    EXPECT_EQ(*parsed, c.bytes) << c.text;
  }
}

TEST(ByteSizeTest, RefusesWhatIsNotASize) {
  for (const char* text :
       {"", "GB", "lots", "-5GB", "-1", "20G", "20 G B", "20  GB", "1e9", "5 PB", ".GB", "12,5GB",
        "0x10", "99999999999999999999", "9000000000TB", "20GBs"}) {
    EXPECT_FALSE(parse_byte_size(text)) << text;
  }
}

TEST(ByteSizeTest, FormatsThreeSignificantDigits) {
  EXPECT_EQ(format_byte_size(0), "0 B");
  EXPECT_EQ(format_byte_size(999), "999 B");
  EXPECT_EQ(format_byte_size(1000), "1.00 kB");
  EXPECT_EQ(format_byte_size(123456), "123 kB");
  EXPECT_EQ(format_byte_size(19940000000), "19.9 GB");
  EXPECT_EQ(format_byte_size(999600000), "1.00 GB");
  EXPECT_EQ(format_byte_size(20000000000000), "20.0 TB");
}

}  // namespace
}  // namespace reinforge::util
