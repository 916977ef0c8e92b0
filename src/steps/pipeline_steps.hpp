#pragma once
// The 7 pipeline steps and their statuses (PRODUCT.md §1). Pure functions over facts the
// services gather, so the rules are tested exhaustively and the UI only displays them.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace reinforge::steps {

enum class StepName { extract, topics, coverage, grader, dry_run, train, deploy };
enum class StepStatus { waiting, ready, running, complete, attention, failed, skipped, stale };

std::string_view to_string(StepName step);
std::string_view to_string(StepStatus status);
const std::vector<StepName>& all_steps();

struct StepState {
  StepName step;
  StepStatus status = StepStatus::waiting;
  std::optional<double> progress;  // 0..1 while running
  std::string headline;            // one line for the canvas node and the datasets list
};

// What the extract step needs to know about a dataset.
struct ExtractFacts {
  int64_t records = 0;
  int64_t valid = 0;
  int64_t invalid = 0;
  bool import_running = false;
  double import_progress = 0;
  std::optional<std::string> last_import_error;  // the latest import failed with this
  // The latest import ended well but found no record (an empty file): not the same as records
  // imported and deleted since.
  bool last_import_found_none = false;
  bool from_traces = false;  // made from the gateway's traces: its records come from a pull
};

StepState extract_step(const ExtractFacts& facts);

// What step 6 needs to know: the latest training run and the dry run it would start from.
struct TrainFacts {
  std::optional<std::string> dry_run_verdict;  // GO | CAUTION | NO-GO; none: no dry run
  bool dry_run_stale = false;
  bool has_run = false;
  std::string run_state;     // queued, starting, running, succeeded, failed, cancelled
  std::string run_headline;  // "Step 40/100 · train reward 0.52"
  double run_progress = 0;   // 0..1
  std::optional<std::string> fine_tuned_model;
  std::optional<std::string> run_error;
  bool run_inputs_changed = false;  // records or grader changed since the run started
};

// Running while a run is; complete with a model (stale when its inputs changed since); failed
// when the latest run failed; otherwise ready once a GO or CAUTION dry run is current, waiting
// before that.
StepState train_step(const TrainFacts& facts);
// What step 7 needs to know: the dataset's active deployment, if any, and its trained model.
struct DeployFacts {
  std::optional<std::string> deployed;       // "A/B 20% of support → ft:..." when one is active
  std::optional<std::string> trained_model;  // the latest succeeded run's model
};

// Complete while a deployment of the dataset's model is active; ready once a run produced a
// model; waiting before that.
StepState deploy_step(const DeployFacts& facts);

// A step whose service has not been built yet, or whose inputs are missing, waits.
StepState waiting_step(StepName step, std::string headline);
// The dataset's one-word status: the first running, failed or attention step decides;
// otherwise "ready".
std::string_view dataset_status(const std::vector<StepState>& steps);

}  // namespace reinforge::steps
