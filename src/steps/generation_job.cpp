#include "steps/generation_job.hpp"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <random>
#include <thread>

#include "generation/generated_answer.hpp"
#include "generation/generation_gates.hpp"
#include "generation/generation_request.hpp"
#include "generation/seed_rotation.hpp"
#include "records/dataset_settings.hpp"
#include "records/record_builder.hpp"
#include "steps/job_stop_check.hpp"
#include "steps/topic_method.hpp"
#include "topics/categorizer.hpp"
#include "topics/provider_embedder.hpp"
#include "topics/topic_set_json.hpp"
#include "topics/user_text.hpp"
#include "util/clock.hpp"

namespace reinforge::steps {

namespace {

using json = nlohmann::json;

constexpr std::size_t kExamplesPerTopic = 64;  // real records kept per topic for seeds and shape
constexpr int kFailuresBeforeGivingUp = 5;     // calls failing in a row with nothing answered yet

struct TopicWork {
  generation::PlannedTopic planned;
  generation::TopicBrief brief;
  generation::RecordShape shape;
  std::vector<int64_t> example_ids;
  std::vector<json> examples;
  std::unique_ptr<generation::SeedRotation> seeds;
  int64_t accepted = 0;
  int64_t asked_in_flight = 0;
  int64_t calls = 0;
  int64_t max_calls = 0;
  std::map<std::string, int64_t> rejected;  // gate → count
};

struct CallSpec {
  std::size_t topic = 0;
  int64_t count = 0;
  json request;
  json seed_ids = json::array();
};

struct CallResult {
  CallSpec spec;
  providers::ChatResult answer;
};

// What the dataset's records give the gates and the prompts: user texts and topics for the
// vectors, content hashes, and a reservoir sample of each topic's records.
struct DatasetRecords {
  std::vector<std::string> user_texts;
  std::vector<int> topic_of_row;
  generation::KnownRecords known;
};

DatasetRecords read_records(store::Store& store, int64_t dataset_id,
                            const std::vector<std::string>& topic_ids, std::vector<TopicWork>& work,
                            const jobs::JobContext&) {
  DatasetRecords records;
  std::map<std::string, int> topic_index;
  for (std::size_t i = 0; i < topic_ids.size(); ++i)
    topic_index[topic_ids[i]] = static_cast<int>(i);
  std::map<std::string, TopicWork*> work_of;
  for (auto& topic : work) work_of[topic.planned.topic_id] = &topic;
  std::map<std::string, int64_t> seen;
  std::mt19937_64 random(static_cast<uint64_t>(dataset_id) * 7919u);
  store.for_each_record_for_topics(
      dataset_id, false, [&](const std::vector<store::RecordForTopics>& page) {
        for (const auto& record : page) {
          records.known.by_hash.emplace(generation::canonical_hash(record.text), record.id);
          records.known.record_ids.push_back(record.id);
          records.user_texts.push_back(topics::user_text_of_record(record.text).value_or(""));
          auto index = record.topic ? topic_index.find(*record.topic) : topic_index.end();
          records.topic_of_row.push_back(index == topic_index.end() ? -1 : index->second);
          if (!record.topic) continue;
          auto topic = work_of.find(*record.topic);
          if (topic == work_of.end()) continue;
          // Reservoir sampling keeps a uniform sample of the topic's records in one pass.
          auto& examples = topic->second->examples;
          auto& ids = topic->second->example_ids;
          int64_t nth = seen[*record.topic]++;
          std::size_t slot = examples.size();
          if (examples.size() >= kExamplesPerTopic) {
            slot = std::uniform_int_distribution<int64_t>(0, nth)(random);
            if (slot >= kExamplesPerTopic) continue;
          }
          auto parsed = json::parse(record.text, nullptr, false);
          if (parsed.is_discarded()) continue;
          if (slot == examples.size()) {
            examples.push_back(std::move(parsed));
            ids.push_back(record.id);
          } else {
            examples[slot] = std::move(parsed);
            ids[slot] = record.id;
          }
        }
        return true;
      });
  return records;
}

// Runs the calls on `concurrency` threads; the job's thread hands out work and judges answers.
class CallWorkers {
 public:
  CallWorkers(const providers::LlmProvider& provider, std::size_t concurrency)
      : provider_(provider) {
    for (std::size_t i = 0; i < concurrency; ++i) threads_.emplace_back([this] { work(); });
  }
  ~CallWorkers() { stop(); }

