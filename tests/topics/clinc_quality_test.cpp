// Quality floors on real user requests (CLINC150 test split). The floors sit just under what
// the library reaches (docs/topics.md has the figures), so quality cannot silently drop.
#include <gtest/gtest.h>

#include <iostream>

#include "clinc150.hpp"
#include "topics/categorizer.hpp"
#include "topics/cluster_agreement.hpp"
#include "topics/confidence.hpp"
#include "topics/discovery.hpp"
#include "topics/offline_embedder.hpp"

namespace reinforge::topics {
namespace {

const testing::Clinc150& clinc() {
  static const auto data = testing::load_clinc150_test_split();
  return data;
}

struct Agreement {
  double nmi = 0, ari = 0;
  int topics = 0;
};

Agreement discover_against(const std::vector<int>& truth, std::optional<int> k) {
  OfflineEmbedder embedder;
  DiscoveryOptions options;
  options.topics = k;
  options.subtopics = false;  // scored against a flat labelling
  auto result = discover_topics(clinc().texts, embedder, options);
  std::vector<int> predicted = result.top_level_of_record;
  Agreement agreement{normalized_mutual_information(truth, predicted), adjusted_rand_index(truth, predicted),
                      static_cast<int>(result.topics.topics.size())};
  std::cout << "  topics " << agreement.topics << "  NMI " << agreement.nmi << "  ARI " << agreement.ari << "\n";
  return agreement;
}

TEST(ClincQuality, DiscoveryWith150TopicsMatchesThe150Intents) {
  auto agreement = discover_against(clinc().intent, 150);
  // Reached 0.838 (0.803 with the lexical vectors alone); k-means on GloVe 0.71, DCN 0.76.
  EXPECT_GE(agreement.nmi, 0.81);
  EXPECT_GE(agreement.ari, 0.50);  // reached 0.541
}

TEST(ClincQuality, DiscoveryWith10TopicsMatchesThe10Domains) {
  auto agreement = discover_against(clinc().domain, 10);
  // Domains group unrelated intents ("home" holds music and shopping lists), so they separate
  // far less well than intents: reached NMI 0.483, ARI 0.359 (the lexical vectors alone 0.321,
  // 0.216: the word vectors bring "song" and "playlist" near each other).
  EXPECT_GE(agreement.nmi, 0.45);
  EXPECT_GE(agreement.ari, 0.32);
}

TEST(ClincQuality, AutomaticTopicCountAgainstTheDomains) {
  auto agreement = discover_against(clinc().domain, std::nullopt);
  EXPECT_GE(agreement.topics, 3);
  EXPECT_LE(agreement.topics, 30);
  EXPECT_GE(agreement.nmi, 0.49);  // reached 0.518 with 30 topics (lexical alone 0.394)
  EXPECT_GE(agreement.ari, 0.26);  // reached 0.292
}

// The 10 domains given only a name and one sentence each; no labelled example.
TopicSet domain_topics() {
  const std::map<std::string, std::pair<std::string, std::string>> written = {
      {"banking", {"Banking", "Bank accounts: balance, transfers, paying bills, transactions, routing number, PIN, fraud."}},
      {"credit_cards", {"Credit cards", "Credit card limits, rewards, APR, credit score, lost or declined cards, applications."}},
      {"kitchen_and_dining", {"Kitchen and dining", "Recipes, ingredients, calories, cooking, restaurants and reservations."}},
      {"home", {"Home", "Music and playlists, reminders, calendar, to-do and shopping lists, orders, smart home devices."}},
      {"auto_and_commute", {"Auto and commute", "Car maintenance, oil, tires, gas, traffic, directions, rides and distance."}},
      {"travel", {"Travel", "Flights, hotels, visas, luggage, exchange rates, car rental and travel plans abroad."}},
      {"utility", {"Utility", "Weather, time and date, alarms, timers, calls and texts, calculations, definitions, spelling."}},
      {"work", {"Work", "Paid time off, payday, taxes, income, insurance, 401k, W2, meetings and holidays."}},
      {"small_talk", {"Small talk", "Chatting with the assistant: greetings, thanks, jokes, its name, age, hobbies and who made it."}},
      {"meta", {"Assistant settings", "Changing the assistant's voice, speed, volume, language, accent or name; yes, no, cancel, repeat."}},
  };
  TopicSet set;
  for (const auto& domain : clinc().domain_names) {
    const auto& [name, description] = written.at(domain);
    std::string id = "d";
    id += std::to_string(set.topics.size());  // not "d" + ...: g++ 12 -O3 false -Wrestrict (GCC 105329)
    set.topics.push_back(Topic{id, name, description, {}, {}, {}, {}});
  }
  return set;
}

TEST(ClincQuality, CategorizesIntoTheDomainsFromTheirNamesAndDescriptions) {
  auto topics = domain_topics();
  OfflineEmbedder embedder;
  auto result = categorize_records(clinc().texts, topics, embedder, CategorizeOptions{});

  std::size_t right = 0;
  std::map<ConfidenceBand, std::pair<std::size_t, std::size_t>> by_band;  // right, total
  for (std::size_t i = 0; i < clinc().texts.size(); ++i) {
    const auto& assignment = result.assignments[i];
    bool correct = assignment.leaf == clinc().domain[i];
    right += correct;
    auto& [band_right, band_total] = by_band[confidence_band(assignment.confidence)];
    band_right += correct;
    ++band_total;
  }
  double accuracy = double(right) / clinc().texts.size();
  std::cout << "  accuracy " << accuracy << "\n";
  for (const auto& [band, counts] : by_band)
    std::cout << "  " << to_string(band) << ": " << counts.second << " records, "
              << double(counts.first) / std::max<std::size_t>(1, counts.second) << " right\n";
  EXPECT_GE(accuracy, 0.63);  // reached 0.657 (chance: about 0.10)
  // The calibration promise of docs/topics.md: "high" is right at least 85% of the time.
  const auto& [high_right, high_total] = by_band[ConfidenceBand::high];
  ASSERT_GT(high_total, 500u);
  EXPECT_GE(double(high_right) / high_total, 0.85);  // reached 0.912
  const auto& [low_right, low_total] = by_band[ConfidenceBand::low];
  EXPECT_LT(double(low_right) / std::max<std::size_t>(1, low_total), double(high_right) / high_total);
}

}  // namespace
}  // namespace reinforge::topics
