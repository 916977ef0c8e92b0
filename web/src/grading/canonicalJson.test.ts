import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonicalJson";

describe("canonical JSON", () => {
  it("sorts keys at every depth and keeps array order", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
  });
  it("equals for the same grader written in another key order", () => {
    expect(canonicalJson({ type: "script", source: "x", cpu_ms: 100 })).toBe(canonicalJson({ cpu_ms: 100, source: "x", type: "script" }));
  });
  it("drops undefined fields like the server never sees them", () => {
    expect(canonicalJson({ type: "json", schema: undefined })).toBe('{"type":"json"}');
  });
});