  void submit(CallSpec spec) {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(spec));
    wake_.notify_one();
  }
  // Waits up to `wait` for a finished call.
  std::optional<CallResult> next_result(std::chrono::milliseconds wait) {
    std::unique_lock lock(mutex_);
    done_.wait_for(lock, wait, [&] { return !results_.empty(); });
    if (results_.empty()) return std::nullopt;
    auto result = std::move(results_.front());
    results_.pop_front();
    return result;
  }
  // Aborts calls in flight and joins the threads.
  void stop() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
      wake_.notify_all();
    }
    cancelled_ = true;
    for (auto& thread : threads_) {
      if (thread.joinable()) thread.join();
    }
  }

 private:
  void work() {
    for (;;) {
      CallSpec spec;
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (stopping_) return;
        spec = std::move(queue_.front());
        queue_.pop_front();
      }
      auto answer = provider_.chat(spec.request, providers::CallControl{&cancelled_});
      std::lock_guard lock(mutex_);
      if (stopping_) return;
      results_.push_back({std::move(spec), std::move(answer)});
      done_.notify_one();
    }
  }

  const providers::LlmProvider& provider_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable done_;
  std::deque<CallSpec> queue_;
  std::deque<CallResult> results_;
  bool stopping_ = false;
  std::atomic<bool> cancelled_{false};
  std::vector<std::thread> threads_;
};

struct RunTotals {
  int64_t calls = 0;
  int64_t failed_calls = 0;
  std::string last_call_error;
  std::map<std::string, int64_t> answer_problems;  // refusal, not_json, wrong_shape
  int64_t generated = 0;                           // records read from answers
  std::map<std::string, int64_t> gates;            // gate → records
  int64_t prompt_tokens = 0;
  int64_t completion_tokens = 0;
};

std::string progress_message(const RunTotals& totals, int64_t accepted, int64_t planned) {
  int64_t rejected = 0;
  for (const auto& [gate, count] : totals.gates) {
    if (gate != "accepted") rejected += count;
  }
  std::string calls = std::to_string(totals.calls) + " calls";
  if (totals.failed_calls > 0) calls += ", " + std::to_string(totals.failed_calls) + " failed";
  return "Generated " + std::to_string(accepted) + " of " + std::to_string(planned) + " records (" +
         std::to_string(totals.generated) + " written, " + std::to_string(rejected) +
         " removed by the gates, " + calls + ")";
}

json summary_json(const RunTotals& totals, const std::vector<TopicWork>& work,
                  const std::optional<dryrun::TokenPrice>& price, const TopicMethod& method,
                  double wall_ms) {
  json gates = json::object();
  for (auto gate : generation::kRejectingGates) gates[generation::to_string(gate)] = 0;
  int64_t accepted = 0;
  for (const auto& [gate, count] : totals.gates) {
    if (gate == "accepted") {
      accepted = count;
    } else {
      gates[gate] = count;
    }
  }
  json topics = json::array();
  for (const auto& topic : work) {
    json rejected = json::object();
    for (const auto& [gate, count] : topic.rejected) rejected[gate] = count;
    topics.push_back({{"topic", topic.planned.topic_id},
                      {"name", topic.brief.name},
                      {"planned", topic.planned.allowed},
                      {"accepted", topic.accepted},
                      {"calls", topic.calls},
                      {"rejected", rejected},
                      {"seed_pool", topic.examples.size()}});
  }
  json problems = {{"refusal", 0}, {"not_json", 0}, {"wrong_shape", 0}};
  for (const auto& [problem, count] : totals.answer_problems) problems[problem] = count;
  json cost = nullptr;
  if (price) {
    cost = (static_cast<double>(totals.prompt_tokens) * price->input_per_million +
            static_cast<double>(totals.completion_tokens) * price->output_per_million) /
           1e6;
  }
  return {{"calls", totals.calls},
          {"failed_calls", totals.failed_calls},
          {"last_call_error",
           totals.last_call_error.empty() ? json(nullptr) : json(totals.last_call_error)},
          {"answer_problems", problems},
          {"generated", totals.generated},
          {"accepted", accepted},
          {"gates", gates},
          {"topics", topics},
          {"tokens", {{"prompt", totals.prompt_tokens}, {"completion", totals.completion_tokens}}},
          {"cost_usd", cost},
          {"method", method.to_json()},
          {"wall_ms", wall_ms}};
}

