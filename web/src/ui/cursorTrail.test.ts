import { describe, expect, it } from "vitest";
import { formatCount } from "../format/numbers";
import { currentCursor, FIRST_PAGE, followCursor, pageIndex, rangeLabel, stepBack, totalLabel } from "./cursorTrail";

describe("cursor trail", () => {
  it("follows cursors forward and retraces them back to the first page", () => {
    let trail = FIRST_PAGE;
    expect(currentCursor(trail)).toBeNull();
    trail = followCursor(trail, "c1.a.1.2");
    trail = followCursor(trail, "c1.a.3.4");
    expect(pageIndex(trail)).toBe(2);
    expect(currentCursor(trail)).toBe("c1.a.3.4");
    trail = stepBack(trail);
    expect(currentCursor(trail)).toBe("c1.a.1.2");
    trail = stepBack(stepBack(trail));
    expect(trail).toEqual(FIRST_PAGE);
  });

  it("says a total the server stopped counting at is a lower bound", () => {
    expect(totalLabel(10000, false, formatCount)).toBe("10,000+");
    expect(totalLabel(42, true, formatCount)).toBe("42");
    expect(rangeLabel(0, 50, 50, 10000, false, formatCount)).toBe("1–50 of 10,000+");
    expect(rangeLabel(3, 50, 12, 162, true, formatCount)).toBe("151–162 of 162");
    expect(rangeLabel(0, 50, 0, 0, true, formatCount)).toBe("0 of 0");
  });

  it("never shows a page's last row beyond the total it counted", () => {
    // 60 traces counted, then 10 more arrived before the second page was read.
    expect(rangeLabel(1, 50, 20, 60, true, formatCount)).toBe("51–70 of 70");
    // Deep pages past a capped count: still a lower bound.
    expect(rangeLabel(400, 50, 50, 10000, false, formatCount)).toBe("20,001–20,050 of 20,050+");
  });
});
