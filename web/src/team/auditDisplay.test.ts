import { describe, expect, it } from "vitest";
import { ApiError } from "../api/errors";
import { targetLabel, viaLabel } from "./auditDisplay";
import { describeUserChangeError } from "./userErrors";

describe("audit display", () => {
  it("names what a change was made to from the route's parameters and what a POST created", () => {
    expect(targetLabel({ id: "3", rid: "17" })).toBe("#3 · rid 17");
    expect(targetLabel({ created: 2 })).toBe("new #2");
    expect(targetLabel({})).toBe("");
  });

  it("marks what was not done from a signed-in page", () => {
    expect(viaLabel("session")).toBeNull();
    expect(viaLabel("password")).toBeNull();
    expect(viaLabel("token")).toBe("API token");
    expect(viaLabel("admin_token")).toBe("admin token");
    expect(viaLabel("cli")).toBe("CLI");
    expect(viaLabel("something-new")).toBe("something-new");
  });
});

describe("user change errors", () => {
  it("says what to do when the change would leave no admin", () => {
    expect(describeUserChangeError(new ApiError(409, "last_admin", "admin is the last admin."))).toMatch(/Make someone else an admin first/);
    expect(describeUserChangeError(new ApiError(409, "conflict", "A user named ada exists."))).toBe("A user named ada exists.");
  });
});
