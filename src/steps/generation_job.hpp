#pragma once
// Step 3's generation on a stored dataset (PRODUCT.md §5, docs/generation.md): the "generation"
// job asks the dataset's generation model for records of the topics that lack them, seeded by
// real records of each topic, passes every record through the quality gates
// (generation/generation_gates.hpp) until each topic has what was planned, and ends the run in
// one transaction: the accepted records join the dataset (or wait for review) and every verdict
// is kept. A cancel, a failure or a restart adds nothing to the dataset.
#include <cstdint>

#include "jobs/job_runner.hpp"
#include "steps/generation_planning.hpp"
#include "steps/job_models.hpp"

namespace reinforge::steps {

inline constexpr const char* kGenerationJob = "generation";

void register_generation_job(jobs::JobRunner& runner, const JobModels& models);

// Checks the request (model served, topics known, something to generate), creates the run and
// queues its job. Throws std::invalid_argument with a message for the person.
store::GenerationRun start_generation(store::Store& store, const JobModels& models,
                                      jobs::JobRunner& runner, int64_t dataset_id,
                                      const GenerationRequest& request);

// The run as the API shows it: a run still "running" whose job ended (the process died) takes
// the job's state and error.
store::GenerationRun with_job_state(store::Store& store, store::GenerationRun run);

}  // namespace reinforge::steps
