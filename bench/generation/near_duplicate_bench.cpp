// The near-duplicate gate at scale (issue 14): 10,000 new records checked against a dataset of
// 1,000,000 precomputed 256-dimensional fingerprints, goal under 10 s for building the index and
// checking on 2 cores. Measures, in one run:
//   - building generation::NearDuplicateIndex over the dataset and checking the batch with
//     nearest_all (records/s, wall and CPU seconds, peak RSS);
//   - the job's own loop: each new record checked, then filed when accepted, so later records
//     of the batch are checked against it (one thread, as in steps/generation_job.cpp);
//   - recall of the planted near duplicates, and agreement with the exhaustive scan on a random
//     sample of queries at the gate's threshold;
//   - baselines: the exhaustive scan's time per query, extrapolated to the batch, and hnswlib's
//     graph build on a subset, extrapolated to the dataset.
// Usage: near_duplicate_bench [--records N] [--queries N] [--probes N] [--cells N] [--sample N]
//                             [--hnsw-records N (0: skip)] [--threshold T] [--job-loop 0|1]
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <string>

#include "exhaustive_scan.hpp"
#include "generation/near_duplicate_index.hpp"
#include "hnsw_baseline.hpp"
#include "generation/duplicate_fingerprint.hpp"
#include "synthetic_embeddings.hpp"
#include "topics/parallel_rows.hpp"

namespace {

using namespace reinforge;
using Clock = std::chrono::steady_clock;

// The gate's fingerprints (generation/duplicate_fingerprint.hpp) are what the index holds.
constexpr int kDimensions = generation::DuplicateFingerprint::kDimensions;

struct Options {
  std::size_t records = 1'000'000;
  std::size_t queries = 10'000;
  std::size_t probes = generation::NearDuplicateOptions{}.probes;
  std::size_t cells = 0;  // 0: the index's own choice
  std::size_t sample = 500;
  std::size_t hnsw_records = 100'000;
  bool job_loop = true;
  float threshold = 0.92f;
};

Options read_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string key = argv[i];
    double value = std::atof(argv[i + 1]);
    if (key == "--records")
      options.records = static_cast<std::size_t>(value);
    else if (key == "--queries")
      options.queries = static_cast<std::size_t>(value);
    else if (key == "--probes")
      options.probes = static_cast<std::size_t>(value);
    else if (key == "--cells")
      options.cells = static_cast<std::size_t>(value);
    else if (key == "--sample")
      options.sample = static_cast<std::size_t>(value);
    else if (key == "--hnsw-records")
      options.hnsw_records = static_cast<std::size_t>(value);
    else if (key == "--threshold")
      options.threshold = static_cast<float>(value);
    else if (key == "--job-loop")
      options.job_loop = value != 0;
    else
      throw std::runtime_error("unknown option " + key);
  }
  return options;
}

generation::NearDuplicateOptions index_options(const Options& options) {
  generation::NearDuplicateOptions index;
  index.probes = options.probes;
  index.cells = options.cells;
  return index;
}

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) {
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6;
  };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// VmHWM: the process's peak resident memory so far; VmRSS: now.
double status_mib(const char* field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind(field, 0) == 0) return std::atof(line.c_str() + std::strlen(field) + 1) / 1024;
  }
  return 0;
}

struct Phase {
  Clock::time_point wall = Clock::now();
  double cpu = cpu_seconds();
  double wall_seconds() const { return std::chrono::duration<double>(Clock::now() - wall).count(); }
  double cpu_seconds_used() const { return cpu_seconds() - cpu; }
};

void report(const char* name, const Phase& phase, std::size_t records) {
  double wall = phase.wall_seconds();
  std::printf("%-44s %8.2f s wall %7.2f s CPU %11.0f records/s  peak %6.0f MiB  now %6.0f MiB\n",
              name, wall, phase.cpu_seconds_used(), static_cast<double>(records) / wall,
              status_mib("VmHWM:"), status_mib("VmRSS:"));
}

