// Fingerprints for the near-duplicate gate: a light rewording scores high, another question of
// the same topic low.
#include "generation/duplicate_fingerprint.hpp"

#include <gtest/gtest.h>

namespace reinforge::generation {
namespace {

TEST(DuplicateFingerprint, scores_a_light_rewording_high_and_another_question_of_the_topic_low) {
  std::vector<std::string> dataset = {
      "How do I reset my password for the billing portal?",
      "Why was I charged twice on my last invoice?",
      "Can I get a refund for an annual subscription?",
      "What is the weather tomorrow in Paris?",
      "Will it rain in Berlin this weekend?",
      "My python function raises a KeyError on a missing dictionary key",
  };
  DuplicateFingerprint fingerprint;
  fingerprint.fit(dataset);
  std::vector<std::string> texts = {dataset[1],
                                    "WHY WAS I CHARGED TWICE ON MY LAST INVOICE??",
                                    "why was i charged twice on my last invoice, please",
                                    "Why did my card get a double charge this month?",
                                    "Can I get a refund for an annual subscription?",
                                    ""};
  auto rows = fingerprint.embed(texts);
  auto cosine = [&](int a, int b) { return rows.row(a).dot(rows.row(b)); };
  EXPECT_GT(cosine(0, 1), 0.99f);  // case and punctuation
  EXPECT_GT(cosine(0, 2), 0.88f);  // one rare word (and its pair) added: 0.915
  EXPECT_LT(cosine(0, 3), 0.6f);   // the same complaint in other words is a new record
  EXPECT_LT(cosine(0, 4), 0.3f);   // another question of the topic
  EXPECT_EQ(rows.row(5).squaredNorm(), 0.0f);
}

}  // namespace
}  // namespace reinforge::generation
