#pragma once
// The `openai` backend: reinforcement fine-tuning on OpenAI's fine-tuning jobs API (or any
// endpoint that speaks it). Start uploads the split as two files and creates the job with the
// dataset's grader in OpenAI's format; polls read the job, its new events (metrics events carry
// the rewards) and new checkpoints; cancel cancels the job. State: the file ids, the job id, the
// newest event read and the checkpoints seen.
#include <memory>

#include "training/trainer.hpp"

namespace reinforge::training {

std::unique_ptr<Trainer> make_openai_trainer();

// The job body: model, files, suffix, seed, metadata and method.reinforcement with the grader and
// the hyperparameters. Pure, for tests.
nlohmann::json openai_job_body(const TrainerRun& run, const nlohmann::json& grader,
                               const std::string& training_file,
                               const std::string& validation_file);

}  // namespace reinforge::training
