// Keyword names of clusters: distinctive words first, and never the same name twice among
// siblings (a topic set refuses duplicates, so a repeat once made a whole dataset unreadable).
#include "topics/topic_labels.hpp"

#include <gtest/gtest.h>

#include <set>

using namespace reinforge::topics;

TEST(ClusterKeywords, names_a_cluster_by_its_most_distinctive_words) {
  std::vector<std::string> texts = {"refund my order please", "refund the order now",
                                    "weather forecast rain", "rain forecast tomorrow"};
  std::vector<const std::string*> pointers;
  for (const auto& text : texts) pointers.push_back(&text);
  auto named = cluster_keywords(pointers, {0, 0, 1, 1}, 2);
  ASSERT_EQ(named.size(), 2u);
  EXPECT_NE(named[0].name.find("refund"), std::string::npos) << named[0].name;
  EXPECT_NE(named[1].name.find("forecast"), std::string::npos) << named[1].name;
}

TEST(ClusterKeywords, clusters_with_the_same_top_words_get_different_names) {
  std::vector<std::string> texts;
  std::vector<int> labels;
  for (int cluster = 0; cluster < 4; ++cluster) {
    for (int i = 0; i < 5; ++i) {
      texts.push_back("rain sunny forecast");  // identical words in every cluster
      labels.push_back(cluster);
    }
  }
  std::vector<const std::string*> pointers;
  for (const auto& text : texts) pointers.push_back(&text);
  auto named = cluster_keywords(pointers, labels, 4);
  std::set<std::string> names;
  for (const auto& cluster : named) names.insert(cluster.name);
  EXPECT_EQ(names.size(), 4u);
  EXPECT_EQ(named[0].name.find("(2)"), std::string::npos) << named[0].name;
  EXPECT_NE(named[1].name.find("(2)"), std::string::npos) << named[1].name;
}
