#pragma once
// A SQLite store holding rows of every kind, written through the store interfaces as Reinforge
// writes them, and what the store interfaces answer about a store on either backend, rendered as
// lines: two stores holding the same data give the same lines.
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "store/access_store.hpp"
#include "store/deployment_store.hpp"
#include "store/postgres/pg_access_store.hpp"
#include "store/postgres/pg_deployment_store.hpp"
#include "store/postgres/pg_store.hpp"
#include "store/postgres/pg_trace_store.hpp"
#include "store/postgres/pg_training_store.hpp"
#include "store/store.hpp"
#include "store/trace_store.hpp"
#include "store/training_store.hpp"
#include "store/transfer/transfer_stores.hpp"
#include "support/random_traces.hpp"

namespace reinforge::testing {

// Every store interface of one store.
struct OpenStores {
  std::unique_ptr<store::Store> main;
  std::unique_ptr<store::TraceStore> traces;
  std::unique_ptr<store::TrainingStore> training;
  std::unique_ptr<store::DeploymentStore> deployments;
  std::unique_ptr<store::AccessStore> access;
};

inline OpenStores open_stores(const store::StoreLocation& location) {
  if (!location.is_postgresql()) {
    const auto& dir = location.data_dir;
    return {store::open_sqlite_store(dir), store::open_sqlite_trace_store(dir),
            store::open_sqlite_training_store(dir), store::open_sqlite_deployment_store(dir),
            store::open_sqlite_access_store(dir)};
  }
  const auto& conninfo = location.database;
  return {store::postgres::open_pg_store(conninfo), store::postgres::open_pg_trace_store(conninfo),
          store::postgres::open_pg_training_store(conninfo),
          store::postgres::open_pg_deployment_store(conninfo),
          store::postgres::open_pg_access_store(conninfo)};
}

inline store::StoreLocation sqlite_location(const std::filesystem::path& dir) {
  return store::transfer::parse_store_location(dir.string());
}
inline store::StoreLocation pg_location(const std::string& conninfo) {
  return store::transfer::parse_store_location(conninfo);
}

inline store::NewRecord new_record(const std::string& text, bool valid, int64_t line) {
  store::NewRecord record;
  record.text = text;
  record.line = line;
  record.valid = valid;
  record.token_count = static_cast<int64_t>(text.size() / 4);
  record.preview = text.substr(0, 40);
  record.content_hash = std::hash<std::string>{}(text);
  if (!valid) {
    record.issues_json = R"([{"code":"missing_assistant","severity":"error"}])";
    record.issue_codes = {{"missing_assistant", true}, {"long_system_prompt", false}};
  }
  return record;
}

// Fills the SQLite store in `dir` with rows of every table through the store interfaces.
inline void fill_every_kind(const std::filesystem::path& dir) {
  auto stores = open_stores(sqlite_location(dir));
  auto& main = *stores.main;
  main.put_setting("admin_token_sha256", "c0ffee");
  auto dataset = main.create_dataset("support", "Answer customers politely");
  auto other = main.create_dataset("Ünïcödé ✓", "");
  std::vector<store::NewRecord> records = {
      new_record(
          R"({"messages":[{"role":"user","content":"Grüße aus Köln — 你好 🌍 refund please"},)"
          R"({"role":"assistant","content":"Sure"}]})",
          true, 1),
      new_record(R"({"messages":[{"role":"user","content":"where is my refund"}]})", false, 2),
      // Tab, newline, carriage return and backslash as such: COPY's text format escapes them.
      new_record("shipping\ttimes\r\nplease \\ \\N two days", true, 3),
  };
  records[0].content_hash = UINT64_MAX;  // stored as -1 on both backends
  records[2].origin = "trace";
  records[2].trace_id = "tr_0";
  main.insert_records(dataset.id, records);
  main.insert_records(other.id, std::vector<store::NewRecord>{new_record("{}", false, 1)});
  auto ids = std::vector<int64_t>{};
  for (const auto& record : main.list_records(dataset.id, {}).items) ids.push_back(record.id);
  main.put_topics(dataset.id,
                  {R"({"topics":[{"id":"t1","label":"Refunds"}]})", "manual", 1700000000, "{}"},
                  false);
  main.assign_topics(dataset.id, std::vector<store::TopicAssignment>{{ids[0], "t1", 0.93}}, true);
  auto grader = main.save_grader(dataset.id, "v1", R"({"type":"script","source":"return 1"})");
  main.save_grader_test(grader.id, R"({"mean":0.5})");
  main.put_step_state(dataset.id, "coverage", R"({"skipped_at_revision":3})");
  store::Job job;
  job.dataset_id = dataset.id;
  job.kind = "import";
  job.state = store::JobState::succeeded;
  job.done = 3;
  job.total = 3;
  job.message = "done";
  job.result_json = R"({"imported":3})";
  job.created_at = 1700000000;
  job.started_at = 1700000001;
  job.finished_at = 1700000002;
  main.create_job(job);
  store::GenerationRun run;
  run.dataset_id = dataset.id;
  run.job_id = 1;
  run.model = "small";
  run.review = true;
  run.created_at = 1700000100;
  auto kept_run = main.create_generation_run(run);
  store::GeneratedRecord verdict;
  verdict.topic = "t1";
  verdict.status = "rejected";
  verdict.gate = "duplicate";
  verdict.reason = "too close";
  verdict.text = R"({"messages":[]})";
  verdict.similarity = 0.97;
  verdict.created_at = 1700000101;
  kept_run.state = "succeeded";
  kept_run.finished_at = 1700000102;
  main.finish_generation_run(kept_run, std::vector<store::GeneratedRecord>{verdict}, {});
  // A run deleted: its id must never be drawn again, on either backend.
  main.delete_generation_run(main.create_generation_run(run).id);

  auto& traces = *stores.traces;
  auto key = traces.create_gateway_key("ci", "rk_live_12", "sha-of-key");
  TraceMaker maker(7);
  std::vector<store::Trace> batch;
  for (int i = 0; i < 40; ++i) batch.push_back(maker.next(1700000000000 + i * 900000));
  batch[0].tags = {"prod", "eu"};
  batch[0].gateway_key_id = key.id;
  batch[1].response_json.reset();
  batch[1].error = "upstream timed out";
  batch[1].status = 504;
  batch[2].ttft_ms = 12.5;
  batch[2].cached_tokens = 8;
  batch[2].reasoning_tokens = 3;
  batch[2].stream = true;
  batch[3].session_id = "ses_x";
  batch[3].conversation_json = R"({"messages":[{"role":"user","content":"hi"}]})";
  batch[3].conversation_hash = -42;
  batch[4].deployment_id = 1;
  batch[4].arm = "tuned";
  traces.insert_traces(batch);
  traces.save_stored_responses(
      std::vector<store::StoredResponse>{{"resp_1", "tr_3", "ses_x", R"({"messages":[]})",
                                          R"({"id":"resp_1"})", 1700000000500, std::nullopt}});
  traces.save_dataset_trace_source({dataset.id, R"({"model":"a"})", 1700000003, 12});

  auto& training = *stores.training;
  store::TrainingRun training_run;
  training_run.dataset_id = dataset.id;
  training_run.backend = "external";
  training_run.base_model = "base-1";
  training_run.dataset_revision = 4;
  training_run.grader_version = "v1";
  training_run.train_count = 2;
  training_run.valid_count = 1;
  training_run.created_at = 1700000200;
  auto created_run = training.create_run(training_run, std::vector<int64_t>{ids[0], ids[1]},
                                         std::vector<int64_t>{ids[2]});
  training.append_metrics(
      created_run.id,
      std::vector<store::TrainingMetric>{{0, created_run.id, 1700000201000, R"({"reward":0.25})"},
                                         {0, created_run.id, 1700000202000, R"({"reward":0.5})"}});
  training.append_events(
      created_run.id,
      std::vector<store::TrainingEvent>{{0, created_run.id, 1700000201500, "warning", "slow"}});
  training.modify_run(created_run.id, [](store::TrainingRun& changed) {
    changed.state = "succeeded";
    changed.fine_tuned_model = "ft:base-1:support";
  });

  auto& deployments = *stores.deployments;
  store::Deployment deployment;
  deployment.dataset_id = dataset.id;
  deployment.run_id = created_run.id;
  deployment.mode = "ab";
  deployment.base_model = "a";
  deployment.tuned_model = "ft:base-1:support";
  deployment.share_bp = 2500;
  deployment.history_json = R"([{"action":"created"}])";
  deployment.created_at = 1700000300;
  auto deployed = deployments.create_deployment(deployment);
  deployments.record_online_scores(
      deployed.id, 5,
      {{5, "tr_4", "tuned", 1700000003600000, 0.75, "graded", ""},
       {6, "tr_5", "base", 1700000004500000, std::nullopt, "", "failed"}});
  store::Benchmark benchmark;
  benchmark.dataset_id = dataset.id;
  benchmark.run_id = created_run.id;
  benchmark.base_model = "a";
  benchmark.tuned_model = "ft:base-1:support";
  benchmark.created_at = 1700000400;
  auto measured = deployments.create_benchmark(benchmark);
  deployments.save_benchmark_report(measured.id, R"({"better":true})", R"([{"id":1}])");

  auto& access = *stores.access;
  auto admin = access.create_user("Zoë", "admin", "$y$hash");
  auto removed = access.create_user("temp", "viewer", "");
  access.remove_user(removed.id);  // its id must not be drawn again either
  access.create_session({"session-sha", admin.id, "csrf", 100, 100, 4102444800, "10.0.0.1"});
  access.create_token({0, admin.id, "ci", "rf_pat_12", "token-sha", 100, std::nullopt});
  store::AuditEntry entry;
  entry.at = 1700000500000;
  entry.user_id = admin.id;
  entry.user_name = "Zoë";
  entry.via = "session";
  entry.action = "dataset.create";
  entry.method = "POST";
  entry.path = "/api/datasets";
  entry.status = 201;
  access.append_audit(entry);
  access.add_sign_in_failure({store::SignInKeyKind::name, "zoë"}, 1700000600000);
}

namespace detail {
inline std::string text_of(const std::optional<std::string>& value) {
  return value ? "'" + *value + "'" : "null";
}
inline std::string text_of(const std::optional<int64_t>& value) {
  return value ? std::to_string(*value) : "null";
}
inline std::string text_of(const std::optional<double>& value) {
  if (!value) return "null";
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.17g", *value);
  return buffer;
}
inline std::string text_of(double value) {
  return text_of(std::optional<double>(value));
}
}  // namespace detail

// What the store interfaces answer about every kind of row, one line each.
inline std::vector<std::string> store_answers(const store::StoreLocation& location) {
  using detail::text_of;
  auto stores = open_stores(location);
  std::vector<std::string> lines;
  auto add = [&](std::string line) { lines.push_back(std::move(line)); };
  add("setting admin " + text_of(stores.main->get_setting("admin_token_sha256")));
  add("routes version " + std::to_string(stores.deployments->routes_version()));
  for (const auto& dataset : stores.main->list_datasets()) {
    auto id = dataset.id;
    add("dataset " + std::to_string(id) + " " + dataset.name + " " + dataset.objective + " rev " +
        std::to_string(dataset.revision) + " " + std::to_string(dataset.created_at));
    auto counts = stores.main->count_records(id);
    add(" counts " + std::to_string(counts.total) + "/" + std::to_string(counts.valid));
    for (const auto& code : stores.main->count_issue_codes(id))
      add(" code " + code.code + " " + std::to_string(code.count) +
          (code.is_error ? " error" : ""));
    for (const auto& topic : stores.main->count_records_by_topic(id))
      add(" topic " + topic.topic + " " + topic.origin + " " + std::to_string(topic.count));
    for (const auto& [tokens, count] : stores.main->token_length_counts(id))
      add(" tokens " + std::to_string(tokens) + " x" + std::to_string(count));
    store::RecordFilter all;
    all.limit = 1000;
    for (const auto& record : stores.main->list_records(id, all).items) {
      auto full = stores.main->get_record(id, record.id);
      add(" record " + std::to_string(record.id) + " line " + text_of(record.line) + " " +
          record.origin + (record.valid ? " valid " : " invalid ") + record.issues_json + " " +
          std::to_string(record.token_count) + " topic " + text_of(record.topic) + " " +
          text_of(record.confidence) + (record.topic_manual ? " manual" : "") + " trace " +
          text_of(record.trace_id) + " text " + full->text);
    }
    for (const char* word : {"refund", "shipping", "please", "nothing"}) {
      store::RecordFilter search;
      search.text_query = word;
      std::string found;
      for (const auto& record : stores.main->list_records(id, search).items)
        found += " " + std::to_string(record.id);
      add(std::string(" search ") + word + ":" + found);
    }
    if (auto topics = stores.main->get_topics(id))
      add(" topics " + topics->topic_set_json + " " + topics->source + " " + topics->method_json);
    if (auto grader = stores.main->current_grader(id))
      add(" grader " + std::to_string(grader->id) + " " + grader->version + " " +
          grader->config_json + " " + text_of(grader->last_test_json));
    add(" step " + text_of(stores.main->get_step_state(id, "coverage")));
    for (const auto& job : stores.main->list_jobs(id, 100))
      add(" job " + std::to_string(job.id) + " " + job.kind + " " +
          std::string(store::to_string(job.state)) + " " + text_of(job.result_json) + " " +
          text_of(job.finished_at));
    for (const auto& run : stores.main->list_generation_runs(id)) {
      add(" generation " + std::to_string(run.id) + " " + run.model + " " + run.state +
          (run.review ? " review " : " ") + text_of(run.finished_at));
      int64_t total = 0;
      for (const auto& generated :
           stores.main->list_generated_records(run.id, std::nullopt, 0, 100, &total))
        add("  generated " + std::to_string(generated.id) + " " + generated.status + " " +
            generated.gate + " " + text_of(generated.similarity) + " " + generated.text);
    }
    if (auto source = stores.traces->find_dataset_trace_source(id))
      add(" trace source " + source->filter_json + " " + text_of(source->last_pulled_at) + " " +
          std::to_string(source->pulled_through_seq));
    for (const auto& run : stores.training->list_runs(id)) {
      add(" training " + std::to_string(run.id) + " " + run.state + " " +
          text_of(run.fine_tuned_model));
      auto split = stores.training->split_of(run.id);
      for (const auto& [record, part] : std::map(split.begin(), split.end()))
        add("  split " + std::to_string(record) +
            (part == store::SplitPart::train ? " train" : " valid"));
      for (const auto& metric : stores.training->list_metrics(run.id, 0, 100))
        add("  metric " + std::to_string(metric.seq) + " " + std::to_string(metric.at_ms) + " " +
            metric.values_json);
      for (const auto& event : stores.training->list_events(run.id, 0, 100))
        add("  event " + std::to_string(event.seq) + " " + event.level + " " + event.message);
    }
  }
  store::TraceFilter every;
  every.limit = 1000;
  for (const auto& trace : stores.traces->list_traces(every, true).traces) {
    std::string tags;
    for (const auto& tag : trace.tags) tags += tag + ",";
    add("trace " + std::to_string(trace.seq) + " " + trace.id + " " +
        std::to_string(trace.created_at_ms) + " " + trace.endpoint + " " + trace.model_requested +
        "/" + trace.model + " " + trace.provider + " " + std::to_string(trace.status) +
        (trace.stream ? " stream " : " ") + text_of(trace.error) + " " + text_of(trace.latency_ms) +
        " " + text_of(trace.ttft_ms) + " " + text_of(trace.prompt_tokens) + " " +
        text_of(trace.completion_tokens) + " " + text_of(trace.cached_tokens) + " " +
        text_of(trace.reasoning_tokens) + " key " + text_of(trace.gateway_key_id) + " tags " +
        tags + " dep " + text_of(trace.deployment_id) + " " + trace.arm + " ses " +
        trace.session_id + " " + text_of(trace.conversation_hash) + " " + trace.request_json + " " +
        text_of(trace.response_json) + " " + text_of(trace.conversation_json));
  }
  for (const char* query : {"alpha", "gamma answer", "prod"}) {
    store::TraceFilter search;
    search.text_query = query;
    std::string found;
    for (const auto& trace : stores.traces->list_traces(search, false).traces)
      found += " " + trace.id;
    add(std::string("trace search ") + query + ":" + found);
  }
  store::TraceFilter tagged;
  tagged.tag = "prod";
  add("tagged prod " + std::to_string(stores.traces->list_traces(tagged, false).total));
  for (const auto& row : stores.traces->trace_stats({}))
    add("stats " + row.day + " " + row.model + " " + std::to_string(row.calls) + " " +
        std::to_string(row.errors) + " " + std::to_string(row.prompt_tokens) + " " +
        text_of(row.latency_p50_ms) + " " + text_of(row.latency_p99_ms));
  add("trace bytes " + std::to_string(stores.traces->trace_bytes()));
  for (const auto& key : stores.traces->list_gateway_keys())
    add("key " + std::to_string(key.id) + " " + key.name + " " + key.prefix + " " +
        text_of(key.revoked_at));
  if (auto response = stores.traces->find_stored_response("resp_1"))
    add("stored response " + response->trace_id + " " + response->response_json);
  for (const auto& deployment : stores.deployments->list_deployments(false)) {
    add("deployment " + std::to_string(deployment.id) + " " + deployment.mode + " " +
        deployment.base_model + " " + deployment.state + " " + std::to_string(deployment.share_bp) +
        " " + std::to_string(deployment.scored_through_seq));
    for (const auto& score : stores.deployments->list_online_scores(deployment.id, 0, 100))
      add(" score " + std::to_string(score.trace_seq) + " " + score.arm + " " +
          text_of(score.score) + " " + score.error);
  }
  for (const auto& benchmark : stores.deployments->list_benchmarks(std::nullopt, std::nullopt))
    add("benchmark " + std::to_string(benchmark.id) + " " + benchmark.report_json + " " +
        text_of(stores.deployments->benchmark_samples(benchmark.id)));
  for (const auto& user : stores.access->list_users(200)) {
    add("user " + std::to_string(user.id) + " " + user.name + " " + user.role + " " +
        user.password_hash + " sessions " + std::to_string(user.sessions) + " tokens " +
        std::to_string(user.tokens));
    for (const auto& token : stores.access->list_tokens(user.id))
      add(" token " + std::to_string(token.id) + " " + token.name + " " + token.token_sha256);
  }
  if (auto session = stores.access->find_session("session-sha"))
    add("session " + std::to_string(session->user_id) + " " + session->csrf_token);
  for (const auto& entry : stores.access->list_audit({}))
    add("audit " + std::to_string(entry.id) + " " + entry.user_name + " " + entry.action + " " +
        std::to_string(entry.status));
  for (const auto& failure :
       stores.access->recent_sign_in_failures({store::SignInKeyKind::name, "zoë"}, 0, 10))
    add("sign-in failure " + std::to_string(failure.id) + " " + std::to_string(failure.at_ms));
  return lines;
}

}  // namespace reinforge::testing
