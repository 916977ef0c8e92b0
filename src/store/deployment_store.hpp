#pragma once
// Deployments in the store, and the routes version the gateway watches: every change bumps it
// in the same transaction, so a gateway (this process, `reinforge deploy` in another, or another
// instance) rebuilds its route table within its polling interval.
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "store/deployment_types.hpp"
#include "store/store.hpp"

namespace reinforge::store {

class DeploymentStore {
 public:
  virtual ~DeploymentStore() = default;

  // Throws ConflictError when an active deployment already takes `base_model`, or (endpoint
  // mode) another active one already answers to `endpoint`.
  virtual Deployment create_deployment(const Deployment& deployment) = 0;
  virtual std::optional<Deployment> find_deployment(int64_t id) = 0;
  virtual std::vector<Deployment> list_deployments(bool active_only) = 0;  // newest first
  // Read-modify-write in one transaction, bumping the routes version.
  virtual std::optional<Deployment> modify_deployment(
      int64_t id, const std::function<void(Deployment&)>& change) = 0;
  virtual int64_t routes_version() = 0;

  // Online scores: stored with the scan cursor in one transaction, so a restart neither skips
  // nor grades a trace twice.
  virtual void record_online_scores(int64_t deployment_id, int64_t scanned_through_seq,
                                    const std::vector<OnlineScore>& scores) = 0;
  virtual std::vector<OnlineScoreTotals> online_score_totals(int64_t deployment_id) = 0;
  virtual std::vector<OnlineScoreBucket> online_score_timeline(int64_t deployment_id,
                                                               int64_t bucket_ms) = 0;
  // In trace order.
  virtual std::vector<OnlineScore> list_online_scores(int64_t deployment_id, int64_t offset,
                                                      int64_t limit) = 0;

  // Benchmarks: the report (summary) and the paired samples are kept apart, so a list reads
  // neither and a page of samples does not parse the summary.
  virtual Benchmark create_benchmark(const Benchmark& benchmark) = 0;
  virtual void set_benchmark_job(int64_t id, int64_t job_id) = 0;
  virtual void save_benchmark_report(int64_t id, const std::string& report_json,
                                     const std::string& samples_json) = 0;
  virtual std::optional<Benchmark> find_benchmark(int64_t id) = 0;
  virtual std::optional<std::string> benchmark_samples(int64_t id) = 0;
  // Newest first; a filter that is set narrows the list.
  virtual std::vector<Benchmark> list_benchmarks(std::optional<int64_t> dataset_id,
                                                 std::optional<int64_t> run_id) = 0;
};

std::unique_ptr<DeploymentStore> open_sqlite_deployment_store(
    const std::filesystem::path& data_dir);

}  // namespace reinforge::store
