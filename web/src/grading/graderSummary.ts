// One line on what a saved grader does, for the step 4 detail ("Model: gpt-4o-mini · temperature 0").
import type { GraderConfig } from "../api/gradingTypes";
import { graderTypeInfo } from "./graderCatalog";

function firstLine(text: string, max = 80): string {
  const line = text.split("\n").find((candidate) => candidate.trim() !== "")?.trim() ?? "";
  return line.length > max ? line.slice(0, max - 1) + "…" : line;
}

export function graderSummary(config: GraderConfig): string {
  switch (config.type) {
    case "script": {
      const signature = /(?:async\s+)?function\s+grade\s*\([^)]*\)|(?:const|let|var)\s+grade\s*=/.exec(config.source)?.[0] ?? firstLine(config.source);
      return `${signature} { … } · ${config.source.split("\n").length} lines · ${config.cpu_ms ?? 100} ms CPU · ${config.memory_mb ?? 64} MB`;
    }
    case "judge":
      return `Model: ${config.model} · temperature ${config.temperature ?? 0} · prompt "${firstLine(config.prompt, 60)}"`;
    case "judge_rubric":
      return `Model: ${config.model} · temperature ${config.temperature ?? 0} · rubric "${firstLine(config.rubric, 60)}"`;
    case "exact_match":
      return `${config.input ?? "{{sample.output_text}}"} = ${config.reference ?? "{{reference}}"}${config.case_sensitive === false ? " · ignoring case" : ""}${config.trim === false ? " · not trimmed" : ""}`;
    case "contains":
      return `Contains ${config.pattern}${config.case_sensitive === false ? " · ignoring case" : ""}`;
    case "regex":
      return `Matches /${config.pattern}/`;
    case "json":
      return config.schema ? "Valid JSON matching a schema" : "Valid JSON";
    case "tool_usage":
      return config.match_arguments === false ? "Right tools, arguments not compared" : "Right tools with matching arguments";
    case "similarity":
      return `${config.metric === "rouge_1" ? "ROUGE-1" : "Fuzzy match"} against ${config.reference ?? "{{reference}}"}`;
    case "weighted":
      return config.graders.map((part) => `${part.name} (${graderTypeInfo(part.grader.type).label}) × ${part.weight}`).join(" + ");
  }
}
