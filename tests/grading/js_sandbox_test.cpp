// The sandbox's promises (PRODUCT.md §6): hostile or broken scripts are errors for their own
// call only; the process stays up and the next call works.
#include "grading/script_grader.hpp"

#include <gtest/gtest.h>

#include <chrono>

using namespace reinforge::grading;

namespace {

GradeInput answer(const std::string& text) {
  nlohmann::json record = {{"messages", {{{"role", "user"}, {"content", "q"}}, {{"role", "assistant"}, {"content", text}}}},
                           {"expected", "42"}};
  auto parts = split_record(record);
  return make_grade_input(record, *parts.reference_answer);
}

ScriptGrader grader(const std::string& source, ScriptLimits limits = {}) {
  return ScriptGrader({source, "g.js", limits, 1});
}

// The grader still works after whatever the previous call did.
void expect_recovers(const ScriptGrader& grader) {
  auto result = grader.grade(answer("fine"));
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(*result.score, 1.0);
}

const std::string kHostileOnBad = R"(
function grade(input) {
  if (input.sample.output_text === "fine") return 1;
  )";

}  // namespace

TEST(JsSandbox, scores_a_number_or_an_object_with_a_reason) {
  auto number = grader("function grade(input) { return input.sample.output_text === input.item.expected ? 1 : 0; }");
  EXPECT_EQ(*number.grade(answer("42")).score, 1.0);
  EXPECT_EQ(*number.grade(answer("41")).score, 0.0);
  auto object = grader("const grade = (input) => ({score: 0.5, reason: 'half: ' + input.item.messages.length});");
  auto result = object.grade(answer("x"));
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(*result.score, 0.5);
  EXPECT_EQ(result.reason, "half: 1") << "item.messages is the prompt, without the reference answer";
}

TEST(JsSandbox, captures_console_log_per_call) {
  auto g = grader("function grade(input) { console.log('saw', input.sample.output_text, {n: 1}); return 1; }");
  auto first = g.grade(answer("a"));
  auto second = g.grade(answer("b"));
  ASSERT_EQ(first.logs.size(), 1u);
  EXPECT_EQ(first.logs[0], R"(saw a {"n":1})");
  ASSERT_EQ(second.logs.size(), 1u);
  EXPECT_EQ(second.logs[0], R"(saw b {"n":1})");
}

TEST(JsSandbox, an_endless_loop_is_stopped_at_the_cpu_budget_and_the_next_call_works) {
  auto g = grader(kHostileOnBad + "while (true) {} }", {50, 64});
  auto started = std::chrono::steady_clock::now();
  auto result = g.grade(answer("loop"));
  auto took = std::chrono::steady_clock::now() - started;
  EXPECT_FALSE(result.ok());
  EXPECT_FALSE(result.score.has_value()) << "a timeout is an error, never a zero";
  EXPECT_NE(result.error.find("CPU time limit exceeded (50 ms)"), std::string::npos) << result.error;
  EXPECT_LT(took, std::chrono::seconds(5));
  expect_recovers(g);
}

TEST(JsSandbox, a_memory_bomb_is_stopped_at_the_heap_cap_without_killing_the_process) {
  auto g = grader(kHostileOnBad + "const keep = []; while (true) keep.push(new Array(100000).fill(input)); }", {5000, 32});
  auto result = g.grade(answer("bomb"));
  EXPECT_FALSE(result.ok());
  EXPECT_NE(result.error.find("memory limit exceeded (32 MB)"), std::string::npos) << result.error;
  expect_recovers(g);
  auto strings = grader(kHostileOnBad + "let s = 'x'; const all = []; while (true) { s += s.length; all.push(s + '!'); } }", {5000, 32});
  EXPECT_NE(strings.grade(answer("bomb")).error.find("memory limit"), std::string::npos);
  expect_recovers(strings);
}

TEST(JsSandbox, array_buffers_count_against_the_memory_cap) {
  auto g = grader(kHostileOnBad + "const b = []; for (let i = 0; i < 100; i++) b.push(new ArrayBuffer(8 << 20)); return 0; }", {5000, 32});
  auto result = g.grade(answer("bomb"));
  EXPECT_FALSE(result.ok());
  EXPECT_NE(result.error.find("memory limit"), std::string::npos) << result.error;
  expect_recovers(g);
}

TEST(JsSandbox, require_process_fetch_and_timers_do_not_exist) {
  for (std::string call : {"require('fs')", "process.exit(1)", "fetch('http://example.com')",
                                  "setTimeout(() => {}, 1)", "new WebAssembly.Module(new Uint8Array(8))"}) {
    auto g = grader(kHostileOnBad + call + "; return 1; }");
    auto result = g.grade(answer("bad"));
    EXPECT_FALSE(result.ok()) << call;
    EXPECT_NE(result.error.find("ReferenceError"), std::string::npos) << call << ": " << result.error;
    EXPECT_NE(result.error.find("g.js:4"), std::string::npos) << "the error names the line: " << result.error;
    expect_recovers(g);
  }
}

