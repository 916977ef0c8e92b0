#include "records/jsonl_exporter.hpp"

#include <gtest/gtest.h>

#include "store/store_backends.hpp"
#include "support/temp_dir.hpp"

namespace reinforge::records {
namespace {

// Records of a topic come out with its sub-topics'; the uncategorized are the valid records
// without one.
TEST(JsonlExport, writes_all_the_valid_or_one_topics_records) {
  testing::TempDir temp;
  auto store = store::open_sqlite_store(temp / "data");
  int64_t dataset_id = store->create_dataset("d", "").id;
  std::vector<store::NewRecord> records = {
      testing::test_record("in t1"), testing::test_record("in t1.2"),
      testing::test_record("in t10"), testing::test_record("no topic"),
      testing::test_record("invalid", false)};
  store->insert_records(dataset_id, records);
  std::vector<int64_t> ids;
  store->for_each_record(dataset_id, false, [&](const store::Record& record) {
    ids.push_back(record.id);
    return true;
  });
  ASSERT_EQ(ids.size(), 5u);
  std::vector<store::TopicAssignment> assignments = {
      {ids[0], "t1", 0.9}, {ids[1], "t1.2", 0.9}, {ids[2], "t10", 0.9}};
  store->assign_topics(dataset_id, assignments, false);
  auto exported = [&](const ExportFilter& filter) {
    std::string out;
    export_jsonl(*store, dataset_id, filter, [&](std::string_view chunk) {
      out += chunk;
      return true;
    });
    return out;
  };
  EXPECT_EQ(exported({}), "in t1\nin t1.2\nin t10\nno topic\ninvalid\n");
  EXPECT_EQ(exported({.valid_only = true, .topic = std::nullopt}),
            "in t1\nin t1.2\nin t10\nno topic\n");
  EXPECT_EQ(exported({.valid_only = false, .topic = "t1"}), "in t1\nin t1.2\n");  // not t10
  EXPECT_EQ(exported({.valid_only = false, .topic = "t1.2"}), "in t1.2\n");
  EXPECT_EQ(exported({.valid_only = false, .topic = std::string(kUncategorized)}), "no topic\n");
}

}  // namespace
}  // namespace reinforge::records
