import { describe, expect, it } from "vitest";
import { mayChange, ROLE_NEEDED, roleNeededHint, ROLES, type Changeable } from "./roles";

const everything = Object.keys(ROLE_NEEDED) as Changeable[];

describe("role table", () => {
  it("lets a viewer change nothing", () => {
    expect(everything.filter((what) => mayChange("viewer", what))).toEqual([]);
  });

  it("lets an editor change the data and its steps, but not users, gateway keys or deployments", () => {
    expect(everything.filter((what) => !mayChange("editor", what)).sort()).toEqual(["deployments", "gatewayKeys", "users"]);
    expect(mayChange("editor", "graders")).toBe(true);
    expect(mayChange("editor", "training")).toBe(true);
    expect(mayChange("editor", "playground")).toBe(true);
  });

  it("lets an admin change everything", () => {
    expect(everything.every((what) => mayChange("admin", what))).toBe(true);
  });

  it("gives each role at least what the one below it may", () => {
    for (const what of everything) {
      const allowed = ROLES.map((role) => mayChange(role, what));
      expect(allowed).toEqual([...allowed].sort());
    }
  });

  it("names the role needed and the person's own in the hint", () => {
    expect(roleNeededHint("viewer", "datasets")).toBe("Needs the editor role; you are a viewer.");
    expect(roleNeededHint("editor", "deployments")).toBe("Needs the admin role; you are an editor.");
  });
});