double percent(std::size_t part, std::size_t whole) {
  return whole == 0 ? 0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

// Agreement of the index with the exact answer on a random sample of the batch.
void compare_with_exhaustive(const topics::RowMatrix& dataset, const bench::QueryBatch& batch,
                             const std::vector<generation::NearDuplicateIndex::Match>& found,
                             const Options& options) {
  std::vector<Eigen::Index> rows(static_cast<std::size_t>(batch.vectors.rows()));
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = static_cast<Eigen::Index>(i);
  std::mt19937_64 random(5);
  std::shuffle(rows.begin(), rows.end(), random);
  rows.resize(std::min(rows.size(), options.sample));
  topics::RowMatrix sample(static_cast<Eigen::Index>(rows.size()), batch.vectors.cols());
  for (std::size_t i = 0; i < rows.size(); ++i)
    sample.row(static_cast<Eigen::Index>(i)) = batch.vectors.row(rows[i]);

  Phase phase;
  auto exact = bench::exhaustive_nearest(dataset, sample, 0);
  double seconds = phase.wall_seconds();
  report("exhaustive scan, sample (baseline)", phase, rows.size());
  double per_query = seconds / static_cast<double>(rows.size());
  std::printf("  exhaustive: %.2f ms per query → %.1f s for all %zu queries (extrapolated)\n",
              per_query * 1e3, per_query * static_cast<double>(batch.vectors.rows()),
              static_cast<std::size_t>(batch.vectors.rows()));

  std::size_t same_nearest = 0, same_verdict = 0, exact_duplicates = 0, missed = 0;
  double worst_shortfall = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& mine = found[static_cast<std::size_t>(rows[i])];
    const auto& truth = exact[i];
    // Another row at the very same cosine is as good an answer.
    if (mine.id == truth.id || std::abs(mine.similarity - truth.similarity) < 1e-5f) ++same_nearest;
    bool flagged = mine.similarity >= options.threshold;
    bool should = truth.similarity >= options.threshold;
    if (flagged == should) ++same_verdict;
    if (should) ++exact_duplicates;
    if (should && !flagged) ++missed;
    worst_shortfall =
        std::max(worst_shortfall, static_cast<double>(truth.similarity - mine.similarity));
  }
  std::printf(
      "  agreement on %zu random queries: same nearest record %.1f%%, same verdict at "
      "%.2f %.1f%% (%zu near duplicates by the exhaustive scan, %zu missed), largest "
      "similarity shortfall %.3f\n",
      rows.size(), percent(same_nearest, rows.size()), options.threshold,
      percent(same_verdict, rows.size()), exact_duplicates, missed, worst_shortfall);
}

void recall_of_planted(const bench::QueryBatch& batch,
                       const std::vector<generation::NearDuplicateIndex::Match>& found,
                       float threshold) {
  std::size_t planted = 0, flagged = 0, partner_or_closer = 0, negatives = 0, negatives_flagged = 0;
  for (std::size_t q = 0; q < batch.kinds.size(); ++q) {
    if (batch.kinds[q] == bench::QueryKind::duplicate_of_dataset) {
      ++planted;
      if (found[q].similarity >= threshold) ++flagged;
      if (found[q].similarity >= batch.planted_cosine[q] - 1e-5f) ++partner_or_closer;
    } else if (batch.kinds[q] == bench::QueryKind::hard_negative) {
      ++negatives;
      if (found[q].similarity >= threshold) ++negatives_flagged;
    }
  }
  std::printf(
      "  planted near duplicates of dataset records (cosine 0.92-0.995): %zu of %zu "
      "flagged (recall %.2f%%); partner or a closer record found for %.2f%%\n",
      flagged, planted, percent(flagged, planted), percent(partner_or_closer, planted));
  std::printf(
      "  hard negatives (cosine 0.80-0.90 to a record): %zu of %zu flagged (each flag is "
      "a real pair ≥ %.2f elsewhere: similarities are exact)\n",
      negatives_flagged, negatives, threshold);
}

// The job's loop: check, then file what was accepted so later records meet it.
void sequential_gate(generation::NearDuplicateIndex& index, const bench::QueryBatch& batch,
                     float threshold) {
  auto dataset_size = static_cast<int64_t>(index.size());
  std::vector<int64_t> filed_as(batch.kinds.size(), -1);
  std::vector<bool> rejected(batch.kinds.size(), false);
  Phase phase;
  for (std::size_t q = 0; q < batch.kinds.size(); ++q) {
    const float* vector = batch.vectors.row(static_cast<Eigen::Index>(q)).data();
    auto match = index.nearest(vector);
    rejected[q] = match.id >= 0 && match.similarity >= threshold;
    if (!rejected[q]) filed_as[q] = index.add(vector);
  }
  report("check + file accepted, one thread (job loop)", phase, batch.kinds.size());
  std::size_t copies = 0, copies_flagged = 0, accepted = 0;
  for (std::size_t q = 0; q < batch.kinds.size(); ++q) {
    if (!rejected[q]) ++accepted;
    if (batch.kinds[q] != bench::QueryKind::duplicate_in_batch) continue;
    auto original = static_cast<std::size_t>(batch.partner[q]);
    if (rejected[original]) continue;  // nothing of it was filed to be found
    ++copies;
    if (rejected[q]) ++copies_flagged;
  }
  std::printf(
      "  near duplicates of records accepted earlier in the batch: %zu of %zu flagged "
      "(recall %.2f%%); %zu accepted, index now %zu (+%lld)\n",
      copies_flagged, copies, percent(copies_flagged, copies), accepted, index.size(),
      static_cast<long long>(static_cast<int64_t>(index.size()) - dataset_size));
}

