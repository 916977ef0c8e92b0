import { describe, expect, it } from "vitest";
import { hasFilters, issueCounts, issueLabel, NO_FILTERS, recordsTotalLabel, toRecordQuery } from "./recordFilters";

describe("record filters", () => {
  it("sends nothing when no filter is set", () => {
    expect(toRecordQuery(NO_FILTERS)).toEqual({});
    expect(hasFilters({ ...NO_FILTERS, search: "   " })).toBe(false);
  });

  it("sends each set filter and a trimmed search", () => {
    expect(toRecordQuery({ validity: "invalid", issue: "no_user_message", origin: "edited", topic: "t2.1", confidence: "low", search: "  rook " })).toEqual({
      validity: "invalid",
      issue: "no_user_message",
      origin: "edited",
      topic: "t2.1",
      confidence: "low",
      q: "rook",
    });
  });

  it("counts the records, and says when the server stopped counting", () => {
    expect(recordsTotalLabel({ total: 1_000_000, total_exact: true }, false)).toBe("1,000,000 records");
    expect(recordsTotalLabel({ total: 1, total_exact: true }, true)).toBe("1 record matches");
    expect(recordsTotalLabel({ total: 0, total_exact: true }, true)).toBe("0 records match");
    expect(recordsTotalLabel({ total: 10_000, total_exact: false }, true)).toBe("10,000+ records match");
  });

  it("lists errors before warnings, most frequent first, and drops zero counts", () => {
    const counts = issueCounts({
      total: 10,
      valid: 6,
      invalid: 4,
      invalid_percent: 40,
      errors: { invalid_json: 1, no_user_message: 3, unknown_role: 0 },
      warnings: { duplicate_record: 5 },
    });
    expect(counts.map((count) => `${count.severity}:${count.code}:${count.count}`)).toEqual(["error:no_user_message:3", "error:invalid_json:1", "warning:duplicate_record:5"]);
  });

  it("labels issue codes in words", () => {
    expect(issueLabel("no_user_message")).toBe("No user message");
    expect(issueLabel("invalid_json")).toBe("Invalid JSON");
    expect(issueLabel("tool_call_id_missing")).toBe("Tool call ID missing");
  });
});
