// The reward endpoint's baseline: the same run's grader and records scored in process, with the
// same scorer the endpoint uses (RunRewardScorer) and no HTTP. Reads the samples file the load
// client sends and prints {"batch", "samples_per_s"} for each batch size.
// Usage: reward_in_process DATA_DIR RUN_ID SAMPLES.jsonl ROUNDS BATCH...
#include <chrono>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

#include "grading/grader_config.hpp"
#include "store/store.hpp"
#include "store/training_store.hpp"
#include "training/reward_request.hpp"
#include "training/reward_scorer.hpp"

using namespace reinforge;

int main(int argc, char** argv) {
  if (argc < 6) {
    std::cerr << "usage: reward_in_process DATA_DIR RUN_ID SAMPLES.jsonl ROUNDS BATCH...\n";
    return 2;
  }
  std::filesystem::path data_dir = argv[1];
  int64_t run_id = std::stoll(argv[2]);
  int rounds = std::stoi(argv[4]);
  auto store = store::open_sqlite_store(data_dir);
  auto runs = store::open_sqlite_training_store(data_dir);
  auto run = runs->find_run(run_id);
  if (!run) {
    std::cerr << "no run " << run_id << "\n";
    return 2;
  }
  training::RunRewardScorer scorer(
      grading::make_grader(nlohmann::json::parse(run->grader_config_json)), "",
      runs->split_of(run_id),
      [&](int64_t id) -> std::optional<std::string> {
        auto record = store->get_record(run->dataset_id, id);
        return record ? std::optional(record->text) : std::nullopt;
      },
      std::max(1u, std::thread::hardware_concurrency()));
  std::vector<nlohmann::json> samples;
  std::ifstream in(argv[3]);
  for (std::string line; std::getline(in, line);) samples.push_back(nlohmann::json::parse(line));
  for (int arg = 5; arg < argc; ++arg) {
    std::size_t batch = std::stoul(argv[arg]);
    // Batches are read from the request shape, as the endpoint does, so parsing the samples is in
    // both figures; the records are cached after the warm-up round in both too.
    std::vector<training::RewardRequest> requests;
    for (std::size_t at = 0; at + batch <= samples.size(); at += batch) {
      nlohmann::json body{{"samples", std::vector<nlohmann::json>(samples.begin() + at,
                                                                  samples.begin() + at + batch)}};
      requests.push_back(training::read_reward_request(body));
    }
    for (const auto& request : requests) scorer.score(request.samples);  // warm-up
    auto started = std::chrono::steady_clock::now();
    std::size_t scored = 0;
    for (int round = 0; round < rounds; ++round) {
      for (const auto& request : requests) {
        scored += scorer.score(request.samples).size();
      }
    }
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cout << nlohmann::json{{"batch", batch},
                                {"samples_per_s", static_cast<int64_t>(scored / seconds)}}
                     .dump()
              << "\n";
  }
  return 0;
}