TEST(JsSandbox, function_constructors_cannot_escape) {
  for (std::string call : {"(function(){}).constructor('return process')()",
                                  "this.constructor.constructor('return process')().exit()",
                                  "eval('1 + 1')", "new Function('return globalThis')()",
                                  "(async function(){}).constructor('return 1')()"}) {
    auto g = grader(kHostileOnBad + "return " + call + "; }");
    auto result = g.grade(answer("bad"));
    EXPECT_FALSE(result.ok()) << call;
    EXPECT_NE(result.error.find("Code generation from strings disallowed"), std::string::npos)
        << call << ": " << result.error;
    expect_recovers(g);
  }
}

TEST(JsSandbox, a_throw_is_an_error_with_its_message) {
  auto g = grader(kHostileOnBad + "throw new Error('no answer found'); }");
  auto result = g.grade(answer("x"));
  EXPECT_FALSE(result.score.has_value());
  EXPECT_EQ(result.error, "Error: no answer found (g.js:4)");
  expect_recovers(g);
}

TEST(JsSandbox, scores_outside_zero_one_or_not_numbers_are_errors_not_zeros) {
  struct Case {
    std::string returned;
    std::string error;
  };
  for (const auto& [returned, error] : std::vector<Case>{
           {"1.5", "a score of 1.5"},
           {"-0.1", "a score of -0.1"},
           {"NaN", "a score of NaN"},
           {"Infinity", "a score of Infinity"},
           {"-Infinity", "a score of -Infinity"},
           {"'1'", "returned string"},
           {"undefined", "returned undefined"},
           {"null", "returned null"},
           {"true", "returned boolean"},
           {"{score: '0.5'}", "`score` is string"},
           {"{reason: 'x'}", "`score` is undefined"},
       }) {
    auto g = grader(kHostileOnBad + "return " + returned + "; }");
    auto result = g.grade(answer("x"));
    EXPECT_FALSE(result.score.has_value()) << returned;
    EXPECT_NE(result.error.find(error), std::string::npos) << returned << " -> " << result.error;
  }
}

TEST(JsSandbox, async_graders_settle_and_rejections_are_errors) {
  auto g = grader("async function grade(input) { if (input.sample.output_text === 'no') throw new Error('nope'); return 0.25; }");
  EXPECT_EQ(*g.grade(answer("yes")).score, 0.25);
  auto rejected = g.grade(answer("no"));
  EXPECT_NE(rejected.error.find("nope"), std::string::npos) << rejected.error;
  auto pending = grader("function grade() { return new Promise(() => {}); }");
  EXPECT_NE(pending.grade(answer("x")).error.find("never settled"), std::string::npos);
}

TEST(JsSandbox, a_script_that_does_not_compile_or_define_grade_says_so) {
  EXPECT_NE(grader("function grade( {").load_error().find("SyntaxError"), std::string::npos);
  EXPECT_NE(grader("function score() { return 1; }").load_error().find("must define function grade"), std::string::npos);
  EXPECT_NE(grader("while(true){}", {50, 64}).load_error().find("50 ms CPU limit"), std::string::npos);
  auto broken = grader("function grade( {");
  EXPECT_FALSE(broken.grade(answer("x")).ok());
}

TEST(JsSandbox, sees_tool_calls_with_parsed_arguments_and_output_json) {
  nlohmann::json record = {
      {"messages",
       {{{"role", "user"}, {"content", "weather?"}},
        {{"role", "assistant"},
         {"content", nullptr},
         {"tool_calls", {{{"id", "c1"}, {"type", "function"}, {"function", {{"name", "get_weather"}, {"arguments", R"({"city":"Paris"})"}}}}}}}}},
      {"tools", nlohmann::json::array()}};
  auto parts = split_record(record);
  auto input = make_grade_input(record, *parts.reference_answer);
  auto g = grader(R"(function grade(input) {
    const call = input.sample.tool_calls[0];
    return {score: call.name === 'get_weather' && call.arguments.city === 'Paris' ? 1 : 0,
            reason: input.sample.finish_reason + ' ' + JSON.stringify(input.sample.output_json) + ' ' + input.item.reference.tool_calls.length};
  })");
  auto result = g.grade(input);
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(*result.score, 1.0);
  EXPECT_EQ(result.reason, "tool_calls null 1");
}

// A string of half a billion characters costs a script almost nothing of its heap (a rope of
// shared halves), and copying it out as a reason took 12 GB outside the heap's cap: it is now
// measured and not copied.
TEST(JsSandbox, a_huge_string_handed_out_is_named_by_its_length_not_copied) {
  auto g = grader(kHostileOnBad + "return {score: 0.5, reason: 'x'.repeat((1 << 29) - 24)}; }");
  auto result = g.grade(answer("huge"));
  ASSERT_TRUE(result.ok()) << result.error;
  EXPECT_EQ(result.reason,
            "<a string of 536870888 characters, more than the 100000 a grader may hand out>");
  auto thrown = grader(kHostileOnBad + "throw 'y'.repeat(1 << 28); }");
  EXPECT_NE(thrown.grade(answer("huge")).error.find("268435456 characters"), std::string::npos);
  expect_recovers(g);
}
