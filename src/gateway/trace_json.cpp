#include "gateway/trace_json.hpp"

#include "records/record_builder.hpp"
#include "util/clock.hpp"

namespace reinforge::gateway {

namespace {

nlohmann::json optional_number(const std::optional<int64_t>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

// The first user message, as for records; a Responses call's input is not under "messages".
std::string trace_preview(const store::Trace& trace) {
  if (trace.endpoint != "responses") return records::record_preview(trace.request_json);
  auto request = nlohmann::json::parse(trace.request_json, nullptr, false);
  if (!request.is_object() || !request.contains("input")) return "";
  const auto& input = request["input"];
  if (input.is_string()) {
    return records::record_preview(
        nlohmann::json{{"messages", {{{"role", "user"}, {"content", input}}}}}.dump());
  }
  return input.is_array() ? records::record_preview(nlohmann::json{{"messages", input}}.dump())
                          : "";
}

// A body that is not JSON (a cut-off capture) is shown as text rather than dropped.
nlohmann::json body_json(const std::string& text) {
  auto parsed = nlohmann::json::parse(text, nullptr, false);
  return parsed.is_discarded() ? nlohmann::json(text) : parsed;
}

}  // namespace

nlohmann::json trace_summary_json(const store::Trace& trace) {
  return {{"id", trace.id},
          {"created_at", util::format_rfc3339(trace.created_at_ms / 1000)},
          {"created_at_ms", trace.created_at_ms},
          {"endpoint", trace.endpoint},
          {"model_requested", trace.model_requested},
          {"model", trace.model},
          {"provider", trace.provider},
          {"stream", trace.stream},
          {"status", trace.status},
          {"error", trace.error ? nlohmann::json(*trace.error) : nlohmann::json(nullptr)},
          {"latency_ms", trace.latency_ms},
          {"ttft_ms", trace.ttft_ms ? nlohmann::json(*trace.ttft_ms) : nlohmann::json(nullptr)},
          {"usage",
           {{"prompt_tokens", optional_number(trace.prompt_tokens)},
            {"completion_tokens", optional_number(trace.completion_tokens)},
            {"total_tokens", optional_number(trace.total_tokens)},
            {"cached_tokens", optional_number(trace.cached_tokens)},
            {"reasoning_tokens", optional_number(trace.reasoning_tokens)}}},
          {"gateway_key_id", optional_number(trace.gateway_key_id)},
          {"attempts", trace.attempts},
          {"deployment_id", optional_number(trace.deployment_id)},
          {"arm", trace.arm.empty() ? nlohmann::json(nullptr) : nlohmann::json(trace.arm)},
          {"tags", trace.tags},
          {"session_id",
           trace.session_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(trace.session_id)},
          {"preview", trace_preview(trace)}};
}

nlohmann::json trace_detail_json(const store::Trace& trace) {
  auto json = trace_summary_json(trace);
  json["request"] = body_json(trace.request_json);
  json["response"] =
      trace.response_json ? body_json(*trace.response_json) : nlohmann::json(nullptr);
  json["conversation"] =
      trace.conversation_json ? body_json(*trace.conversation_json) : nlohmann::json(nullptr);
  return json;
}

}  // namespace reinforge::gateway