void hnsw_baseline(const topics::RowMatrix& dataset, const bench::QueryBatch& batch,
                   const Options& options, double ivf_build_seconds) {
  std::size_t full = options.hnsw_records;
  std::size_t half = full / 2;
  const auto dimensions = static_cast<std::size_t>(dataset.cols());
  auto small =
      bench::hnsw_build_and_query(dataset.data(), half, batch.vectors.data(), 1, dimensions, 0);
  auto large =
      bench::hnsw_build_and_query(dataset.data(), full, batch.vectors.data(),
                                  static_cast<std::size_t>(batch.vectors.rows()), dimensions, 0);
  // Build cost grows a little faster than the records (log n per insert), so ×(records / full)
  // is a floor; the growth per doubling measured here says how much faster (on a noisy machine
  // it can read below ×2, which only means noise).
  double growth = large.build_seconds / small.build_seconds;
  double scale = static_cast<double>(options.records) / static_cast<double>(full);
  std::printf(
      "hnswlib (M 16, ef_construction 200, AVX2, 2 threads): build %zu %.2f s, %zu %.2f s "
      "(×%.2f per doubling) → %zu records: ≥ %.0f s (linear)",
      half, small.build_seconds, full, large.build_seconds, growth, options.records,
      large.build_seconds * scale);
  if (growth > 2)
    std::printf(", ~%.0f s at this growth",
                large.build_seconds * std::pow(scale, std::log2(growth)));
  std::printf("\n");
  generation::NearDuplicateIndex index(static_cast<int>(dataset.cols()), index_options(options));
  Phase phase;
  index.build(dataset.topRows(static_cast<Eigen::Index>(full)));
  double ivf_small = phase.wall_seconds();
  auto ivf = index.nearest_all(batch.vectors);
  double ivf_query = phase.wall_seconds() - ivf_small;
  std::size_t agree = 0;
  for (std::size_t q = 0; q < ivf.size(); ++q) {
    bool graph = large.nearest[q].similarity >= options.threshold;
    bool cells = ivf[q].similarity >= options.threshold;
    if (graph == cells) ++agree;
  }
  std::printf(
      "  same %zu records, NearDuplicateIndex: build %.2f s, check %zu queries %.2f s "
      "(hnswlib ef 64: %.2f s); same verdict at %.2f on %.2f%% of queries\n",
      full, ivf_small, ivf.size(), ivf_query, large.query_seconds, options.threshold,
      percent(agree, ivf.size()));
  std::printf(
      "  build ratio at %zu records: hnswlib / NearDuplicateIndex = %.0f× (the index over "
      "all %zu took %.2f s)\n",
      full, large.build_seconds / ivf_small, options.records, ivf_build_seconds);
}

}  // namespace

int main(int argc, char** argv) {
  auto options = read_options(argc, argv);
  std::printf(
      "near-duplicate check: %zu new records against %zu, %d dimensions, probes %zu, "
      "threshold %.2f, %u threads\n",
      options.queries, options.records, kDimensions, options.probes, options.threshold,
      topics::resolve_threads(0));
  Phase making;
  bench::EmbeddingShape shape;
  shape.dimensions = kDimensions;
  auto data = bench::make_synthetic_embeddings(options.records, options.queries, shape, 0);
  report("making the embeddings (not measured)", making, options.records);

  generation::NearDuplicateIndex index(kDimensions, index_options(options));
  Phase total;
  Phase building;
  index.build(data.dataset);
  double build_seconds = building.wall_seconds();
  report("build NearDuplicateIndex", building, options.records);
  std::printf("  %zu cells, index memory %.0f MiB (the vectors are copied into their cells)\n",
              index.cells(), static_cast<double>(index.memory_bytes()) / (1 << 20));
  Phase checking;
  auto found = index.nearest_all(data.queries.vectors);
  report("check the batch (nearest_all)", checking, options.queries);
  double goal_seconds = total.wall_seconds();
  std::printf("build + check: %.2f s wall (goal < 10 s): %s\n", goal_seconds,
              goal_seconds < 10 ? "met" : "missed");

  recall_of_planted(data.queries, found, options.threshold);
  if (options.sample > 0) compare_with_exhaustive(data.dataset, data.queries, found, options);
  if (options.job_loop) sequential_gate(index, data.queries, options.threshold);
  if (options.hnsw_records > 0) hnsw_baseline(data.dataset, data.queries, options, build_seconds);
  return 0;
}
