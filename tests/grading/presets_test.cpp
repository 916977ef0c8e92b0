#include <gtest/gtest.h>

#include "grading/grader_config.hpp"
#include "grading/json_schema_check.hpp"
#include "grading/prompt_template.hpp"
#include "grading/similarity_grader.hpp"

using namespace reinforge::grading;

namespace {

nlohmann::json record_with_reference(nlohmann::json reference_message, nlohmann::json extra = nlohmann::json::object()) {
  nlohmann::json record = {{"messages", {{{"role", "system"}, {"content", "be brief"}}, {{"role", "user"}, {"content", "q"}}, reference_message}}};
  for (auto& [key, value] : extra.items()) record[key] = value;
  return record;
}

GradeInput graded(const nlohmann::json& record, const std::string& output, std::vector<ToolCall> calls = {}) {
  Sample sample{output, std::move(calls), "stop"};
  return make_grade_input(record, sample, "be helpful");
}

double score_of(const nlohmann::json& config, const GradeInput& input) {
  auto result = make_grader(config)->grade(input);
  EXPECT_TRUE(result.ok()) << result.error;
  return result.score.value_or(-1);
}

const auto kParis = nlohmann::json{{"role", "assistant"}, {"content", "Paris"}};

}  // namespace

TEST(Presets, exact_match_trims_and_optionally_ignores_case) {
  auto record = record_with_reference(kParis);
  EXPECT_EQ(score_of({{"type", "exact_match"}}, graded(record, " Paris\n")), 1);
  EXPECT_EQ(score_of({{"type", "exact_match"}}, graded(record, "paris")), 0);
  EXPECT_EQ(score_of({{"type", "exact_match"}, {"case_sensitive", false}}, graded(record, "paris")), 1);
}

TEST(Presets, a_record_reference_field_is_the_reference) {
  auto record = record_with_reference(kParis, {{"reference", "Lutetia"}});
  EXPECT_EQ(score_of({{"type", "exact_match"}}, graded(record, "Lutetia")), 1);
  EXPECT_EQ(score_of({{"type", "exact_match"}, {"reference", "{{item.answers.0}}"}},
                     graded(record_with_reference(kParis, {{"answers", {"Paname"}}}), "Paname")),
            1);
}

TEST(Presets, contains_and_regex) {
  auto record = record_with_reference(kParis);
  EXPECT_EQ(score_of({{"type", "contains"}, {"pattern", "Paris"}}, graded(record, "It is Paris.")), 1);
  EXPECT_EQ(score_of({{"type", "contains"}, {"pattern", "paris"}}, graded(record, "It is Paris.")), 0);
  EXPECT_EQ(score_of({{"type", "contains"}, {"pattern", "paris"}, {"case_sensitive", false}}, graded(record, "It is Paris.")), 1);
  EXPECT_EQ(score_of({{"type", "contains"}, {"pattern", "{{reference}}"}}, graded(record, "It is Paris.")), 1);
  EXPECT_EQ(score_of({{"type", "regex"}, {"pattern", "^\\d{3}-\\d{4}$"}}, graded(record, "555-1234")), 1);
  EXPECT_EQ(score_of({{"type", "regex"}, {"pattern", "^\\d{3}-\\d{4}$"}}, graded(record, "call 555-1234")), 0);
  EXPECT_THROW(make_grader({{"type", "regex"}, {"pattern", "(unclosed"}}), GraderConfigError);
}

TEST(Presets, json_validity_and_schema) {
  auto record = record_with_reference(kParis);
  nlohmann::json schema = {{"type", "object"},
                           {"required", {"city"}},
                           {"properties", {{"city", {{"type", "string"}}}, {"rank", {{"type", "integer"}, {"minimum", 1}}}}},
                           {"additionalProperties", false}};
  EXPECT_EQ(score_of({{"type", "json"}}, graded(record, R"({"a":1})")), 1);
  EXPECT_EQ(score_of({{"type", "json"}}, graded(record, "{a:1}")), 0);
  EXPECT_EQ(score_of({{"type", "json"}, {"schema", schema}}, graded(record, R"({"city":"Paris","rank":1})")), 1);
  EXPECT_EQ(score_of({{"type", "json"}, {"schema", schema}}, graded(record, R"({"city":"Paris","rank":0})")), 0);
  EXPECT_EQ(score_of({{"type", "json"}, {"schema", schema}}, graded(record, R"({"city":"Paris","x":0})")), 0);
  EXPECT_EQ(first_schema_violation(nlohmann::json::parse(R"({"rank":2})"), schema), "$: missing required \"city\"");
  EXPECT_EQ(first_schema_violation(nlohmann::json::parse(R"({"city":3})"), schema), "$.city: expected \"string\", got number");
}

