#include "store/transfer/row_checksum.hpp"

#include <gtest/gtest.h>

namespace reinforge::store::transfer {
namespace {

const std::vector<ColumnPlan> kColumns = {{"id", ColumnKind::integer},
                                          {"text", ColumnKind::text},
                                          {"score", ColumnKind::real},
                                          {"valid", ColumnKind::boolean}};

std::string checksum_of(const std::vector<Row>& rows,
                        const std::vector<ColumnPlan>& columns = kColumns) {
  TableChecksum checksum;
  for (const auto& row : rows) checksum.add(row, columns);
  return checksum.hex();
}

std::string canonical(const Value& value, ColumnKind kind) {
  std::string out;
  append_canonical_value(out, value, kind);
  return out;
}

TEST(RowChecksumTest, does_not_depend_on_the_order_rows_are_read_in) {
  Row a = {int64_t{1}, std::string("b"), 0.5, int64_t{1}};
  Row b = {int64_t{2}, std::string("a"), nullptr, int64_t{0}};
  Row c = {int64_t{3}, std::string("Ä"), 1e300, int64_t{1}};
  EXPECT_EQ(checksum_of({a, b, c}), checksum_of({c, a, b}));
  EXPECT_EQ(checksum_of({}).size(), 64u);
  EXPECT_EQ(checksum_of({}), std::string(64, '0'));
}

TEST(RowChecksumTest, changes_with_any_value_a_missing_row_or_an_extra_one) {
  Row a = {int64_t{1}, std::string("b"), 0.5, int64_t{1}};
  Row b = {int64_t{2}, std::string("a"), nullptr, int64_t{0}};
  auto base = checksum_of({a, b});
  for (std::size_t column = 0; column < a.size(); ++column) {
    Row changed = a;
    changed[column] = column == 1   ? Value(std::string("c"))
                      : column == 2 ? Value(0.25)
                                    : Value(int64_t{7});
    EXPECT_NE(checksum_of({changed, b}), base) << column;
  }
  EXPECT_NE(checksum_of({a}), base);
  EXPECT_NE(checksum_of({a, b, b}), base);
  // Two rows swapping a value between them is a change too.
  EXPECT_NE(checksum_of({{int64_t{1}, std::string("a"), 0.5, int64_t{1}},
                         {int64_t{2}, std::string("b"), nullptr, int64_t{0}}}),
            base);
}

TEST(RowChecksumTest, tells_null_from_empty_text_and_zero) {
  EXPECT_NE(canonical(nullptr, ColumnKind::text), canonical(std::string(), ColumnKind::text));
  EXPECT_NE(canonical(nullptr, ColumnKind::integer), canonical(int64_t{0}, ColumnKind::integer));
  EXPECT_NE(canonical(std::string("1"), ColumnKind::text),
            canonical(int64_t{1}, ColumnKind::integer));
  // Values run into each other only through their lengths: "ab","c" is not "a","bc".
  Row left = {std::string("ab"), std::string("c")};
  Row right = {std::string("a"), std::string("bc")};
  std::vector<ColumnPlan> texts = {{"x", ColumnKind::text}, {"y", ColumnKind::text}};
  EXPECT_NE(checksum_of({left}, texts), checksum_of({right}, texts));
}

TEST(RowChecksumTest, renders_doubles_exactly) {
  EXPECT_EQ(canonical(0.1, ColumnKind::real), "R0.1;");
  EXPECT_NE(canonical(0.1, ColumnKind::real), canonical(0.1 + 1e-17 * 2, ColumnKind::real));
  EXPECT_EQ(canonical(1e300, ColumnKind::real), "R1e+300;");
}

TEST(RowChecksumTest, compares_text_as_postgresql_holds_it) {
  std::string broken("ok\xFF\0", 4);
  EXPECT_EQ(canonical(broken, ColumnKind::text),
            canonical(std::string("ok\xEF\xBF\xBD\xEF\xBF\xBD"), ColumnKind::text));
  // Between two SQLite stores the bytes themselves are compared.
  EXPECT_NE(canonical(broken, ColumnKind::as_stored),
            canonical(std::string("ok\xEF\xBF\xBD\xEF\xBF\xBD"), ColumnKind::as_stored));
  EXPECT_EQ(canonical(std::string("Grüße 🌍"), ColumnKind::text), "T:12;Grüße 🌍");
}

TEST(RowChecksumTest, renders_a_latency_histogram_by_its_buckets) {
  LatencyHistogram a, b;
  a.add(10.0, 2);
  a.add(300.0);
  b.add(300.0);
  b.add(10.0, 2);
  EXPECT_EQ(canonical(a, ColumnKind::latency_histogram),
            canonical(b, ColumnKind::latency_histogram));
  b.add(300.0);
  EXPECT_NE(canonical(a, ColumnKind::latency_histogram),
            canonical(b, ColumnKind::latency_histogram));
  EXPECT_NE(canonical(Blob{"ab"}, ColumnKind::as_stored),
            canonical(std::string("ab"), ColumnKind::as_stored));
}

}  // namespace
}  // namespace reinforge::store::transfer
