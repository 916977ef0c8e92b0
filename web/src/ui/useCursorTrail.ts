// A list's keyset paging as React state: the cursor of the page on screen and the pager's moves.
import { useState } from "react";
import { currentCursor, FIRST_PAGE, followCursor, pageIndex, stepBack } from "./cursorTrail";

export interface CursorPaging {
  /** The cursor to ask the server for (null: the first page). */
  cursor: string | null;
  /** 0 for the first page. */
  pageIndex: number;
  /** Back one page; absent on the first. */
  onPrevious?: () => void;
  /** Forward with the page's next_cursor. */
  onNext: (nextCursor: string) => void;
  /** To the first page (a filter changed). */
  restart: () => void;
}

export function useCursorTrail(): CursorPaging {
  const [trail, setTrail] = useState(FIRST_PAGE);
  const index = pageIndex(trail);
  return {
    cursor: currentCursor(trail),
    pageIndex: index,
    onPrevious: index > 0 ? () => setTrail(stepBack(trail)) : undefined,
    onNext: (nextCursor) => setTrail(followCursor(trail, nextCursor)),
    restart: () => setTrail(FIRST_PAGE),
  };
}