TEST(Presets, tool_usage_compares_names_and_parsed_arguments) {
  nlohmann::json reference = {{"role", "assistant"},
                              {"content", nullptr},
                              {"tool_calls",
                               {{{"id", "1"}, {"type", "function"}, {"function", {{"name", "search"}, {"arguments", R"({"q":"paris","n":3})"}}}},
                                {{"id", "2"}, {"type", "function"}, {"function", {{"name", "weather"}, {"arguments", R"({"city":"Paris"})"}}}}}}};
  auto record = record_with_reference(reference);
  nlohmann::json config = {{"type", "tool_usage"}};
  EXPECT_EQ(score_of(config, graded(record, "", {{"a", "weather", R"({"city": "Paris"})"}, {"b", "search", R"({"n":3,"q":"paris"})"}})), 1);
  EXPECT_EQ(score_of(config, graded(record, "", {{"a", "search", R"({"q":"paris","n":3})"}})), 0.5);
  EXPECT_EQ(score_of(config, graded(record, "", {{"a", "search", R"({"q":"london","n":3})"}, {"b", "weather", R"({"city":"Paris"})"}})), 0.5);
  EXPECT_EQ(score_of({{"type", "tool_usage"}, {"match_arguments", false}},
                     graded(record, "", {{"a", "search", "{}"}, {"b", "weather", "{}"}})),
            1);
  EXPECT_DOUBLE_EQ(score_of(config, graded(record, "", {{"a", "search", R"({"q":"paris","n":3})"}, {"b", "weather", R"({"city":"Paris"})"}, {"c", "extra", "{}"}})), 2.0 / 3);
  EXPECT_EQ(score_of(config, graded(record_with_reference(kParis), "Paris")), 1) << "no tools expected, none made";
}

TEST(Presets, similarity_metrics_match_their_definitions) {
  EXPECT_DOUBLE_EQ(fuzzy_match_ratio("kitten", "sitting"), 2.0 * 4 / 13);  // LCS "ittn"
  EXPECT_DOUBLE_EQ(fuzzy_match_ratio("", ""), 1.0);
  EXPECT_DOUBLE_EQ(fuzzy_match_ratio("été", "ete"), 2.0 * 1 / 6) << "code points, not bytes";
  EXPECT_DOUBLE_EQ(rouge_1_f1("the cat sat", "The cat sat down"), 2 * 1.0 * 0.75 / 1.75);
  EXPECT_DOUBLE_EQ(rouge_1_f1("dog", "cat"), 0);
  auto record = record_with_reference(kParis);
  EXPECT_EQ(score_of({{"type", "similarity"}}, graded(record, "Paris")), 1);
  EXPECT_DOUBLE_EQ(score_of({{"type", "similarity"}, {"metric", "rouge_1"}}, graded(record, "paris, france")), 2 * 0.5 * 1 / 1.5);
}

TEST(Presets, weighted_combination_averages_by_weight_and_propagates_errors) {
  auto record = record_with_reference(kParis);
  nlohmann::json config = {{"type", "weighted"},
                           {"graders",
                            {{{"name", "exact"}, {"weight", 3}, {"grader", {{"type", "exact_match"}}}},
                             {{"name", "json"}, {"weight", 1}, {"grader", {{"type", "json"}}}}}}};
  EXPECT_DOUBLE_EQ(score_of(config, graded(record, "Paris")), 0.75);
  config["graders"].push_back({{"name", "script"}, {"weight", 1},
                               {"grader", {{"type", "script"}, {"source", "function grade() { throw new Error('broken'); }"}}}});
  auto result = make_grader(config)->grade(graded(record, "Paris"));
  EXPECT_FALSE(result.ok());
  EXPECT_NE(result.error.find("grader 'script': Error: broken"), std::string::npos) << result.error;
}

