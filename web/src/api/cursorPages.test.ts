import { describe, expect, it } from "vitest";
import { nextCursor } from "./cursorPages";
import type { CursorPage } from "./types";

const page = (ids: number[], next: string | null, total = 5): CursorPage<{ id: number }> => ({
  items: ids.map((id) => ({ id })),
  total,
  total_exact: true,
  next_cursor: next,
});

describe("cursor pages", () => {
  it("asks for the page the server names, and for none after the last", () => {
    expect(nextCursor(page([1, 2], "c1.a.2"))).toBe("c1.a.2");
    expect(nextCursor(page([5], null))).toBeUndefined();
  });

  it("walks a list page by page with the cursors alone, never an offset", () => {
    const pages = new Map<string | null, CursorPage<{ id: number }>>([
      [null, page([1, 2], "after-2")],
      ["after-2", page([3, 4], "after-4")],
      ["after-4", page([5], null)],
    ]);
    const seen: number[] = [];
    let cursor: string | null | undefined = null;
    while (cursor !== undefined) {
      const current: CursorPage<{ id: number }> = pages.get(cursor)!;
      seen.push(...current.items.map((item) => item.id));
      cursor = nextCursor(current);
    }
    expect(seen).toEqual([1, 2, 3, 4, 5]);
  });
});
