#include "cli/command_list.hpp"

#include <cstring>
#include <exception>
#include <iostream>

#include "cli/arguments.hpp"
#include "cli/commands.hpp"
#include "store/store_location.hpp"

namespace reinforge::cli {

const std::vector<Command>& all_commands() {
  static const std::vector<Command> commands = {
      // Each subsystem adds its command here; the declarations live in cli/commands.hpp.
      {"serve",
       "reinforge serve [--host H] [--port P] [--data-dir D] [--store URL] [--config FILE] [--web-dir DIR] "
       "[--max-upload-mb N] [--public-url URL] [--trace-retention-days N] [--trace-max-bytes SIZE] "
       "[--tls-cert FILE --tls-key FILE] [--trusted-proxies ADDR,...]",
       "Run the gateway, the API and the web UI (default http://127.0.0.1:8080, data in ./data; "
       "--store postgresql://… to share one PostgreSQL database with other instances). "
       "Traces are kept forever unless --trace-retention-days (1 or more) or --trace-max-bytes "
       "(500MB, 20GB, ...) limit them: older ones are deleted in the background, the usage charts "
       "keep their history. --tls-cert and --tls-key (PEM files) serve HTTPS instead of HTTP. "
       "--trusted-proxies: load balancers whose X-Forwarded-For names the client.",
       run_serve_command},
      {"import", "reinforge import --data-dir D [--store URL] --dataset NAME [--mode append|replace] FILE.jsonl",
       "Import a JSONL file into a dataset (created when missing), validating every record.",
       run_import_command},
      {"export", "reinforge export --data-dir D [--store URL] --dataset NAME [--valid-only] [--topic ID] [--output FILE]",
       "Write a dataset's records as JSONL (stdout by default).", run_export_command},
      {"validate",
       "reinforge validate [--format text|json] [--max-tokens N] [--encoding E] FILE.jsonl",
       "Check every record (PRODUCT.md health rules); exit 0 when all are valid, 1 when some are "
       "not, 2 on a usage or I/O error.",
       run_validate_command},
      {"tokens", "reinforge tokens [--encoding o200k_base|cl100k_base] [--threads N] FILE.jsonl",
       "Print each line's token count, in input order: of the string when the line is a JSON "
       "string, of the chat when it is a record. Counts on every core (--threads to limit).",
       run_tokens_command},
      {"keys", "reinforge keys [--data-dir D] [--store URL] create NAME | list | revoke ID",
       "Create (shown once), list or revoke the gateway keys callers send as their API key.",
       run_keys_command},
      {"users", "reinforge users [--data-dir D] [--store URL] add NAME --role ROLE [--password-stdin] | list | set-role NAME ROLE | reset-password NAME [--password-stdin] | remove NAME",
       "Add, list, change or remove the people who sign in to the UI and API (docs/access.md).",
       run_users_command},
      {"traces",
       "reinforge traces prune --before DATE [--data-dir D] [--store URL] | traces export [--data-dir D] [--store URL] "
       "[--model M] [--key N] [--status S] [--from T] [--to T] [--tag T] [--q WORDS] "
       "[--endpoint E] [--provider P] [--session S] > traces.jsonl",
       "prune: delete the traces that started before DATE (2026-11-24, 2026-11-24T10:00:00Z or "
       "Unix ms) with their search index entries and tags, in small batches; the usage charts "
       "keep them. export: every trace matching the filters (those of GET /api/traces) as JSONL, "
       "one object a line with its fields and bodies, in the order they were stored. Both work "
       "while a server runs on the same data directory.",
       run_traces_command},
      {"grade",
       "reinforge grade (--script G.js | --judge JUDGE.json | --grader GRADER.json) [--format "
       "text|json] [--objective TEXT] [--cpu-ms N] [--memory-mb N] RECORDS.jsonl",
       "Grade each record's reference answer (its last assistant message); exit 0 when it ran, "
       "whatever the scores, 2 on a usage or I/O error.",
       run_grade_command},
      {"topics",
       "reinforge topics discover FILE.jsonl [--k N] [--no-subtopics] [--format text|json] "
       "[--topics-out FILE] | categorize FILE.jsonl --topics TOPICS.json [--format text|json] "
       "[--topics-out FILE] | templates [ID]",
       "Find topics in the valid records' user turns, or assign each record a topic of a given "
       "set, printing one line per input line (topic list to stderr or --topics-out).",
       run_topics_command},
      {"train",
       "reinforge train --data-dir D [--store URL] --dataset NAME --backend openai|external --base-model M "
       "[--grader "
       "FILE.json|FILE.js] [--force] [--format text|json] [--config FILE] [--command CMD] "
       "[--valid-share "
       "0.1] [--seed N] [--hyperparameters JSON] [--host H] [--port P]",
       "Start a training run (step 6) and follow it to the end: one line per metric point, then "
       "the "
       "outcome; exit 0 when it succeeded, 1 when it failed, was cancelled or the dry-run gate "
       "refused, "
       "2 on bad usage.",
       run_train_command},
      {"deploy",
       "reinforge deploy --data-dir D [--store URL] --model M --mode replace|endpoint|ab --base B [--share 0.2] "
       "[--endpoint NAME] [--provider P] [--score-share 0.1] [--guard] [--config FILE] [--format text|json] | "
       "deploy rollback --base B | deploy list",
       "Route a tuned model in the gateway (step 7): replace the base model, a new endpoint, or a sticky "
       "A/B share; roll back; list. A server on the same data directory applies it within a second.",
       run_deploy_command},
      {"benchmark",
       "reinforge benchmark --data-dir D [--store URL] --dataset NAME --base B --tuned T [--run ID] [--provider P] "
       "[--k N] [--samples N] [--concurrency N] [--config FILE] [--format text|json] "
       "[--require-better]",
       "Grade the base and the tuned model on the same held-out records (step 7) and print the "
       "paired figures; exit 0 when it ran, 1 when it could not, 2 on bad usage, 3 with "
       "--require-better when the tuned model is not conclusively better.",
       run_benchmark_command},
      {"generate",
       "reinforge generate --data-dir D [--store URL] --dataset NAME [--topic T [--count N]]... [--model M] "
       "[--records-per-call 5] [--concurrency 4] [--max-synthetic-share 0.3] [--duplicate-threshold 0.85] "
       "[--price-input USD --price-output USD] [--review] [--plan] [--config FILE] [--format text|json]",
       "Generate records for the topics a dataset lacks (step 3): each topic filled to its target, or "
       "the counts given, within the cap on synthetic data; every record passes the health, duplicate "
       "and topic gates. --plan prints the plan and estimate only. Exit 0 when it ran, 1 when it could "
       "not, 2 on bad usage.",
       run_generate_command},
      {"migrate", "reinforge migrate --from SRC --to DST [--force]",
       "Copy the whole store between a data directory and PostgreSQL (postgresql://... or "
       "\"host=... dbname=...\"), either way, with its ids; then compare every table's rows and "
       "checksum on both sides. Refuses a target that holds data unless --force, which deletes it "
       "first. Stop the servers on both stores first. Exit 0 when every table matches, 1 when one "
       "differs, 2 when it could not run, 69 when a database cannot be reached.",
       run_migrate_command},
  };
  return commands;
}

static void print_help(std::ostream& out) {
  out << "reinforge: LLM gateway and reinforcement fine-tuning workbench\n\nCommands:\n";
  for (const auto& command : all_commands()) {
    out << "  " << command.usage << "\n      " << command.summary << "\n";
  }
  out << "\nRun `reinforge COMMAND --help` for a command's options.\n";
}

int run_main(int argc, char** argv) {
  if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "help")) {
    print_help(argc < 2 ? std::cerr : std::cout);
    return argc < 2 ? 2 : 0;
  }
  std::vector<std::string> args(argv + 2, argv + argc);
  for (const auto& command : all_commands()) {
    if (std::strcmp(command.name, argv[1]) != 0) continue;
    if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
      std::cout << "usage: " << command.usage << "\n" << command.summary << "\n";
      return 0;
    }
    try {
      return command.run(args);
    } catch (const store::StoreUnreachable& error) {
      // Its own exit code, so that a supervisor retries a start the database was not up for.
      std::cerr << "reinforge " << command.name << ": " << error.what() << "\n";
      return kExitStoreUnreachable;
    } catch (const UsageError& error) {
      std::cerr << "reinforge " << command.name << ": " << error.what()
                << "\nusage: " << command.usage << "\n";
      return 2;
    } catch (const std::exception& error) {
      std::cerr << "reinforge " << command.name << ": " << error.what() << "\n";
      return 2;
    }
  }
  std::cerr << "reinforge: unknown command '" << argv[1] << "'\n";
  print_help(std::cerr);
  return 2;
}

}  // namespace reinforge::cli
