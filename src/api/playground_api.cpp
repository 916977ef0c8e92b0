// Step 7's playground grades (docs/deployment.md): one answer from the playground graded with
// the dataset's current grader. The answers themselves stream through the gateway.
#include "api/json_views.hpp"
#include "api/require.hpp"
#include "api/routes.hpp"
#include "grading/grader_config.hpp"
#include "grading/reference_use.hpp"

namespace reinforge::api {

void register_playground_routes(http::Router& router, AppContext& context) {
  router.add("POST", "/api/playground/grade", [&context](http::Request& request) {
    auto body = parse_json_body(request.body);
    if (!body.contains("dataset_id") || !body["dataset_id"].is_number_integer())
      throw http::bad_request(
          "dataset_id is required: the dataset whose grader grades the answer.");
    auto dataset = require_dataset(context, body["dataset_id"].get<int64_t>());
    if (!body.contains("messages") || !body["messages"].is_array() || body["messages"].empty())
      throw http::bad_request("messages must be the conversation sent, a non-empty array.");
    if (body.contains("tools") && !body["tools"].is_null() && !body["tools"].is_array())
      throw http::bad_request("tools must be an array of tool definitions.");
    if (!body.contains("output") || !body["output"].is_object())
      throw http::bad_request("output must be the answer: {\"content\", \"tool_calls\"}.");
    if (body.contains("reference") && !body["reference"].is_null() &&
        !body["reference"].is_string())
      throw http::bad_request("reference must be text.");
    auto row = context.store.current_grader(dataset.id);
    if (!row) {
      throw http::HttpError(409, "no_grader",
                            "The dataset has no grader yet: define one in step 4.");
    }
    auto config = nlohmann::json::parse(row->config_json);
    const bool has_reference = body.contains("reference") && body["reference"].is_string();
    nlohmann::json answer{
        {"score", nullptr}, {"reason", ""}, {"error", ""}, {"grader_version", row->version}};
    auto need = grading::reference_need(config);
    if (!need.empty() && !has_reference) {
      answer["reason"] = need + "; give a reference answer to grade the playground's answers.";
      return http::Response::json(200, answer.dump());
    }
    nlohmann::json record{{"messages", body["messages"]}};
    if (body.contains("tools") && body["tools"].is_array()) record["tools"] = body["tools"];
    // The reference as a record's last assistant turn, so the grader reads it in the sample's
    // shape ({output_text, ...}) as in a dry run or benchmark, not as a bare string.
    if (has_reference)
      record["messages"].push_back({{"role", "assistant"}, {"content", body["reference"]}});
    nlohmann::json message{{"role", "assistant"},
                           {"content", body["output"].value("content", nlohmann::json(nullptr))}};
    if (body["output"].contains("tool_calls") && body["output"]["tool_calls"].is_array() &&
        !body["output"]["tool_calls"].empty())
      message["tool_calls"] = body["output"]["tool_calls"];
    auto sample = grading::sample_from_message(
        message, message.contains("tool_calls") ? "tool_calls" : "stop");
    auto result = grading::make_grader(config)->grade(
        grading::make_grade_input(record, std::move(sample), dataset.objective));
    if (result.score) answer["score"] = *result.score;
    answer["reason"] = result.reason;
    answer["error"] = result.error;
    return http::Response::json(200, answer.dump());
  });
}

}  // namespace reinforge::api
