#include "steps/export_filter.hpp"

#include <gtest/gtest.h>

#include "store/store_backends.hpp"
#include "support/temp_dir.hpp"

namespace reinforge::steps {
namespace {

// Records of a topic come out with its sub-topics', whatever their ids (an uploaded hierarchy
// names its own); the uncategorized are the valid records without one.
TEST(JsonlExport, writes_all_the_valid_or_one_topics_records) {
  testing::TempDir temp;
  auto store = store::open_sqlite_store(temp / "data");
  int64_t dataset_id = store->create_dataset("d", "").id;
  store->put_topics(dataset_id,
                    {R"({"topics": [{"id": "t1", "name": "One", "children": [
                         {"id": "t1.2", "name": "One two"}, {"id": "refunds", "name": "Refunds"}]},
                       {"id": "t10", "name": "Ten"}]})",
                     "import"},
                    false);
  std::vector<store::NewRecord> records = {
      testing::test_record("in t1.2"), testing::test_record("in refunds"),
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
      {ids[0], "t1.2", 0.9}, {ids[1], "refunds", 0.9}, {ids[2], "t10", 0.9}};
  store->assign_topics(dataset_id, assignments, false);
  auto exported = [&](bool valid_only, const std::optional<std::string>& topic) {
    std::string out;
    records::export_jsonl(*store, dataset_id, export_filter(*store, dataset_id, valid_only, topic),
                          [&](std::string_view chunk) {
                            out += chunk;
                            return true;
                          });
    return out;
  };
  EXPECT_EQ(exported(false, std::nullopt), "in t1.2\nin refunds\nin t10\nno topic\ninvalid\n");
  EXPECT_EQ(exported(true, std::nullopt), "in t1.2\nin refunds\nin t10\nno topic\n");
  EXPECT_EQ(exported(false, "t1"), "in t1.2\nin refunds\n");  // not t10
  EXPECT_EQ(exported(false, "t1.2"), "in t1.2\n");
  EXPECT_EQ(exported(false, std::string(kUncategorized)), "no topic\n");
  EXPECT_THROW(export_filter(*store, dataset_id, false, "t99"), std::invalid_argument);
}

}  // namespace
}  // namespace reinforge::steps
