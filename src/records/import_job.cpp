#include "records/import_job.hpp"

#include <nlohmann/json.hpp>

#include "records/dataset_settings.hpp"
#include "util/secure_token.hpp"

namespace reinforge::records {

void register_import_job(jobs::JobRunner& runner) {
  runner.register_kind(
      kImportJobKind,
      [](jobs::JobContext& context) {
        auto params = nlohmann::json::parse(context.job().params_json);
        std::filesystem::path file = params.at("file").get<std::string>();
        int64_t dataset_id = context.job().dataset_id.value_or(0);
        auto dataset = context.store().find_dataset(dataset_id);
        if (!dataset) throw std::runtime_error("the dataset was deleted during the import");
        if (!std::filesystem::exists(file)) {
          throw std::runtime_error("the uploaded file is gone; upload it again");
        }
        ImportOptions options;
        options.mode =
            import_mode_from_string(params.value("mode", "append")).value_or(ImportMode::append);
        options.validation = settings_from_json(dataset->settings_json).validation;
        options.job_id = context.job().id;
        options.job_instance = context.instance();
        options.on_progress = [&](int64_t done, int64_t total, const ImportCounts& counts) {
          context.progress(done, total,
                           "Imported " + std::to_string(counts.imported) + " records (" +
                               std::to_string(counts.invalid) + " invalid)");
          context.check_cancelled();
        };
        ImportCounts counts;
        try {
          counts = import_jsonl(context.store(), dataset_id, file, options,
                                checkpoint_from_json(context.job().checkpoint_json));
        } catch (const jobs::JobInterrupted&) {
          throw;  // keep the file: the job resumes from its checkpoint at the next start
        } catch (...) {
          std::filesystem::remove(file);
          throw;
        }
        std::filesystem::remove(file);
        context.progress(context.job().total, context.job().total,
                         "Imported " + std::to_string(counts.imported) + " records (" +
                             std::to_string(counts.invalid) + " invalid)");
        return counts_to_json(counts);
      },
      // The upload is on this instance's disk.
      {.resumable = true, .runs_where_submitted = true});
}

store::Job submit_import(jobs::JobRunner& runner, int64_t dataset_id,
                         const std::filesystem::path& upload,
                         const std::filesystem::path& uploads_dir, ImportMode mode,
                         const std::string& filename,
                         const std::optional<jobs::FollowUpJob>& then) {
  std::filesystem::create_directories(uploads_dir);
  auto kept = uploads_dir / ("import-" + util::generate_secret("").substr(0, 16) + ".jsonl");
  std::filesystem::rename(upload, kept);
  nlohmann::json params{{"file", kept.string()},
                        {"mode", mode == ImportMode::replace ? "replace" : "append"},
                        {"filename", filename}};
  std::string message = "Importing " + (filename.empty() ? std::string("records") : filename);
  if (then) return runner.submit(kImportJobKind, dataset_id, params.dump(), message, *then);
  return runner.submit(kImportJobKind, dataset_id, params.dump(), message);
}

}  // namespace reinforge::records
