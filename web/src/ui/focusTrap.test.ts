import { describe, expect, it } from "vitest";
import { wrapTarget } from "./focusTrap";

// Positions in the page stand for elements: 0 is the dialog itself, 10–30 its tab stops.
const stops = [10, 20, 30];
const precedes = (a: number, b: number) => a < b;
const next = (active: number | null, backwards = false) => wrapTarget(stops, active, backwards, precedes);

describe("Tab wrapping inside a dialog", () => {
  it("takes Tab on the last stop back to the first, and Shift+Tab on the first to the last", () => {
    expect(next(30)).toBe(10);
    expect(next(10, true)).toBe(30);
  });
  it("leaves a move between two stops of the dialog to the browser", () => {
    expect(next(10)).toBeNull();
    expect(next(20)).toBeNull();
    expect(next(20, true)).toBeNull();
    expect(next(30, true)).toBeNull();
  });
  it("brings focus that is outside the dialog (the page behind, a dialog under it) back in", () => {
    expect(next(null)).toBe(10);
    expect(next(null, true)).toBe(30);
  });
  it("wraps from places Tab skips: the dialog itself, a row after the last stop", () => {
    expect(next(0, true)).toBe(30);
    expect(next(0)).toBeNull();
    expect(next(35)).toBe(10);
    expect(next(5, true)).toBe(30);
  });
  it("keeps a dialog with a single stop on it", () => {
    expect(wrapTarget([10], 10, false, precedes)).toBe(10);
    expect(wrapTarget([10], 10, true, precedes)).toBe(10);
  });
  it("has nowhere to go in a dialog without stops", () => {
    expect(wrapTarget([], null, false, precedes)).toBeNull();
  });
});
