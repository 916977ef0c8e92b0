#pragma once
// Plain rows the store reads and writes; no SQL and no JSON library here.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace reinforge::store {

struct Dataset {
  int64_t id = 0;
  std::string name;
  std::string objective;
  std::string settings_json = "{}";
  int64_t revision = 0;  // bumped on every change of the dataset or its records
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

struct RecordCounts {
  int64_t total = 0;
  int64_t valid = 0;
  int64_t invalid = 0;
};

// Records per issue code, split by severity (issue codes are health::IssueCode strings).
struct IssueCodeCount {
  std::string code;
  bool is_error = true;
  int64_t count = 0;
};

struct NewRecord {
  std::string text;                 // the JSONL line as imported (or as edited)
  std::optional<int64_t> line;      // line number in the imported file
  std::string origin = "import";    // trace, import, generated, edited
  bool valid = false;
  std::string issues_json = "[]";
  std::vector<std::pair<std::string, bool>> issue_codes;  // (code, is_error), for filtering
  int64_t token_count = 0;
  std::string preview;              // first user message, shortened
  uint64_t content_hash = 0;
  std::optional<std::string> trace_id;
  std::optional<int64_t> generation_run_id;  // the generation run that wrote it (origin generated)
};

struct Record {
  int64_t id = 0;
  int64_t dataset_id = 0;
  std::optional<int64_t> line;
  std::string origin;
  bool valid = false;
  std::string issues_json;
  int64_t token_count = 0;
  std::string preview;
  std::optional<std::string> topic;  // a leaf topic's id ("t3.2"), none when uncategorized
  std::optional<double> confidence;
  bool topic_manual = false;         // set by a person; kept through re-categorization
  std::optional<std::string> trace_id;
  int64_t updated_at = 0;
  std::string text;  // filled by get_record and by the export cursor only
};

enum class ConfidenceBand { high, medium, low };  // >= 0.85, >= 0.7, below (PRODUCT.md §4)

// A page of a dataset's records: in id order (import order), or newest first with a text
// search, whose matches are read from the newest down so a word in most records costs no more
// than a rare one.
struct RecordFilter {
  std::optional<bool> valid;
  std::optional<std::string> topic;  // "" selects uncategorized valid records
  std::optional<ConfidenceBand> confidence;
  std::optional<std::string> issue_code;
  std::optional<std::string> origin;
  std::optional<std::string> text_query;  // full-text search
  // Keyset page: the id of the last record already sent; the page starts after it in list order.
  std::optional<int64_t> after_id;
  int64_t offset = 0;  // ignored with after_id
  int64_t limit = 50;
};

// Counting a filter stops here: past it a total would scan up to the whole dataset on every page.
inline constexpr int64_t kRecordTotalCap = 10000;

struct RecordPage {
  std::vector<Record> items;
  // Every record the filter selects, or kRecordTotalCap with total_exact false when there are more.
  int64_t total = 0;
  bool total_exact = true;
  bool more = false;  // records follow the last item (its id is the next page's after_id)
  // A search answered while the search index was still taking in recent changes (an import in
  // progress): records written last may be missing from the items and the total.
  bool search_catching_up = false;
};

enum class JobState { queued, running, succeeded, failed, cancelled };
std::string_view to_string(JobState state);
std::optional<JobState> job_state_from_string(std::string_view text);

struct Job {
  int64_t id = 0;
  std::optional<int64_t> dataset_id;
  std::string kind;
  JobState state = JobState::queued;
  int64_t done = 0;
  int64_t total = 0;
  std::string message;
  std::optional<std::string> error;
  std::string params_json = "{}";
  std::string checkpoint_json = "{}";  // where a resumed job starts again
  std::optional<std::string> result_json;
  bool cancel_requested = false;
  int64_t created_at = 0;
  std::optional<int64_t> started_at;
  std::optional<int64_t> finished_at;
  // The instance that must run it, because what it reads is on that machine (an upload, a
  // trainer process); none: any instance sharing the store may.
  std::optional<std::string> runs_on;
  // The instance running it (or that ran it last) and until when (Unix ms) its lease holds; it
  // renews the lease while it runs, and once it lapses another instance takes the job over
  // (docs/architecture.md, "Jobs and crash safety").
  std::optional<std::string> lease_owner;
  std::optional<int64_t> lease_expires_at;
};

// Written in the same transaction as the batch it follows, so a restart resumes exactly
// after the last committed batch.
struct JobCheckpoint {
  int64_t job_id = 0;
  std::string checkpoint_json;
  int64_t done = 0;
  // The instance running the job: the batch is written only while it holds the job's lease
  // (Store::update_held_job), else refused with JobLeaseLost. Empty: written regardless.
  std::string holder;
};

struct DatasetTopics {
  std::string topic_set_json;  // topics::TopicSet as JSON
  std::string source;          // auto, template, manual, import
  int64_t updated_at = 0;
  // How discovery and categorization were done (steps/topic_method.hpp): {"discovery": {...},
  // "categorization": {...}}, each entry present once such a job has run on this hierarchy.
  std::string method_json = "{}";
};

struct TopicAssignment {
  int64_t record_id = 0;
  std::optional<std::string> topic;
  std::optional<double> confidence;
};

// What categorization reads: a valid record's text and its current assignment.
// A hierarchy edit and the records it moves: records of the `merged_from` topics go to
// `merged_into`; each of `reassigned` that is still in `reassigned_from` gets its new topic and
// confidence (a split). The manual flag is kept, and a merge keeps the confidence too.
struct TopicEdit {
  DatasetTopics topics;
  std::vector<std::string> merged_from;
  std::string merged_into;
  std::string reassigned_from;
  std::vector<TopicAssignment> reassigned;
};

struct RecordForTopics {
  int64_t id = 0;
  std::string text;
  std::optional<std::string> topic;
  bool topic_manual = false;
};

// Valid records grouped by topic ("" for uncategorized), origin and confidence band.
struct TopicRecordCount {
  std::string topic;
  std::string origin;
  std::optional<ConfidenceBand> band;
  int64_t count = 0;
  int64_t tokens = 0;
};

struct GraderRow {
  int64_t id = 0;
  int64_t dataset_id = 0;
  std::string version;      // grading::grader_version of the config
  std::string config_json;
  int64_t created_at = 0;
  std::optional<std::string> last_test_json;
};

// A generation run (PRODUCT.md §5): what was asked, how it went and what each gate removed.
// `state` is the job's outcome once it ended ("succeeded", "failed", "cancelled"), "running"
// until then; a run whose process died stays "running" and the API reads its job instead.
struct GenerationRun {
  int64_t id = 0;
  int64_t dataset_id = 0;
  int64_t job_id = 0;
  std::string model;
  std::string state = "running";
  bool review = false;  // accepted records wait for a person before they join the dataset
  std::string options_json = "{}";
  std::string plan_json = "{}";
  std::string summary_json = "{}";
  std::optional<std::string> error;
  int64_t created_at = 0;
  std::optional<int64_t> finished_at;
};

// One record a run produced, with the verdict of the gates: "accepted" (in the dataset,
// `record_id` set), "pending" (passed every gate, waits for review), "rejected" (`gate` says
// which removed it and `reason` why) or "deleted" (removed by a person after the run).
struct GeneratedRecord {
  int64_t id = 0;
  int64_t run_id = 0;
  std::string topic;
  std::string status;
  std::string gate;
  std::string reason;
  std::string text;
  std::string seed_ids_json = "[]";
  std::optional<double> confidence;
  std::optional<double> similarity;  // to the nearest earlier record, when the gate measured it
  std::optional<int64_t> record_id;
  int64_t created_at = 0;
};

// A generated record joining the dataset: its row, and the topic the gates found for it.
struct GeneratedRecordToAdd {
  int64_t generated_id = 0;  // 0 while the run is being finished (the row is new)
  NewRecord record;
  std::string topic;
  double confidence = 0;
};

}  // namespace reinforge::store