void end_run(store::Store& store, store::GenerationRun run, const std::string& state,
             const std::optional<std::string>& error, const json& summary) {
  run.state = state;
  run.error = error;
  run.summary_json = summary.dump();
  run.finished_at = util::now_unix_seconds();
  store.finish_generation_run(run, {}, {});
}

std::string run_generation(jobs::JobContext& context, const JobModels& models) {
  const auto started = std::chrono::steady_clock::now();
  auto params = json::parse(context.job().params_json);
  auto& store = context.store();
  auto run = store.find_generation_run(params.value("run_id", int64_t{0}));
  if (!run) throw std::runtime_error("the generation run was deleted");
  // The run may have been read before start_generation recorded its job.
  run->job_id = context.job().id;
  auto dataset = store.find_dataset(run->dataset_id);
  if (!dataset) throw std::runtime_error("the dataset was deleted");
  auto request = read_generation_request(json::parse(run->options_json));
  auto settings = records::settings_from_json(dataset->settings_json);
  auto routes = models.routes(run->model);
  if (routes.empty())
    throw std::runtime_error("no provider serves the model '" + run->model + "' any more");
  const auto& route = routes.front();

  context.progress(0, 1, "Planning");
  auto view = plan_generation_request(store, dataset->id, request);
  run->plan_json = plan_json(view).dump();
  auto stored_topics = store.get_topics(dataset->id);
  auto topic_set = topics::parse_topic_set(stored_topics->topic_set_json);
  auto leaves = topics::leaf_topics(topic_set);
  std::vector<std::string> topic_ids;
  for (const auto* leaf : leaves) topic_ids.push_back(leaf->id);

  std::vector<TopicWork> work;
  for (const auto& planned : view.plan.topics) {
    if (planned.allowed <= 0) continue;
    const auto* leaf = topics::find_topic(topic_set, planned.topic_id);
    TopicWork topic;
    topic.planned = planned;
    topic.brief = {leaf->id, leaf->name, leaf->description, leaf->keywords, leaf->examples};
    // Enough calls for every record to be rejected twice over, then the topic stops short.
    topic.max_calls = 3 * ((planned.allowed + static_cast<int64_t>(request.records_per_call) - 1) /
                           static_cast<int64_t>(request.records_per_call)) +
                      2;
    work.push_back(std::move(topic));
  }
  int64_t planned_total = 0;
  for (const auto& topic : work) planned_total += topic.planned.allowed;

  context.progress(0, std::max<int64_t>(planned_total, 1), "Reading the dataset's records");
  auto records = read_records(store, dataset->id, topic_ids, work, context);
  for (std::size_t i = 0; i < work.size(); ++i) {
    auto& topic = work[i];
    generation::RecordShapeCounter shape;
    for (const auto& example : topic.examples) shape.add(example);
    topic.shape = shape.shape();
    topic.seeds = std::make_unique<generation::SeedRotation>(
        topic.examples.size(), request.seeds_per_call, static_cast<uint64_t>(run->id) * 131 + i);
  }

  RunTotals totals;
  std::vector<store::GeneratedRecord> verdicts;
  std::vector<store::GeneratedRecordToAdd> additions;
  TopicMethod method;
  JobStopCheck stop_check(context);
  bool stopped = false;
  std::string failure;
  topics::WorkControl control;

  run_with_embedder(
      models, settings.topic_models, method,
      [&](topics::Embedder& embedder) {
        context.progress(0, std::max<int64_t>(planned_total, 1), "Embedding the dataset's records");
        std::vector<std::string> fit_texts = records.user_texts;
        for (const auto* leaf : leaves) fit_texts.push_back(topics::topic_match_text(*leaf));
        embedder.fit(fit_texts, control);
        std::vector<std::string> topic_texts;
        for (const auto* leaf : leaves) topic_texts.push_back(topics::topic_match_text(*leaf));
        auto topic_vectors = embedder.embed(topic_texts, control);
        std::optional<generation::TopicMatcher> matcher;
        {
          auto vectors = embedder.embed(records.user_texts, control);
          std::vector<std::string> topic_names;
          for (const auto* leaf : leaves) topic_names.push_back(leaf->name);
          matcher.emplace(topic_ids, topic_names, vectors, records.topic_of_row, topic_vectors);
        }
        context.progress(0, std::max<int64_t>(planned_total, 1),
                         "Indexing the dataset for near duplicates");
        generation::DuplicateFingerprint fingerprint;
        fingerprint.fit(records.user_texts);
        generation::NearDuplicateIndex index(generation::DuplicateFingerprint::kDimensions);
        index.build(fingerprint.embed(records.user_texts), control);
        generation::GateOptions gate_options{static_cast<float>(request.duplicate_threshold),
                                             static_cast<float>(request.min_confidence)};
        generation::GenerationGates gates(records::dataset_validator(*dataset), fingerprint,
                                          index, embedder, *matcher, std::move(records.known),
                                          gate_options);

        CallWorkers workers(*route.provider, request.concurrency);
        std::size_t in_flight = 0;
        std::size_t next_topic = 0;
        int consecutive_failures = 0;
        bool answered = false;
        auto next_call = [&]() -> std::optional<CallSpec> {
          for (std::size_t tried = 0; tried < work.size(); ++tried) {
            std::size_t i = next_topic++ % work.size();
            auto& topic = work[i];
            int64_t missing = topic.planned.allowed - topic.accepted - topic.asked_in_flight;
            if (missing <= 0 || topic.calls >= topic.max_calls) continue;
            CallSpec spec;
            spec.topic = i;
            spec.count = std::min<int64_t>(missing, static_cast<int64_t>(request.records_per_call));
            generation::GenerationCall call;
            call.model = route.upstream_model;
            call.objective = dataset->objective;
            call.topic = topic.brief;
            call.shape = topic.shape;
            call.count = static_cast<std::size_t>(spec.count);
            call.temperature = request.temperature;
            for (auto seed : topic.seeds->next()) {
              call.seeds.push_back(topic.examples[seed]);
              spec.seed_ids.push_back(topic.example_ids[seed]);
            }
            spec.request = generation::generation_request(call);
            topic.asked_in_flight += spec.count;
            ++topic.calls;
            return spec;
          }
          return std::nullopt;
        };
        // Said after every answer, failed ones too: the last stage's words ("Indexing...") must
        // not stay up while the model's calls fail and are retried.
        auto report = [&] {
          int64_t accepted = 0;
          for (const auto& t : work) accepted += t.accepted;
          context.progress(accepted, std::max<int64_t>(planned_total, 1),
                           progress_message(totals, accepted, planned_total));
        };
        context.progress(0, std::max<int64_t>(planned_total, 1),
                         "Calling " + run->model + " for records");
        for (;;) {
          while (in_flight < request.concurrency) {
            auto spec = next_call();
            if (!spec) break;
            workers.submit(std::move(*spec));
            ++in_flight;
            ++totals.calls;
          }
          if (in_flight == 0) break;
          auto result = workers.next_result(std::chrono::milliseconds(200));
          if (stop_check()) {
            stopped = true;
            break;
          }
          if (!result) continue;
          --in_flight;
          auto& topic = work[result->spec.topic];
          topic.asked_in_flight -= result->spec.count;
          const auto& answer = result->answer;
          totals.prompt_tokens += answer.usage.prompt_tokens;
          totals.completion_tokens += answer.usage.completion_tokens;
          if (!answer.ok) {
            ++totals.failed_calls;
            totals.last_call_error = answer.error;
            if (!answered && ++consecutive_failures >= kFailuresBeforeGivingUp) {
              failure = "the generation model failed " + std::to_string(consecutive_failures) +
                        " calls in a row: " + answer.error;
              break;
            }
            report();
            continue;
          }
          answered = true;
          consecutive_failures = 0;
          auto parsed = generation::read_generated_answer(answer.message, topic.shape);
          if (parsed.problem != generation::AnswerProblem::none) {
            ++totals.answer_problems[generation::to_string(parsed.problem)];
            report();
            continue;
          }
          totals.generated += static_cast<int64_t>(parsed.records.size());
          std::vector<generation::Verdict> judged;
          try {
            judged = gates.judge(std::move(parsed.records), topic.planned.topic_id,
                                 topic.planned.allowed - topic.accepted, control);
          } catch (const topics::EmbeddingProviderError& error) {
            // Not a reason to start over with lexical vectors: the calls are paid for.
            failure = std::string("the embedding model failed during generation: ") + error.what();
            break;
          }
          for (auto& verdict : judged) {
            auto gate = generation::to_string(verdict.gate);
            ++totals.gates[gate];
            store::GeneratedRecord row;
            row.topic = topic.planned.topic_id;
            row.gate = verdict.gate == generation::Gate::accepted ? "" : gate;
            row.reason = verdict.reason;
            row.text = verdict.record.text;
            row.seed_ids_json = result->spec.seed_ids.dump();
            if (verdict.confidence > 0) row.confidence = verdict.confidence;
            if (verdict.similarity) row.similarity = *verdict.similarity;
            row.created_at = util::now_unix_seconds();
            if (verdict.gate == generation::Gate::accepted) {
              ++topic.accepted;
              row.status = request.review ? "pending" : "accepted";
              verdict.record.generation_run_id = run->id;
              additions.push_back(
                  {0, std::move(verdict.record), verdict.topic, verdict.confidence});
            } else {
              row.status = "rejected";
              ++topic.rejected[gate];
            }
            verdicts.push_back(std::move(row));
          }
          report();
        }
        workers.stop();
      },
      [&](const std::string& why) {
        context.progress(0, std::max<int64_t>(planned_total, 1), "Lexical embeddings: " + why);
      });

  double wall_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  auto summary = summary_json(totals, work, request.price, method, wall_ms);
  if (stopped) {
    end_run(store, *run, "cancelled", std::nullopt, summary);
    stop_check.throw_if_stopped(true);
  }
  if (!failure.empty()) {
    end_run(store, *run, "failed", failure, summary);
    throw std::runtime_error(failure);
  }
  run->state = "succeeded";
  run->summary_json = summary.dump();
  run->finished_at = util::now_unix_seconds();
  store.finish_generation_run(*run, verdicts, additions);
  int64_t accepted = static_cast<int64_t>(additions.size());
  context.progress(accepted, std::max<int64_t>(planned_total, 1),
                   progress_message(totals, accepted, planned_total));
  return json{{"run_id", run->id},
              {"accepted", accepted},
              {"generated", totals.generated},
              {"review", request.review}}
      .dump();
}

}  // namespace

