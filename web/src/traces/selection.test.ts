import { describe, expect, it } from "vitest";
import { isSelected, NOTHING_SELECTED, pageState, pickedElsewhere, selectedCount, selectionForNewFilter, togglePage, toggleTrace, type TraceSelection } from "./selection";

const page = ["a", "b", "c"];
const ids = (selection: TraceSelection) => (selection.kind === "some" ? [...selection.ids].sort() : selection.kind);

describe("trace selection", () => {
  it("ticks and unticks single rows", () => {
    let selection = toggleTrace(NOTHING_SELECTED, "a", page);
    selection = toggleTrace(selection, "b", page);
    expect(ids(selection)).toEqual(["a", "b"]);
    expect(pageState(selection, page)).toBe("some");
    selection = toggleTrace(selection, "a", page);
    expect(ids(selection)).toEqual(["b"]);
    expect(selectedCount(selection, 500)).toBe(1);
  });

  it("the page checkbox ticks the whole page, keeps other pages' rows, and unticks when all are ticked", () => {
    let selection = toggleTrace(NOTHING_SELECTED, "z-on-another-page", page);
    selection = togglePage(selection, page);
    expect(ids(selection)).toEqual(["a", "b", "c", "z-on-another-page"]);
    expect(pageState(selection, page)).toBe("all");
    selection = togglePage(selection, page);
    expect(ids(selection)).toEqual(["z-on-another-page"]);
    expect(pageState(selection, page)).toBe("none");
  });

  it("all matching counts the filter's total and ticks every row", () => {
    const all: TraceSelection = { kind: "all_matching" };
    expect(selectedCount(all, 2345)).toBe(2345);
    expect(isSelected(all, "anything")).toBe(true);
    expect(pageState(all, page)).toBe("all");
    expect(togglePage(all, page)).toEqual(NOTHING_SELECTED);
  });

  it("unticking a row of all matching keeps the visible rows but that one", () => {
    expect(ids(toggleTrace({ kind: "all_matching" }, "b", page))).toEqual(["a", "c"]);
  });

  it("an empty page has nothing to tick", () => {
    expect(pageState(NOTHING_SELECTED, [])).toBe("none");
  });

  it("keeps the rows picked by id across a filter change, and counts those the new page does not show", () => {
    const picked = togglePage(NOTHING_SELECTED, page);
    const kept = selectionForNewFilter(picked);
    expect(ids(kept)).toEqual(["a", "b", "c"]);
    expect(pickedElsewhere(kept, ["c", "d"])).toBe(2);
    expect(pickedElsewhere(kept, [])).toBe(3);
    expect(pickedElsewhere(kept, page)).toBe(0);
  });

  it("ends a pick of every trace matching the old filter when the filter changes", () => {
    expect(selectionForNewFilter({ kind: "all_matching" })).toEqual(NOTHING_SELECTED);
    expect(pickedElsewhere({ kind: "all_matching" }, page)).toBe(0);
  });
});
