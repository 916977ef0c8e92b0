import { describe, expect, it } from "vitest";
import { shownEntries } from "./Menu";

const item = (label: string) => ({ label });

describe("menu entries", () => {
  it("leaves out the entries a role may not use and the separators left with nothing to separate", () => {
    expect(shownEntries([false, "separator", item("Download"), "separator", false, "separator", item("Copy"), "separator", false])).toEqual([
      item("Download"),
      "separator",
      item("Copy"),
    ]);
    expect(shownEntries([false, "separator", false])).toEqual([]);
  });
});
