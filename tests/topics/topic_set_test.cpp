#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "topics/topic_set.hpp"
#include "topics/topic_set_json.hpp"
#include "topics/topic_templates.hpp"

namespace reinforge::topics {
namespace {

TopicSet three_topics() {
  TopicSet set;
  create_topic(set, {"Billing", "Invoices and charges", {"invoice"}, {}});
  create_topic(set, {"Refunds", "Money back", {"refund"}, 0.2});
  create_topic(set, {"Shipping", "Where is my parcel", {"delivery"}, {}});
  return set;
}

TEST(TopicSet, EditsKeepIdsStableAndSayWhatHappensToRecords) {
  auto set = three_topics();
  auto ids = all_topic_ids(set);
  ASSERT_EQ(ids.size(), 3u);
  rename_topic(set, ids[0], "Payments");
  EXPECT_EQ(find_topic(set, ids[0])->name, "Payments");
  EXPECT_THROW(rename_topic(set, ids[0], "Refunds"), TopicSetError);  // sibling names are unique

  auto kept = merge_topics(set, {ids[0], ids[1]}, "Money");
  EXPECT_EQ(kept, ids[0]);
  EXPECT_EQ(find_topic(set, ids[1]), nullptr);
  const auto* merged = find_topic(set, kept);
  EXPECT_EQ(merged->name, "Money");
  EXPECT_NE(std::find(merged->keywords.begin(), merged->keywords.end(), "refund"), merged->keywords.end());

  auto parts = split_topic(set, ids[2], {{"Late parcels", "", {}, {}}, {"Lost parcels", "", {}, {}}});
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(leaf_topics(set).size(), 3u);  // Money + the two parts

  auto gone = delete_topic(set, ids[2]);
  EXPECT_EQ(gone.size(), 3u);  // the topic and both sub-topics lose their records
  EXPECT_EQ(leaf_topics(set).size(), 1u);
  EXPECT_THROW(delete_topic(set, "nope"), TopicSetError);
  EXPECT_THROW(set_target_share(set, kept, 1.5), TopicSetError);
}

TEST(TopicSetJson, RoundTripsAndAssignsMissingIds) {
  auto set = three_topics();
  auto again = topic_set_from_json(topic_set_to_json(set));
  EXPECT_EQ(topic_set_to_json(again), topic_set_to_json(set));

  auto imported = parse_topic_set(R"({"topics": [{"name": "A"}, {"name": "B", "children": [{"name": "B1"}]}]})");
  auto ids = all_topic_ids(imported);
  EXPECT_EQ(ids.size(), 3u);
  for (const auto& id : ids) EXPECT_FALSE(id.empty());
}

TEST(TopicSetJson, ErrorsNameThePlace) {
  auto error_of = [](const std::string& text) {
    try {
      parse_topic_set(text);
    } catch (const TopicSetError& error) {
      return std::string(error.what());
    }
    return std::string("no error");
  };
  EXPECT_NE(error_of(R"({"topics": [{"name": "A"}, {"name": ""}]})").find("topics[1].name"), std::string::npos);
  EXPECT_NE(error_of(R"({"topics": [{"name": "A", "children": [{"name": "x", "target_share": -1}]}]})")
                .find("topics[0].children[0].target_share"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"topics": [{"name": "A"}, {"name": "A"}]})").find("used by another topic"), std::string::npos);
  EXPECT_NE(error_of(R"({"topics": [{"id": "x", "name": "A"}, {"id": "x", "name": "B"}]})").find("topics[1].id"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"topics": [{"name": "A", "colour": "red"}]})").find("unknown field"), std::string::npos);
  EXPECT_NE(error_of("[1, 2]").find("document"), std::string::npos);
  EXPECT_THROW(parse_topic_set("{not json"), TopicSetError);
  EXPECT_EQ(assignments_on_import_from_string("keep"), AssignmentsOnImport::keep);
  EXPECT_EQ(assignments_on_import_from_string("clear"), AssignmentsOnImport::clear);
  EXPECT_FALSE(assignments_on_import_from_string("maybe"));
}

TEST(TopicTemplates, SixShippedTemplatesWithDescribedTopics) {
  for (const char* id : {"customer_support", "coding_assistant", "tutoring", "ecommerce", "data_sql_assistant",
                         "agent_tool_use"}) {
    const auto* entry = find_topic_template(id);
    ASSERT_NE(entry, nullptr) << id;
    EXPECT_GE(leaf_topics(entry->topics).size(), 4u) << id;
    for (const auto* topic : leaf_topics(entry->topics)) {
      EXPECT_FALSE(topic->description.empty()) << id << " " << topic->name;
      EXPECT_FALSE(topic->keywords.empty()) << id << " " << topic->name;
    }
    // A template is valid input to an import, so the user can export, edit and import it back.
    EXPECT_NO_THROW(topic_set_from_json(topic_set_to_json(entry->topics)));
  }
  EXPECT_EQ(find_topic_template("nope"), nullptr);
}

}  // namespace
}  // namespace reinforge::topics
