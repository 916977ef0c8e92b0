// GET /api/datasets/:id/records: keyset pages with ?cursor and next_cursor, and what a bad
// cursor gets.
#include <set>
#include <string>

#include "api/api_test_fixture.hpp"

namespace reinforge::testing {
namespace {

// A chat record whose user message is "message N", with "refund" in every third.
std::string chat(int n) {
  return R"({"messages":[{"role":"user","content":"message )" + std::to_string(n) +
         (n % 3 == 0 ? " refund" : "") + R"("},{"role":"assistant","content":"ok"}]})";
}

class RecordsApiTest : public ApiTest {
 protected:
  // Appends the chats numbered [from, from + count) through an import job.
  void append(int64_t id, int from, int count) {
    std::string lines;
    for (int n = from; n < from + count; ++n) lines += chat(n) + "\n";
    auto file = write_file(temp / ("chats-" + std::to_string(from) + ".jsonl"), lines);
    auto accepted = client->post_file(path(id, "/import?mode=append"), file.string());
    ASSERT_EQ(accepted.status, 202) << accepted.body;
    ASSERT_EQ(wait_for_job(json_of(accepted)["id"])["state"], "succeeded");
  }

  std::string error_code(const std::string& url) {
    auto result = client->get(url);
    EXPECT_EQ(result.status, 400) << url << ": " << result.body;
    return json_of(result)["error"]["code"].get<std::string>();
  }
};

TEST_F(RecordsApiTest, cursor_pages_cover_every_record_once_while_records_are_imported) {
  int64_t id = create_dataset("paged");
  append(id, 0, 25);
  std::vector<std::string> seen;
  std::string query = "/records?limit=10";
  int next = 100;
  for (int pages = 0; pages < 20; ++pages) {
    auto page = json_of(client->get(path(id, query)));
    EXPECT_TRUE(page["total_exact"].get<bool>());
    for (const auto& item : page["items"]) seen.push_back(item["preview"]);
    if (page["next_cursor"].is_null()) break;
    query = "/records?limit=10&cursor=" + page["next_cursor"].get<std::string>();
    if (next < 103) append(id, next++, 1);  // a record arrives after the cursor
  }
  std::vector<std::string> expected;
  for (int n = 0; n < 25; ++n)
    expected.push_back("message " + std::to_string(n) + (n % 3 == 0 ? " refund" : ""));
  for (int n = 100; n < next; ++n) expected.push_back("message " + std::to_string(n));
  EXPECT_EQ(next, 102);       // two arrived while paging
  EXPECT_EQ(seen, expected);  // import order, no record twice, none left out
}

TEST_F(RecordsApiTest, search_pages_newest_match_first) {
  int64_t id = create_dataset("search");
  append(id, 0, 20);
  auto first = json_of(client->get(path(id, "/records?q=refund&limit=4")));
  EXPECT_EQ(first["total"], 7);
  EXPECT_EQ(first["total_exact"], true);
  ASSERT_EQ(first["items"].size(), 4u);
  EXPECT_EQ(first["items"][0]["preview"], "message 18 refund");
  auto second = json_of(client->get(
      path(id, "/records?q=refund&limit=4&cursor=" + first["next_cursor"].get<std::string>())));
  ASSERT_EQ(second["items"].size(), 3u);
  EXPECT_EQ(second["items"][0]["preview"], "message 6 refund");
  EXPECT_EQ(second["items"][2]["preview"], "message 0 refund");
  EXPECT_TRUE(second["next_cursor"].is_null());
  EXPECT_EQ(second["total"], 7);
}

TEST_F(RecordsApiTest, a_malformed_or_foreign_cursor_is_a_400_invalid_cursor) {
  int64_t id = create_dataset("cursors");
  int64_t other = create_dataset("other");
  append(id, 0, 6);
  append(other, 0, 6);
  auto cursor =
      json_of(client->get(path(id, "/records?limit=2")))["next_cursor"].get<std::string>();
  auto search_cursor =
      json_of(client->get(path(id, "/records?q=refund&limit=1")))["next_cursor"].get<std::string>();

  EXPECT_EQ(error_code(path(id, "/records?cursor=garbage")), "invalid_cursor");
  EXPECT_EQ(error_code(path(id, "/records?cursor=c1.zz.1")), "invalid_cursor");
  EXPECT_EQ(error_code(path(id, "/records?cursor=" + cursor + ".2")),
            "invalid_cursor");  // another key length
  EXPECT_EQ(error_code(path(id, "/records?validity=valid&cursor=" + cursor)), "invalid_cursor");
  EXPECT_EQ(error_code(path(id, "/records?cursor=" + search_cursor)), "invalid_cursor");
  EXPECT_EQ(error_code(path(id, "/records?q=other&cursor=" + search_cursor)), "invalid_cursor");
  EXPECT_EQ(error_code(path(other, "/records?cursor=" + cursor)),
            "invalid_cursor");  // another dataset
  auto second = json_of(client->get(path(id, "/records?limit=2&cursor=" + cursor)));
  auto with_offset = json_of(client->get(path(id, "/records?limit=2&offset=3&cursor=" + cursor)));
  EXPECT_EQ(with_offset["items"],
            second["items"]);  // a cursor page ignores offset, as /api/traces does
}

}  // namespace
}  // namespace reinforge::testing
