import { describe, expect, it } from "vitest";
import type { Job } from "../api/types";
import { describeJob } from "./jobSummary";

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
  it("gives the failure reason", () => {
    expect(describeJob(job({ state: "failed", error: "disk full" }))).toBe("Import failed: disk full");
  });
});
