import { describe, expect, it } from "vitest";
import { ApiError } from "../api/errors";
import { reachabilityFrom } from "./serverReachability";

describe("reachabilityFrom", () => {
  it("calls the server unreachable only when a read could not reach it", () => {
    expect(reachabilityFrom({ type: "error", error: new TypeError("Failed to fetch") })).toBe("unreachable");
    expect(reachabilityFrom({ type: "error", error: new ApiError(503, "store_unavailable", "down") })).toBe("reachable");
    expect(reachabilityFrom({ type: "success" })).toBe("reachable");
    expect(reachabilityFrom({ type: "fetch" })).toBeNull();
    expect(reachabilityFrom({ type: "error", error: new Error("a bug") })).toBeNull();
  });
});
