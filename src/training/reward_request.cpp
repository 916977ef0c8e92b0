#include "training/reward_request.hpp"

#include <array>
#include <charconv>

namespace reinforge::training {

namespace {

std::optional<int64_t> parse_record_id(const nlohmann::json& value) {
  if (value.is_number_integer()) return value.get<int64_t>();
  if (!value.is_string()) return std::nullopt;
  const auto& text = value.get_ref<const std::string&>();
  int64_t id = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return id;
}

RewardSample native_sample(const nlohmann::json& entry, std::size_t index) {
  RewardSample sample;
  std::string where = "samples[" + std::to_string(index) + "]";
  if (!entry.is_object()) {
    sample.error = where + " is not an object";
    return sample;
  }
  if (entry.contains("item")) {
    if (!entry["item"].is_object()) {
      sample.error = where + ".item must be a record object";
      return sample;
    }
    sample.item = entry["item"];
  } else if (entry.contains("record_id")) {
    sample.record_id = parse_record_id(entry["record_id"]);
    if (!sample.record_id) {
      sample.error = where + ".record_id must be a record id such as \"123\"";
      return sample;
    }
  } else {
    sample.error = where + " needs a record_id or an item";
    return sample;
  }
  std::string finish_reason = entry.value("finish_reason", "stop");
  if (entry.contains("messages")) {
    const auto& messages = entry["messages"];
    const nlohmann::json* answer = nullptr;
    if (messages.is_array()) {
      for (const auto& message : messages) {
        if (message.is_object() && message.value("role", "") == "assistant") answer = &message;
      }
    }
    if (!answer) {
      sample.error = where + ".messages has no assistant message to grade";
      return sample;
    }
    sample.sample = grading::sample_from_message(*answer, finish_reason);
    return sample;
  }
  if (!entry.contains("output_text") && !entry.contains("tool_calls")) {
    sample.error = where + " needs output_text, tool_calls or messages";
    return sample;
  }
  nlohmann::json message{{"role", "assistant"}};
  if (entry.contains("output_text")) {
    if (!entry["output_text"].is_string()) {
      sample.error = where + ".output_text must be a string";
      return sample;
    }
    message["content"] = entry["output_text"];
  }
  if (entry.contains("tool_calls")) {
    if (!entry["tool_calls"].is_array()) {
      sample.error = where + ".tool_calls must be an array of OpenAI tool calls";
      return sample;
    }
    message["tool_calls"] = entry["tool_calls"];
  }
  sample.sample = grading::sample_from_message(message, finish_reason);
  return sample;
}

void check_batch_size(std::size_t size) {
  if (size > kMaxRewardBatch) {
    throw RewardRequestError("payload_too_large",
                             "A batch holds at most " + std::to_string(kMaxRewardBatch) +
                                 " samples; this one has " + std::to_string(size) +
                                 ". Split it into smaller requests.");
  }
}

RewardRequest read_openrlhf(const nlohmann::json& body) {
  const auto& queries = body["query"];
  if (!queries.is_array())
    throw RewardRequestError("bad_request", "query must be an array of strings");
  check_batch_size(queries.size());
  for (const char* field : {"prompts", "labels"}) {
    if (!body.contains(field) || !body[field].is_array() || body[field].size() != queries.size()) {
      throw RewardRequestError(
          "bad_request",
          std::string(field) + " must be an array as long as query (" +
              std::to_string(queries.size()) + "): Reinforge finds each sample's " +
              "record by its label (--label_key record_id) and its answer after its prompt");
    }
  }
  RewardRequest request;
  request.shape = RewardBodyShape::openrlhf;
  for (std::size_t i = 0; i < queries.size(); ++i) {
    RewardSample sample;
    std::string where = "sample " + std::to_string(i);
    const auto& query = queries[i];
    const auto& prompt = body["prompts"][i];
    sample.record_id = parse_record_id(body["labels"][i]);
    if (!sample.record_id) {
      sample.error = where + ": labels[" + std::to_string(i) + "] is not a record id";
    } else if (!query.is_string() || !prompt.is_string()) {
      sample.error = where + ": query and prompts entries must be strings";
    } else if (auto response =
                   response_after_prompt(query.get<std::string>(), prompt.get<std::string>())) {
      sample.sample.output_text = std::move(*response);
      sample.sample.finish_reason = "stop";
    } else {
      sample.error = where + ": the query does not start with its prompt";
    }
    request.samples.push_back(std::move(sample));
  }
  return request;
}

}  // namespace

std::optional<std::string> response_after_prompt(const std::string& query,
                                                 const std::string& prompt) {
  if (query.compare(0, prompt.size(), prompt) != 0) return std::nullopt;
  std::string response = query.substr(prompt.size());
  // Chat templates' end-of-turn markers (ChatML, Llama 3, Gemma, GPT-2 style, Mistral).
  static const std::array<std::string_view, 6> markers = {
      "<|im_end|>", "<|eot_id|>", "<end_of_turn>", "<|endoftext|>", "</s>", "<|end|>"};
  for (bool stripped = true; stripped;) {
    stripped = false;
    while (!response.empty() && (response.back() == '\n' || response.back() == ' '))
      response.pop_back();
    for (auto marker : markers) {
      if (response.size() >= marker.size() &&
          response.compare(response.size() - marker.size(), marker.size(), marker) == 0) {
        response.resize(response.size() - marker.size());
        stripped = true;
      }
    }
  }
  return response;
}

RewardRequest read_reward_request(const nlohmann::json& body) {
  if (!body.is_object()) {
    throw RewardRequestError("bad_request",
                             "The body must be a JSON object: {\"samples\": [...]} or OpenRLHF's "
                             "{\"query\", \"prompts\", \"labels\"}");
  }
  if (body.contains("samples")) {
    if (!body["samples"].is_array())
      throw RewardRequestError("bad_request", "samples must be an array");
    check_batch_size(body["samples"].size());
    RewardRequest request;
    for (std::size_t i = 0; i < body["samples"].size(); ++i) {
      request.samples.push_back(native_sample(body["samples"][i], i));
    }
    return request;
  }
  if (body.contains("query")) return read_openrlhf(body);
  throw RewardRequestError("bad_request",
                           "The body has neither \"samples\" (Reinforge's batch) nor \"query\" "
                           "(OpenRLHF's remote reward model); see docs/training.md");
}

nlohmann::json reward_response(const RewardRequest& request,
                               const std::vector<grading::GradeResult>& results) {
  if (request.shape == RewardBodyShape::openrlhf) {
    nlohmann::json rewards = nlohmann::json::array();
    nlohmann::json errors = nlohmann::json::array();
    for (const auto& result : results) {
      rewards.push_back(result.score.value_or(0.0));
      errors.push_back(result.ok() ? 0 : 1);
    }
    return {{"rewards", rewards}, {"scores", rewards}, {"extra_logs", {{"grader_errors", errors}}}};
  }
  nlohmann::json scores = nlohmann::json::array();
  double sum = 0;
  int scored = 0;
  for (const auto& result : results) {
    scores.push_back(
        {{"score", result.score ? nlohmann::json(*result.score) : nlohmann::json(nullptr)},
         {"reason", result.reason},
         {"error", result.ok() ? nlohmann::json(nullptr) : nlohmann::json(result.error)}});
    if (result.score) {
      sum += *result.score;
      ++scored;
    }
  }
  return {{"scores", scores},
          {"mean", scored ? nlohmann::json(sum / scored) : nlohmann::json(nullptr)}};
}

}  // namespace reinforge::training