void register_generation_job(jobs::JobRunner& runner, const JobModels& models) {
  runner.register_kind(
      kGenerationJob,
      [&models](jobs::JobContext& context) { return run_generation(context, models); });
}

store::GenerationRun start_generation(store::Store& store, const JobModels& models,
                                      jobs::JobRunner& runner, int64_t dataset_id,
                                      const GenerationRequest& request) {
  auto dataset = store.find_dataset(dataset_id);
  if (!dataset) throw std::invalid_argument("no such dataset");
  auto model = generation_model(request, *dataset, models);
  auto view = plan_generation_request(store, dataset_id, request);
  if (view.plan.allowed <= 0) {
    std::string why =
        view.notes.empty() ? "every topic already meets its target" : view.notes.front();
    throw std::invalid_argument("nothing to generate: " + why);
  }
  store::GenerationRun run;
  run.dataset_id = dataset_id;
  run.model = model;
  run.review = request.review;
  run.options_json = generation_request_json(request).dump();
  run.plan_json = plan_json(view).dump();
  run.created_at = util::now_unix_seconds();
  run = store.create_generation_run(run);
  auto job = runner.submit(kGenerationJob, dataset_id, json{{"run_id", run.id}}.dump(),
                           "Generating " + std::to_string(view.plan.allowed) + " records");
  run.job_id = job.id;
  store.finish_generation_run(run, {}, {});  // records the job id; the run stays "running"
  return run;
}

store::GenerationRun with_job_state(store::Store& store, store::GenerationRun run) {
  if (run.state != "running") return run;
  auto job = store.find_job(run.job_id);
  if (!job) return run;
  if (job->state == store::JobState::failed || job->state == store::JobState::cancelled) {
    run.state = std::string(store::to_string(job->state));
    run.error = job->error;
  }
  return run;
}

}  // namespace reinforge::steps
