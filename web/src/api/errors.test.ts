import { describe, expect, it } from "vitest";
import { ApiError, isWorthRetrying } from "./errors";

describe("isWorthRetrying", () => {
  it("asks again only when the answer may change", () => {
    expect(isWorthRetrying(new TypeError("Failed to fetch"))).toBe(true);
    expect(isWorthRetrying(new ApiError(503, "store_unavailable", "down"))).toBe(true);
    expect(isWorthRetrying(new ApiError(429, "too_many_attempts", "slow down"))).toBe(true);
    expect(isWorthRetrying(new ApiError(404, "not_found", "gone"))).toBe(false);
    expect(isWorthRetrying(new ApiError(403, "forbidden", "no"))).toBe(false);
    expect(isWorthRetrying(new ApiError(400, "bad_request", "bad"))).toBe(false);
  });
});
