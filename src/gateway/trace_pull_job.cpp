#include "gateway/trace_pull_job.hpp"

#include <nlohmann/json.hpp>

#include "gateway/trace_datasets.hpp"
#include "store/trace_store.hpp"

namespace reinforge::gateway {

namespace {

std::string counts_message(const TraceImportCounts& counts) {
  return "Added " + std::to_string(counts.added) + " traces as records (" + std::to_string(counts.invalid) +
         " invalid)";
}

}  // namespace

void register_trace_pull_job(jobs::JobRunner& runner, const store::StoreLocation& location) {
  runner.register_kind(
      kTracePullJobKind,
      [location](jobs::JobContext& context) {
        int64_t dataset_id = context.job().dataset_id.value_or(0);
        if (!context.store().find_dataset(dataset_id)) throw std::runtime_error("the dataset was deleted");
        auto traces = store::open_trace_store(location);
        auto counts = pull_new_traces(context.store(), *traces, dataset_id, [&](const TraceImportCounts& so_far) {
          context.progress(so_far.added, 0, counts_message(so_far));
          context.check_cancelled();
        });
        context.progress(counts.added, counts.added, counts_message(counts));
        return nlohmann::json{{"added", counts.added}, {"invalid", counts.invalid}, {"skipped", counts.skipped}}.dump();
      },
      {.resumable = true});
}

store::Job submit_trace_pull(jobs::JobRunner& runner, int64_t dataset_id,
                             const std::optional<jobs::FollowUpJob>& then) {
  constexpr const char* kMessage = "Adding traces as records";
  if (then) return runner.submit(kTracePullJobKind, dataset_id, "{}", kMessage, *then);
  return runner.submit(kTracePullJobKind, dataset_id, "{}", kMessage);
}

}  // namespace reinforge::gateway
