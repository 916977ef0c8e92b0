import { describe, expect, it } from "vitest";
import type { Job } from "../api/types";
import { describeJob, describeTraceCounts } from "./jobSummary";

const job = (overrides: Partial<Job>): Job => ({
  id: 1,
  dataset_id: 1,
  kind: "import",
  state: "running",
  progress: 0.41,
  done: 41000,
  total: 100000,
  message: "Importing records",
  error: null,
  result: null,
  created_at: "2026-01-01T00:00:00Z",
  started_at: null,
  finished_at: null,
  ...overrides,
});

describe("job summary", () => {
  it("shows a running job's message, percentage and counts", () => {
    expect(describeJob(job({}))).toBe("Importing records 41% · 41,000 of 100,000");
  });
  it("sums up a finished import from its result", () => {
    expect(describeJob(job({ state: "succeeded", result: { imported: 12, valid: 9, invalid: 3, blank_lines: 0 } }))).toBe("Imported 12 records: 9 valid, 3 invalid");
  });
  it("says a single imported record in the singular", () => {
    expect(describeJob(job({ state: "succeeded", result: { imported: 1, valid: 1, invalid: 0, blank_lines: 0 } }))).toBe("Imported 1 record: 1 valid, 0 invalid");
  });
  it("gives the failure reason", () => {
    expect(describeJob(job({ state: "failed", error: "disk full" }))).toBe("Import failed: disk full");
  });
});

describe("trace pull summary", () => {
  it("says what a pull added, what was there already and what was skipped", () => {
    expect(describeTraceCounts({ added: 12, invalid: 3, skipped: 0, already_in_dataset: 40 })).toBe("12 added (3 invalid), 40 already in the dataset");
    expect(describeTraceCounts({ added: 1, invalid: 0, skipped: 2 })).toBe("1 added (0 invalid), 2 skipped (no answer to learn from)");
  });
  it("sums up a finished pull job from its result", () => {
    expect(describeJob(job({ kind: "pull_traces", state: "succeeded", result: { added: 2500, invalid: 4, skipped: 0 } }))).toBe("Traces: 2,500 added (4 invalid)");
  });
});
