#pragma once
// A record as a line of a run's split files (docs/training.md): the prompt (everything before
// the reference answer), the tools, the reference as text and the record's extra fields, so a
// trainer's rollouts and a grader's `{{item.*}}` see what the dry run's grader saw.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace reinforge::training {

// For external trainers: {"record_id", "topic", "prompt", "tools", "reference", ...extras}.
// `prompt` is the conversational column TRL's GRPOTrainer and OpenRLHF read.
nlohmann::json external_split_line(int64_t record_id, const std::string& topic,
                                   const nlohmann::json& record);

// For OpenAI's reinforcement fine-tuning: {"messages", "tools"?, "reference", "record_id",
// ...extras}. OpenAI takes no `system` role in RFT data, so system messages become `developer`
// messages; `reference` is what the exported grader's `{{item.reference}}` reads.
nlohmann::json openai_rft_line(int64_t record_id, const nlohmann::json& record);

}  // namespace reinforge::training
