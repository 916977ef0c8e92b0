#include <csignal>
#include <iostream>
#include <optional>
#include <thread>

#include "access/access_control.hpp"
#include "access/first_admin.hpp"
#include "api/admin_token.hpp"
#include "api/routes.hpp"
#include "cli/arguments.hpp"
#include "cli/commands.hpp"
#include "cli/data_dir_lock.hpp"
#include "cli/instance_name.hpp"
#include "cli/server_config.hpp"
#include "cli/shutdown_signals.hpp"
#include "deploy/online_scoring.hpp"
#include "gateway/gateway.hpp"
#include "gateway/trace_pull_job.hpp"
#include "gateway/trace_retention.hpp"
#include "http/server.hpp"
#include "http/tls_credentials.hpp"
#include "jobs/job_runner.hpp"
#include "providers/key_destinations.hpp"
#include "records/import_job.hpp"
#include "steps/benchmark_job.hpp"
#include "steps/dry_run_job.hpp"
#include "steps/generation_job.hpp"
#include "steps/job_models.hpp"
#include "steps/split_topic_job.hpp"
#include "steps/topic_jobs.hpp"
#include "steps/training_job.hpp"
#include "store/store_location.hpp"
#include "util/byte_size.hpp"

namespace reinforge::cli {

namespace {

std::string describe_retention(const gateway::TraceRetention& retention) {
  if (!retention.days && !retention.max_bytes) return "kept forever (no retention set)";
  std::string text = "kept";
  if (retention.days) text += " " + std::to_string(*retention.days) + " days";
  if (retention.days && retention.max_bytes) text += " and";
  if (retention.max_bytes) text += " up to " + util::format_byte_size(*retention.max_bytes);
  return text;
}

}  // namespace

int run_serve_command(const std::vector<std::string>& args) {
  Arguments arguments(args);
  arguments.reject_unknown({"host", "port", "data-dir", "config", "web-dir", "max-upload-mb",
                            "public-url", "trace-retention-days", "trace-max-bytes", "tls-cert",
                            "tls-key", "store", "trusted-proxies"});
  ServerConfig config = load_server_config(arguments);
  // Read before anything is opened, so a wrong certificate or key stops the start at once.
  std::shared_ptr<const http::TlsCredentials> tls;
  if (!config.tls_cert_file.empty())
    tls = std::make_shared<const http::TlsCredentials>(config.tls_cert_file, config.tls_key_file);
  auto config_file = arguments.option("config");
  auto gateway_config = gateway::load_gateway_config(
      config_file ? std::optional<std::filesystem::path>(*config_file) : std::nullopt,
      gateway::process_environment());
  // A request's provider block may send a key variable only where this config sends it.
  std::vector<std::pair<std::string, std::string>> key_destinations;
  for (const auto& provider : gateway_config.providers) {
    if (!provider.api_key_env.empty())
      key_destinations.emplace_back(provider.api_key_env, provider.base_url);
  }
  providers::restrict_key_destinations(std::move(key_destinations));

  // SIGINT/SIGTERM are taken by a dedicated thread (blocked everywhere else), which starts
  // the graceful shutdown: stop accepting, finish in-flight requests, pause jobs.
  sigset_t signals = block_shutdown_signals();

  DataDirLock data_dir_lock(config.data_dir);
  const auto location = config.store_location();
  auto store = store::open_store(location);
  // Jobs call models by the names the gateway serves, through the same providers.
  steps::JobModels job_models(gateway_config);
  jobs::JobRunner job_runner(*store, jobs::JobRunnerOptions{.instance = instance_name(config.data_dir),
                                                            .workers = 2,
                                                            .lease = config.job_lease});
  records::register_import_job(job_runner);
  steps::register_topic_jobs(job_runner, job_models);
  steps::register_split_topic_job(job_runner);
  steps::register_dry_run_job(job_runner);
  steps::register_generation_job(job_runner, job_models);
  gateway::register_trace_pull_job(job_runner, location);
  auto training_runs = store::open_training_store(location);
  steps::TrainingJobServices training{*training_runs, config.data_dir, ""};
  steps::register_training_job(job_runner, training);

  auto admin_token = api::establish_admin_token(*store, config.data_dir);
  auto access_store = store::open_access_store(location);
  auto first_admin = access::ensure_first_admin(*access_store, admin_token.display);
  access::AccessControl access_control(*access_store, admin_token.sha256);
  auto deployments = store::open_deployment_store(location);
  steps::BenchmarkServices benchmarks{job_models, *deployments, *training_runs};
  steps::register_benchmark_job(job_runner, benchmarks);
  // Grades a share of each deployment's traces and runs the guards (step 7).
  deploy::OnlineScorer online_scorer(location);
  api::AppContext context{*store,
                          job_runner,
                          config.data_dir,
                          job_models,
                          store::open_trace_store(location),
                          training,
                          admin_token.sha256,
                          deployments.get(),
                          &access_control};
  http::Router router;
  api::register_api_routes(router, context);

  http::ServerOptions options;
  options.host = config.host;
  options.port = config.port;
  options.tls = tls;
  options.max_upload_bytes = config.max_upload_mb << 20;
  options.upload_dir = config.data_dir / "uploads";
  options.web_dir = config.web_dir;
  options.trusted_proxies = config.trusted_proxies;
  options.admit = [&access_control](http::Request& request, const std::string& route) {
    return access_control.admit(request, route);
  };
  options.after = [&access_control](const http::Request& request, const std::string& route,
                                    const http::Response& response) {
    access_control.record(request, route, response);
  };
  gateway::Gateway gateway(std::move(gateway_config), location, admin_token.sha256);
  // The playground calls the gateway from a signed-in page, which holds no gateway key.
  gateway.accept_ui_sessions([&access_control](const http::Request& request) {
    return access_control.session_may_call_gateway(request);
  });
  gateway.install(options, router);
  http::Server server(options, std::move(router));
  server.listen();

  std::string url =
      (tls ? "https://" : "http://") + config.host + ":" + std::to_string(server.port());
  // Jobs start once the port is known: a training run names its trainer endpoints by it (or by
  // --public-url, the address trainers on other machines reach this server at).
  training.server_url = arguments.option_or("public-url", url);
  while (!training.server_url.empty() && training.server_url.back() == '/')
    training.server_url.pop_back();
  job_runner.start();
  online_scorer.start();
  std::cout << "Reinforge is running at " << url << "\n";
  if (admin_token.display) {
    std::cout << "Admin token: " << *admin_token.display
              << (admin_token.generated_now
                      ? "   (new; also saved in " + admin_token.file.string() + ")"
                      : "")
              << "\n";
  } else if (location.is_postgresql()) {
    // Chosen by REINFORGE_ADMIN_TOKEN, or generated and saved by the first instance on this store:
    // which one cannot be told from here.
    std::cout << "Admin token: chosen when this store was first used (REINFORGE_ADMIN_TOKEN, or "
                 "the admin-token file of the instance that first used it); set "
                 "REINFORGE_ADMIN_TOKEN to choose a new one\n";
  } else {
    std::cout << "Admin token: chosen earlier (REINFORGE_ADMIN_TOKEN, or saved in "
              << admin_token.file.string()
              << ", which is not there now); set REINFORGE_ADMIN_TOKEN to choose a new one\n";
  }
  if (first_admin) std::cout << *first_admin << "\n";
  std::cout << "Gateway: " << url << "/v1 (" << gateway.config().providers.size() << " providers, "
            << gateway.config().models.size() << " models)\n";
  std::cout << "Data directory: " << config.data_dir.string() << "\n";
  if (location.is_postgresql()) {
    std::cout << "Store: " << location.describe() << " (shared; this instance is "
              << job_runner.instance() << ")\n";
  }
  std::cout << "Traces: " << describe_retention(config.trace_retention) << "\n" << std::flush;
  // Deletes old traces in small batches on its own connection (docs/gateway.md, "Trace retention").
  std::optional<gateway::TracePruner> trace_pruner;
  if (config.trace_retention.days || config.trace_retention.max_bytes) {
    trace_pruner.emplace(store::open_trace_store(location), config.trace_retention);
    trace_pruner->start();
  }

  std::thread signal_waiter([&server, signals] {
    int received = 0;
    sigwait(&signals, &received);
    std::cout << "\nReinforge is shutting down (finishing requests in flight)…\n" << std::flush;
    server.stop();
  });
  server.run();
  gateway.close_upstream_connections();
  if (trace_pruner) trace_pruner->stop();
  online_scorer.stop();
  job_runner.stop();
  // Wake the signal thread if run() ended for another reason.
  pthread_kill(signal_waiter.native_handle(), SIGTERM);
  signal_waiter.join();
  std::cout << "Reinforge stopped.\n";
  return 0;
}

}  // namespace reinforge::cli
