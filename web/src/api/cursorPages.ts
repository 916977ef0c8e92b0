// Keyset-paged lists (docs/api.md, "Conventions"): each page names the cursor of the next one, so
// the client never computes offsets and a page deep in a million rows loads as fast as the first.
import type { CursorPage } from "./types";

/** TanStack Query's getNextPageParam: the next page's cursor, or undefined after the last page. */
export function nextCursor(page: CursorPage<unknown>): string | undefined {
  return page.next_cursor ?? undefined;
}
