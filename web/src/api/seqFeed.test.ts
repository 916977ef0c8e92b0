import { describe, expect, it, vi } from "vitest";
import { readFeedAfter } from "./seqFeed";

const items = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => ({ seq: from + index }));

describe("reading a feed after the last item seen", () => {
  it("starts at 0 and asks again while pages come back full", async () => {
    const fetchAfter = vi.fn(async (after: number) => ({ items: items(after + 1, Math.min(after + 3, 7)) }));
    const result = await readFeedAfter([], fetchAfter, 3);
    expect(fetchAfter.mock.calls.map(([after]) => after)).toEqual([0, 3, 6]);
    expect(result.map((item) => item.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it("goes on from what it already has and keeps it", async () => {
    const fetchAfter = vi.fn(async () => ({ items: [{ seq: 5 }] }));
    const result = await readFeedAfter(items(1, 4), fetchAfter, 1000);
    expect(fetchAfter).toHaveBeenCalledWith(4);
    expect(result.map((item) => item.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it("drops items it already has when the server sends them again", async () => {
    const result = await readFeedAfter(items(1, 2), async () => ({ items: items(2, 3) }), 1000);
    expect(result.map((item) => item.seq)).toEqual([1, 2, 3]);
  });

  it("stops after the page limit; the next call continues", async () => {
    const fetchAfter = vi.fn(async (after: number) => ({ items: items(after + 1, after + 2) }));
    const first = await readFeedAfter([], fetchAfter, 2, 2);
    expect(first.at(-1)?.seq).toBe(4);
    const second = await readFeedAfter(first, fetchAfter, 2, 1);
    expect(second.at(-1)?.seq).toBe(6);
  });
});