TEST(GraderConfig, errors_name_the_field) {
  auto message = [](const nlohmann::json& config) {
    try {
      make_grader(config);
    } catch (const GraderConfigError& error) {
      return std::string(error.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message({{"type", "magic"}}).rfind("grader.type: unknown grader type \"magic\"", 0), 0u);
  EXPECT_EQ(message({{"type", "weighted"}, {"graders", {{{"weight", -1}, {"grader", {{"type", "json"}}}}}}}),
            "grader.graders[0].weight: must be a positive number");
  EXPECT_NE(message({{"type", "exact_match"}, {"input", "{{sample.text}}"}}).find("unknown variable {{sample.text}}"), std::string::npos);
  EXPECT_NE(message({{"type", "script"}, {"source", "function grade( {"}}).find("SyntaxError"), std::string::npos);
  EXPECT_NE(message({{"type", "judge"}, {"model", "m"}, {"prompt", "p"}, {"provider", {{"api_key", "sk-1"}}}}).find("api_key_env"),
            std::string::npos);
  // A sandbox's limits and a judge's temperature have upper bounds too.
  const nlohmann::json script = {{"type", "script"}, {"source", "function grade() { return 1; }"}};
  auto with = [](nlohmann::json config, const char* field, double value) {
    config[field] = value;
    return config;
  };
  EXPECT_EQ(message(with(script, "cpu_ms", 100000000)),
            "grader.cpu_ms: must be from 1 to 10000 ms of CPU a call");
  EXPECT_EQ(message(with(script, "cpu_ms", 0)),
            "grader.cpu_ms: must be from 1 to 10000 ms of CPU a call");
  EXPECT_EQ(message(with(script, "memory_mb", 100000)),
            "grader.memory_mb: must be from 8 to 1024 MB");
  EXPECT_EQ(message(with(script, "memory_mb", 1024)), "no error");
  const nlohmann::json judge = {{"type", "judge"},
                                {"model", "m"},
                                {"prompt", "p"},
                                {"provider", {{"base_url", "http://localhost:1"}}}};
  EXPECT_EQ(message(with(judge, "temperature", 5)), "grader.temperature: must be from 0 to 2");
  EXPECT_EQ(message(with(judge, "temperature", -1)), "grader.temperature: must be from 0 to 2");
  EXPECT_EQ(message(with(judge, "temperature", 2)), "no error");
}

TEST(GraderConfig, the_version_is_stable_and_changes_with_any_edit) {
  auto a = nlohmann::json::parse(R"({"type":"exact_match","case_sensitive":true})");
  auto same = nlohmann::json::parse(R"({"case_sensitive":true,"type":"exact_match"})");
  auto edited = nlohmann::json::parse(R"({"type":"exact_match","case_sensitive":false})");
  EXPECT_EQ(grader_version(a), grader_version(same));
  EXPECT_NE(grader_version(a), grader_version(edited));
  EXPECT_EQ(grader_version(a).size(), std::string("sha256:").size() + 16);
}

TEST(PromptTemplate, renders_item_paths_and_sample_variables) {
  auto record = record_with_reference(kParis, {{"meta", {{"lang", "fr"}, {"tags", {"a", "b"}}}}});
  Sample sample{R"({"x":1})", {{"c1", "f", R"({"k":2})"}}, "stop"};
  auto input = make_grade_input(record, sample, "obj");
  EXPECT_EQ(render_template("{{item.meta.lang}}|{{ item.meta.tags.1 }}|{{item.missing}}|{{objective}}", input), "fr|b||obj");
  EXPECT_EQ(render_template("{{sample.output_json}}|{{sample.tool_calls}}", input),
            R"({"x":1}|[{"arguments":{"k":2},"id":"c1","name":"f"}])");
  EXPECT_EQ(render_template("{{item.messages.1.content}}", input), "q");
  EXPECT_EQ(unknown_template_variables("{{reference}} {{bogus}} {{sample.output_text}}"), std::vector<std::string>{"bogus"});
}
