// The grader types the editor offers (docs/graders.md), with a starter config for each. The
// server validates and defines the behaviour; this is what the UI calls them and starts from.
import type { GraderConfig, GraderType, ProviderRef } from "../api/gradingTypes";

export interface GraderTypeInfo {
  type: GraderType;
  label: string;
  group: "Code" | "LLM" | "Preset" | "Combination";
  description: string;
}

export const GRADER_TYPES: GraderTypeInfo[] = [
  { type: "script", label: "Script (JavaScript)", group: "Code", description: "Your own function grade(input), run sandboxed on the server." },
  { type: "judge", label: "LLM as a judge", group: "LLM", description: "A model scores the answer from your prompt template and JSON schema." },
  { type: "judge_rubric", label: "Judge rubric", group: "Preset", description: "An LLM judge with a ready prompt: you only write the rubric." },
  { type: "exact_match", label: "Exact match", group: "Preset", description: "1 when the output equals the reference answer, else 0." },
  { type: "tool_usage", label: "Tool usage", group: "Preset", description: "Right tools called, with matching arguments: matched calls / max(expected, made)." },
  { type: "json", label: "Valid JSON / schema", group: "Preset", description: "1 when the output is JSON (and matches the schema, if given)." },
  { type: "contains", label: "Contains", group: "Preset", description: "1 when the output contains a text (a template)." },
  { type: "regex", label: "Matches a pattern", group: "Preset", description: "1 when the output matches a regular expression (PCRE2)." },
  { type: "similarity", label: "Similarity to reference", group: "Preset", description: "Fuzzy match or ROUGE-1 between the output and the reference, in [0, 1]." },
  { type: "weighted", label: "Weighted combination", group: "Combination", description: "Several graders, each with a weight: Σ wᵢsᵢ / Σ wᵢ." },
];

export const GRADER_GROUPS: GraderTypeInfo["group"][] = ["Code", "LLM", "Preset", "Combination"];

export function graderTypeInfo(type: GraderType): GraderTypeInfo {
  return GRADER_TYPES.find((info) => info.type === type) ?? GRADER_TYPES[0]!;
}

export const STARTER_SCRIPT = `// Return a score in [0, 1], or {score, reason}.
// A throw is a grader error, shown apart from a zero.
function grade(input) {
  const output = input.sample.output_text.trim();
  const ref = input.item.reference; // the reference answer, shaped like input.sample
  const expected = (typeof ref === "string" ? ref : ref?.output_text ?? "").trim();
  const score = output === expected ? 1 : 0;
  return { score, reason: score ? "matches the reference" : \`expected "\${expected}"\` };
}
`;

export const DEFAULT_JUDGE_PROMPT = `You grade an assistant's answer.

Task objective: {{objective}}

Conversation:
{{item.messages}}

Reference answer:
{{reference}}

Assistant's answer:
{{sample.output_text}}

Give a score from 0 (wrong) to 1 (as good as the reference) and a one-sentence reason.`;

/** The default answer schema of docs/graders.md: {score: number 0..1, reason: string}. */
export const DEFAULT_JUDGE_SCHEMA = {
  type: "object",
  properties: { score: { type: "number", minimum: 0, maximum: 1 }, reason: { type: "string" } },
  required: ["score", "reason"],
  additionalProperties: false,
};

export const DEFAULT_PROVIDER: ProviderRef = { base_url: "https://api.openai.com/v1", api_key_env: "OPENAI_API_KEY" };

export function starterConfig(type: GraderType): GraderConfig {
  switch (type) {
    case "script":
      return { type, source: STARTER_SCRIPT, cpu_ms: 100, memory_mb: 64 };
    case "judge":
      return {
        type,
        model: "gpt-4o-mini",
        temperature: 0,
        prompt: DEFAULT_JUDGE_PROMPT,
        schema: DEFAULT_JUDGE_SCHEMA,
        score_field: "score",
        reason_field: "reason",
        score_range: [0, 1],
        provider: { ...DEFAULT_PROVIDER },
      };
    case "judge_rubric":
      return { type, model: "gpt-4o-mini", temperature: 0, rubric: "The answer is correct, complete and follows the objective.", provider: { ...DEFAULT_PROVIDER } };
    case "exact_match":
      return { type, input: "{{sample.output_text}}", reference: "{{reference}}", case_sensitive: true, trim: true };
    case "tool_usage":
      return { type, match_arguments: true };
    case "json":
      return { type };
    case "contains":
      return { type, input: "{{sample.output_text}}", pattern: "{{reference}}", case_sensitive: true };
    case "regex":
      return { type, input: "{{sample.output_text}}", pattern: "^.+$" };
    case "similarity":
      return { type, input: "{{sample.output_text}}", reference: "{{reference}}", metric: "fuzzy_match" };
    case "weighted":
      return {
        type,
        graders: [
          { name: "exact", weight: 2, grader: starterConfig("exact_match") },
          { name: "similar", weight: 1, grader: starterConfig("similarity") },
        ],
      };
  }
}

/** What `{{...}}` can name in a template (judge prompts and preset inputs). */
export const TEMPLATE_VARIABLES: { name: string; meaning: string }[] = [
  { name: "sample.output_text", meaning: "the answer being graded" },
  { name: "reference", meaning: "the reference answer's text (or the record's reference field)" },
  { name: "item.messages", meaning: "the prompt: the record's messages before the reference" },
  { name: "sample.tool_calls", meaning: "the answer's tool calls as JSON" },
  { name: "sample.output_json", meaning: "the answer parsed as JSON" },
  { name: "item.tools", meaning: "the record's tool definitions" },
  { name: "objective", meaning: "the dataset's objective" },
  { name: "item.metadata", meaning: "any top-level field of the record: item.<field>" },
];
