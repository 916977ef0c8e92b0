#pragma once
// Rows of step 7's deployments (PRODUCT.md §9): which tuned model serves which traffic in the
// gateway. Plain types; no SQL and no JSON library here.
#include <cstdint>
#include <optional>
#include <string>

namespace reinforge::store {

struct Deployment {
  int64_t id = 0;
  std::optional<int64_t> dataset_id;
  std::optional<int64_t> run_id;    // the training run the tuned model came from
  std::string mode;                 // replace | endpoint | ab
  std::string base_model;           // the model name callers ask for
  std::string tuned_model;          // what the provider is sent for the tuned arm
  std::string endpoint;             // endpoint mode: the new model name callers use
  std::string provider;             // the provider serving the tuned model; "" = the base's
  int64_t share_bp = 0;             // ab: the tuned arm's share, in basis points (1..9999)
  std::string state = "active";     // active | rolled_back | ended
  std::string history_json = "[]";  // [{"at", "action", ...}]: created, promoted, rolled back
  int64_t created_at = 0;
  std::optional<int64_t> ended_at;
  // {"online_scoring": {"share"}, "guard": {"enabled", "min_calls", "min_scores"}}
  std::string options_json = "{}";
  int64_t scored_through_seq = 0;  // online scoring has looked at every trace up to this seq
};

// One trace of a deployment graded in the background with its dataset's grader.
struct OnlineScore {
  int64_t trace_seq = 0;
  std::string trace_id;
  std::string arm;
  int64_t trace_created_at_ms = 0;
  std::optional<double> score;  // none when the grader failed
  std::string reason;
  std::string error;
};

// An arm's online scores summed, for means and intervals without reading every row.
struct OnlineScoreTotals {
  std::string arm;
  int64_t graded = 0;  // with a score
  int64_t errors = 0;
  double sum = 0;
  double sum_squares = 0;
};

// The same per time bucket (`bucket` = trace time in ms / bucket length).
struct OnlineScoreBucket {
  int64_t bucket = 0;
  OnlineScoreTotals totals;
};

// A benchmark of a tuned model against its base (step 7), kept with the model it measured.
struct Benchmark {
  int64_t id = 0;
  int64_t dataset_id = 0;
  std::optional<int64_t> run_id;
  int64_t job_id = 0;
  std::string base_model;
  std::string tuned_model;
  std::string provider;        // the tuned model's provider; "" = the base model's
  std::string options_json = "{}";
  std::string report_json;     // "" until the job succeeds
  int64_t created_at = 0;
};

}  // namespace reinforge::store
