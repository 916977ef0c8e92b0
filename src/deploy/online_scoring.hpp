#pragma once
// Online scores (docs/deployment.md): a share of each arm's traces graded in the background with
// the deployment's dataset's grader, and the guard checked after every round. A thread in the
// server runs a round every two seconds; each round reads on from where the last one stopped
// (the cursor is stored with the scores), so a restart neither skips nor repeats a trace.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>

#include "grading/grader.hpp"
#include "store/deployment_store.hpp"
#include "store/store.hpp"
#include "store/store_location.hpp"
#include "store/trace_store.hpp"

namespace reinforge::deploy {

// Whether a deployment's traces can be graded online, and with which grader.
struct OnlineScoringEligibility {
  bool eligible = false;
  std::string reason;  // why not, for a person
  std::string grader_version;
};
OnlineScoringEligibility online_scoring_eligibility(store::Store& store,
                                                    const store::Deployment& deployment);

// The grader's input for a trace: the request's messages and tools as the record, the response
// message as the output. Nullopt for a call that failed or has no response message.
std::optional<grading::GradeInput> grade_input_from_trace(const store::Trace& trace,
                                                          const std::string& objective);

// Whether a trace is in the graded share: a stable hash of the deployment and the trace id.
bool chosen_for_scoring(int64_t deployment_id, const std::string& trace_id, double share);

class OnlineScorer {
 public:
  explicit OnlineScorer(const store::StoreLocation& location,
                        std::chrono::milliseconds interval = std::chrono::seconds(2));
  ~OnlineScorer();
  OnlineScorer(const OnlineScorer&) = delete;
  OnlineScorer& operator=(const OnlineScorer&) = delete;

  void start();
  void stop();
  // Grades what is new for every active deployment, then checks the guards. Returns the number
  // of traces graded. The thread calls it; tests call it directly.
  size_t run_round();

 private:
  size_t score_deployment(const store::Deployment& deployment, double share);
  void check_guard(const store::Deployment& deployment);
  std::shared_ptr<const grading::Grader> grader_for(int64_t dataset_id,
                                                    const store::GraderRow& row);
  void loop();

  std::unique_ptr<store::Store> store_;
  std::unique_ptr<store::TraceStore> traces_;
  std::unique_ptr<store::DeploymentStore> deployments_;
  std::chrono::milliseconds interval_;
  // Graders built once per dataset and version (a script grader's sandboxes are costly).
  std::map<int64_t, std::pair<std::string, std::shared_ptr<const grading::Grader>>> graders_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::atomic<bool> cancelled_{false};
  std::thread thread_;
};

}  // namespace reinforge::deploy
