#include <gtest/gtest.h>

#include "records/jsonl_exporter.hpp"
#include "records/jsonl_importer.hpp"
#include "support/temp_dir.hpp"

namespace reinforge::records {
namespace {

std::string user_record(int i) {
  return R"({"messages":[{"role":"user","content":"question )" + std::to_string(i) + R"("}]})";
}

class ImporterTest : public ::testing::Test {
 protected:
  testing::TempDir temp;
  std::unique_ptr<store::Store> store = store::open_sqlite_store(temp / "data");
  int64_t dataset_id = store->create_dataset("d", "").id;

  std::string exported() {
    std::string out;
    export_jsonl(*store, dataset_id, {}, [&](std::string_view chunk) {
      out += chunk;
      return true;
    });
    return out;
  }
};

TEST_F(ImporterTest, imports_every_line_across_many_batches_in_order) {
  std::string content;
  for (int i = 0; i < 1000; ++i) content += user_record(i) + "\n";
  auto file = testing::write_file(temp / "f.jsonl", content);
  ImportOptions options;
  options.batch_lines = 64;  // many batches, each validated while the previous one commits
  options.threads = 2;
  auto counts = import_jsonl(*store, dataset_id, file, options);
  EXPECT_EQ(counts.imported, 1000);
  EXPECT_EQ(counts.valid, 1000);
  EXPECT_EQ(exported(), content);
}

TEST_F(ImporterTest, counts_blank_lines_and_keeps_non_json_lines) {
  auto file = testing::write_file(temp / "f.jsonl", user_record(1) + "\n\n   \nnot json\n" + user_record(2));
  auto counts = import_jsonl(*store, dataset_id, file, {});
  EXPECT_EQ(counts.imported, 3);
  EXPECT_EQ(counts.blank_lines, 2);
  EXPECT_EQ(counts.invalid, 1);
  store::RecordFilter invalid;
  invalid.valid = false;
  auto records = store->list_records(dataset_id, invalid).items;
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].line, 4);  // physical line numbers count blank lines
}

TEST_F(ImporterTest, an_empty_file_imports_nothing) {
  auto file = testing::write_file(temp / "f.jsonl", "");
  auto counts = import_jsonl(*store, dataset_id, file, {});
  EXPECT_EQ(counts.imported, 0);
}

TEST_F(ImporterTest, resuming_from_a_checkpoint_skips_committed_lines) {
  std::string first = user_record(1) + "\n" + user_record(2) + "\n";
  auto file = testing::write_file(temp / "f.jsonl", first + user_record(3) + "\n");
  ImportCheckpoint checkpoint;
  checkpoint.offset = static_cast<int64_t>(first.size());
  checkpoint.line = 2;
  checkpoint.counts.imported = 2;
  auto counts = import_jsonl(*store, dataset_id, file, {}, checkpoint);
  EXPECT_EQ(counts.imported, 3);
  EXPECT_EQ(exported(), user_record(3) + "\n");
}

TEST_F(ImporterTest, exact_duplicates_get_a_warning_and_stay_valid) {
  auto file = testing::write_file(temp / "f.jsonl", user_record(1) + "\n" + user_record(1) + "\n");
  auto counts = import_jsonl(*store, dataset_id, file, {});
  EXPECT_EQ(counts.duplicates, 1);
  EXPECT_EQ(counts.valid, 2);
  // A second import of the same file finds both as duplicates of what is stored.
  EXPECT_EQ(import_jsonl(*store, dataset_id, file, {}).duplicates, 2);
}

TEST_F(ImporterTest, a_file_saved_with_a_byte_order_mark_and_crlf_is_the_same_records) {
  auto plain =
      testing::write_file(temp / "plain.jsonl", user_record(1) + "\n" + user_record(2) + "\n");
  EXPECT_EQ(import_jsonl(*store, dataset_id, plain, {}).valid, 2);
  // The same two records from an editor that writes a BOM and CRLF: valid, and duplicates.
  auto windows = testing::write_file(
      temp / "windows.jsonl", "\xEF\xBB\xBF" + user_record(1) + "\r\n" + user_record(2) + "\r\n");
  auto counts = import_jsonl(*store, dataset_id, windows, {});
  EXPECT_EQ(counts.valid, 2);
  EXPECT_EQ(counts.invalid, 0);
  EXPECT_EQ(counts.duplicates, 2);
}

TEST(CheckpointJson, round_trips) {
  ImportCheckpoint checkpoint;
  checkpoint.offset = 123;
  checkpoint.line = 4;
  checkpoint.replaced = true;
  checkpoint.counts.valid = 3;
  auto back = checkpoint_from_json(checkpoint_to_json(checkpoint));
  EXPECT_EQ(back.offset, 123);
  EXPECT_EQ(back.line, 4);
  EXPECT_TRUE(back.replaced);
  EXPECT_EQ(back.counts.valid, 3);
  EXPECT_EQ(checkpoint_from_json("{}").offset, 0);
}

}  // namespace
}  // namespace reinforge::records
