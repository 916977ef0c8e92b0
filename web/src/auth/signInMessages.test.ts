import { describe, expect, it } from "vitest";
import { ApiError } from "../api/errors";
import { formatWait, signInErrorMessage } from "./signInMessages";

describe("sign-in messages", () => {
  it("says a wrong name and a wrong password the same way, as the server does", () => {
    expect(signInErrorMessage(new ApiError(401, "invalid_credentials", "Invalid name or password."))).toBe("Wrong name or password.");
  });

  it("says how long to wait after too many attempts", () => {
    expect(signInErrorMessage(new ApiError(429, "too_many_attempts", "Too many.", 840))).toBe("Too many failed sign-ins. Try again in 14 minutes.");
    expect(signInErrorMessage(new ApiError(429, "too_many_attempts", "Too many."))).toBe("Too many failed sign-ins. Try again later.");
  });

  it("explains an unreachable server", () => {
    expect(signInErrorMessage(new TypeError("Failed to fetch"))).toMatch(/could not be reached/);
  });

  it("rounds a wait up in the unit that reads best", () => {
    expect(formatWait(0)).toBe("1 second");
    expect(formatWait(40)).toBe("40 seconds");
    expect(formatWait(60)).toBe("1 minute");
    expect(formatWait(61)).toBe("2 minutes");
    expect(formatWait(900)).toBe("15 minutes");
    expect(formatWait(7200)).toBe("2 hours");
  });
});
