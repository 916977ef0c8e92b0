#include "store/transfer/transfer_stores.hpp"

#include <gtest/gtest.h>

namespace reinforge::store::transfer {
namespace {

TEST(TransferStoresTest, tells_postgresql_from_a_data_directory) {
  EXPECT_TRUE(parse_store_location("postgresql://rf@db/reinforge").is_postgresql());
  EXPECT_TRUE(parse_store_location("postgres://db/reinforge").is_postgresql());
  EXPECT_TRUE(parse_store_location("host=/run/postgresql dbname=rf").is_postgresql());
  EXPECT_TRUE(parse_store_location(" dbname = rf").is_postgresql());
  auto dir = parse_store_location("data");
  EXPECT_FALSE(dir.is_postgresql());
  EXPECT_EQ(dir.data_dir, "data");
  EXPECT_EQ(dir.describe(), "data/reinforge.db (SQLite)");
  EXPECT_FALSE(parse_store_location("./a=b").is_postgresql());
  EXPECT_THROW(parse_store_location(""), std::invalid_argument);
}

TEST(TransferStoresTest, never_shows_a_password) {
  EXPECT_EQ(without_password("postgresql://rf:s3cret@db:5432/reinforge?sslmode=require"),
            "postgresql://rf:***@db:5432/reinforge?sslmode=require");
  EXPECT_EQ(without_password("postgresql://rf@db/reinforge"), "postgresql://rf@db/reinforge");
  EXPECT_EQ(without_password("postgresql://db:5432/reinforge"), "postgresql://db:5432/reinforge");
  EXPECT_EQ(without_password("host=db password=s3cret dbname=rf"),
            "host=db password=*** dbname=rf");
  EXPECT_EQ(without_password("host=db password = 'a b\\' c' dbname=rf"),
            "host=db password = *** dbname=rf");
  EXPECT_EQ(parse_store_location("postgresql://rf:pw@db/x").describe(), "postgresql://rf:***@db/x");
}

TEST(TransferStoresTest, knows_one_store_named_twice) {
  EXPECT_TRUE(same_store(parse_store_location("data"), parse_store_location("./data/")));
  EXPECT_FALSE(same_store(parse_store_location("data"), parse_store_location("other")));
  EXPECT_TRUE(same_store(parse_store_location("dbname=a"), parse_store_location("dbname=a")));
  EXPECT_FALSE(same_store(parse_store_location("dbname=a"), parse_store_location("data")));
}

}  // namespace
}  // namespace reinforge::store::transfer
