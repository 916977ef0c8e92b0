#include <set>

#include "api/api_test_fixture.hpp"

namespace reinforge::testing {
namespace {

const std::string kValidA = R"({"messages":[{"role":"user","content":"What is 2+2?"},{"role":"assistant","content":"4"}]})";
const std::string kValidB = R"({"messages":[{"role":"system","content":"Be brief"},{"role":"user","content":"Capital of France?"},{"role":"assistant","content":"Paris"}]})";
const std::string kNoUser = R"({"messages":[{"role":"assistant","content":"Hello"}]})";
const std::string kNotJson = R"({"messages": [ this is not json)";
const std::string kUnicode = R"({"messages":[{"role":"user","content":"日本語で説明して 🎉"}]})";

std::string mixed_file() {
  // Line 4 is blank and is skipped; line 3 is not JSON but is kept as an invalid record.
  return kValidA + "\n" + kNoUser + "\n" + kNotJson + "\n\n" + kValidB + "\r\n" + kUnicode;
}

TEST_F(ApiTest, rejects_requests_without_the_admin_token) {
  HttpClient anonymous(server->base_url());
  auto result = anonymous.get("/api/datasets");
  EXPECT_EQ(result.status, 401);
  EXPECT_EQ(json_of(result)["error"]["code"], "unauthorized");
  HttpClient wrong(server->base_url(), "wrong-token");
  EXPECT_EQ(wrong.get("/api/datasets").status, 401);
  EXPECT_EQ(client->get("/api/session").status, 200);
}

TEST_F(ApiTest, upload_keeps_every_line_and_reports_health) {
  int64_t id = create_dataset("mixed");
  auto file = write_file(temp / "mixed.jsonl", mixed_file());
  auto accepted = client->post_file("/api/datasets/" + std::to_string(id) + "/import?mode=append&filename=mixed.jsonl", file.string());
  ASSERT_EQ(accepted.status, 202) << accepted.body;
  auto job = wait_for_job(json_of(accepted)["id"]);
  ASSERT_EQ(job["state"], "succeeded") << job.dump();
  EXPECT_EQ(job["result"]["imported"], 5);
  EXPECT_EQ(job["result"]["blank_lines"], 1);

  auto dataset = json_of(client->get("/api/datasets/" + std::to_string(id)));
  EXPECT_EQ(dataset["record_count"], 5);
  EXPECT_EQ(dataset["valid_count"], 3);
  EXPECT_EQ(dataset["invalid_count"], 2);
  EXPECT_EQ(dataset["health"]["errors"]["no_user_message"], 1);
  EXPECT_EQ(dataset["health"]["errors"]["invalid_json"], 1);
  EXPECT_DOUBLE_EQ(dataset["health"]["invalid_percent"].get<double>(), 40.0);
  EXPECT_EQ(dataset["steps"][0]["step"], "extract");
  EXPECT_EQ(dataset["steps"][0]["status"], "complete");
  EXPECT_EQ(dataset["steps"][1]["status"], "waiting");

  auto invalid = json_of(client->get("/api/datasets/" + std::to_string(id) + "/records?validity=invalid"));
  ASSERT_EQ(invalid["total"], 2);
  EXPECT_EQ(invalid["items"][0]["line"], 2);
  EXPECT_EQ(invalid["items"][0]["issues"][0]["code"], "no_user_message");
  EXPECT_EQ(invalid["items"][1]["line"], 3);

  auto by_issue = json_of(client->get("/api/datasets/" + std::to_string(id) + "/records?issue=invalid_json"));
  ASSERT_EQ(by_issue["total"], 1);
  auto raw = json_of(client->get("/api/datasets/" + std::to_string(id) + "/records/" +
                                 std::to_string(by_issue["items"][0]["id"].get<int64_t>())));
  EXPECT_EQ(raw["text"], kNotJson);  // the raw text of a non-JSON line is kept

  auto search = json_of(client->get("/api/datasets/" + std::to_string(id) + "/records?q=France"));
  ASSERT_EQ(search["total"], 1);
  EXPECT_EQ(search["items"][0]["preview"], "Capital of France?");
}

TEST_F(ApiTest, export_gives_back_the_imported_bytes) {
  int64_t id = create_dataset("roundtrip");
  auto file = write_file(temp / "in.jsonl", mixed_file());
  auto accepted = client->post_file("/api/datasets/" + std::to_string(id) + "/import", file.string());
  ASSERT_EQ(wait_for_job(json_of(accepted)["id"])["state"], "succeeded");

  auto exported = client->get("/api/datasets/" + std::to_string(id) + "/export");
  ASSERT_EQ(exported.status, 200);
  EXPECT_NE(exported.headers["content-disposition"].find("roundtrip.jsonl"), std::string::npos);
  // Blank lines are skipped; every other line comes back byte for byte (CRLF included).
  EXPECT_EQ(exported.body, kValidA + "\n" + kNoUser + "\n" + kNotJson + "\n" + kValidB + "\r\n" + kUnicode + "\n");

  auto valid_only = client->get("/api/datasets/" + std::to_string(id) + "/export?valid_only=true");
  EXPECT_EQ(valid_only.body, kValidA + "\n" + kValidB + "\r\n" + kUnicode + "\n");

  // By topic: before any categorization every valid record is uncategorized, and a topic the
  // dataset does not have is refused rather than exported empty.
  auto uncategorized =
      client->get("/api/datasets/" + std::to_string(id) + "/export?topic=uncategorized");
  EXPECT_EQ(uncategorized.body, valid_only.body);
  EXPECT_NE(uncategorized.headers["content-disposition"].find("roundtrip-uncategorized.jsonl"),
            std::string::npos);
  auto unknown = client->get("/api/datasets/" + std::to_string(id) + "/export?topic=t99");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_NE(unknown.body.find("t99 is not one of this dataset's topics"), std::string::npos);
}

TEST_F(ApiTest, editing_a_record_revalidates_it_and_updates_health) {
  int64_t id = create_dataset("edit");
  auto file = write_file(temp / "in.jsonl", kValidA + "\n" + kNoUser + "\n");
  ASSERT_EQ(wait_for_job(json_of(client->post_file("/api/datasets/" + std::to_string(id) + "/import", file.string()))["id"])["state"], "succeeded");
  auto invalid = json_of(client->get("/api/datasets/" + std::to_string(id) + "/records?validity=invalid"));
  ASSERT_EQ(invalid["total"], 1);
  std::string record_path = "/api/datasets/" + std::to_string(id) + "/records/" + std::to_string(invalid["items"][0]["id"].get<int64_t>());

  auto preview = json_of(client->post("/api/datasets/" + std::to_string(id) + "/validate", kValidB));
  EXPECT_TRUE(preview["valid"].get<bool>());
  EXPECT_GT(preview["token_count"].get<int>(), 0);

  auto edited = client->put(record_path, "{\n  \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]\n}");
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_TRUE(json_of(edited)["valid"].get<bool>());
  EXPECT_EQ(json_of(edited)["origin"], "edited");
  EXPECT_EQ(json_of(edited)["text"], R"({"messages":[{"content":"Hi","role":"user"}]})");

  auto health = json_of(client->get("/api/datasets/" + std::to_string(id) + "/health"));
  EXPECT_EQ(health["valid"], 2);
  EXPECT_EQ(health["invalid"], 0);

  auto multiline_garbage = client->put(record_path, "{\n  not json");
  EXPECT_EQ(multiline_garbage.status, 400);
  EXPECT_EQ(client->del(record_path).status, 204);
  EXPECT_EQ(client->get(record_path).status, 404);
  EXPECT_EQ(json_of(client->get("/api/datasets/" + std::to_string(id) + "/health"))["total"], 1);
}

TEST_F(ApiTest, dataset_lifecycle_with_clear_errors) {
  int64_t id = create_dataset("first");
  auto clash = client->post("/api/datasets", R"({"name":"first"})");
  EXPECT_EQ(clash.status, 409);
  EXPECT_NE(json_of(clash)["error"]["message"].get<std::string>().find("first"), std::string::npos);
  EXPECT_EQ(client->post("/api/datasets", R"({"name":""})").status, 400);
  EXPECT_EQ(client->post("/api/datasets", "not json").status, 400);

  auto renamed = client->patch("/api/datasets/" + std::to_string(id), R"({"name":"renamed","settings":{"max_tokens":100}})");
  ASSERT_EQ(renamed.status, 200) << renamed.body;
  EXPECT_EQ(json_of(renamed)["name"], "renamed");
  EXPECT_EQ(json_of(renamed)["settings"]["max_tokens"], 100);
  EXPECT_EQ(json_of(renamed)["settings"]["encoding"], "o200k_base");
  EXPECT_EQ(client->patch("/api/datasets/" + std::to_string(id), R"({"settings":{"encoding":"gpt2"}})").status, 400);

  auto file = write_file(temp / "in.jsonl", kValidA + "\n" + kValidB + "\n");
  ASSERT_EQ(wait_for_job(json_of(client->post_file("/api/datasets/" + std::to_string(id) + "/import", file.string()))["id"])["state"], "succeeded");
  auto copy = client->post("/api/datasets/" + std::to_string(id) + "/duplicate", "{}");
  ASSERT_EQ(copy.status, 201) << copy.body;
  EXPECT_EQ(json_of(copy)["name"], "renamed (copy)");
  EXPECT_EQ(json_of(copy)["record_count"], 2);

  auto list = json_of(client->get("/api/datasets"));
  EXPECT_EQ(list["total"], 2);
  EXPECT_EQ(client->del("/api/datasets/" + std::to_string(id)).status, 204);
  EXPECT_EQ(client->get("/api/datasets/" + std::to_string(id)).status, 404);
  EXPECT_EQ(json_of(client->get("/api/datasets"))["total"], 1);
  EXPECT_EQ(client->get("/api/datasets/abc").status, 404);
  EXPECT_EQ(client->get("/api/nothing-here").status, 404);
}

TEST_F(ApiTest, replace_mode_swaps_the_records) {
  int64_t id = create_dataset("replace");
  auto first = write_file(temp / "a.jsonl", kValidA + "\n" + kValidB + "\n");
  auto second = write_file(temp / "b.jsonl", kUnicode + "\n");
  std::string import_path = "/api/datasets/" + std::to_string(id) + "/import";
  ASSERT_EQ(wait_for_job(json_of(client->post_file(import_path, first.string()))["id"])["state"], "succeeded");
  ASSERT_EQ(wait_for_job(json_of(client->post_file(import_path + "?mode=replace", second.string()))["id"])["state"], "succeeded");
  EXPECT_EQ(client->get("/api/datasets/" + std::to_string(id) + "/export").body, kUnicode + "\n");
  EXPECT_EQ(client->post_file(import_path + "?mode=merge", second.string()).status, 400);
}

TEST_F(ApiTest, duplicate_records_are_flagged_but_stay_valid) {
  int64_t id = create_dataset("dups");
  auto file = write_file(temp / "d.jsonl", kValidA + "\n" + kValidA + "\n");
  auto job = wait_for_job(json_of(client->post_file("/api/datasets/" + std::to_string(id) + "/import", file.string()))["id"]);
  EXPECT_EQ(job["result"]["duplicates"], 1);
  auto health = json_of(client->get("/api/datasets/" + std::to_string(id) + "/health"));
  EXPECT_EQ(health["valid"], 2);
  EXPECT_EQ(health["warnings"]["duplicate_record"], 1);
}

}  // namespace
}  // namespace reinforge::testing
