// Keyset pages: each page the server sends carries the cursor of the next one, so "older" follows
// it and "newer" retraces the cursors already used. A deep page costs the server what the first
// does, and calls that arrive meanwhile never shift the rows of a page already open.

export interface CursorTrail {
  /** The cursor that opened each page so far; the first page has none. */
  readonly cursors: readonly (string | null)[];
}

export const FIRST_PAGE: CursorTrail = { cursors: [null] };

export function currentCursor(trail: CursorTrail): string | null {
  return trail.cursors[trail.cursors.length - 1] ?? null;
}

/** 0 for the first page. */
export function pageIndex(trail: CursorTrail): number {
  return trail.cursors.length - 1;
}

export function followCursor(trail: CursorTrail, nextCursor: string): CursorTrail {
  return { cursors: [...trail.cursors, nextCursor] };
}

export function stepBack(trail: CursorTrail): CursorTrail {
  return trail.cursors.length > 1 ? { cursors: trail.cursors.slice(0, -1) } : trail;
}

/** A total the server stopped counting at reads as "10,000+". */
export function totalLabel(total: number, exact: boolean, format: (value: number) => string): string {
  return exact ? format(total) : `${format(total)}+`;
}

/** "51–100 of 10,000+": the rows of page `index` (pages of `pageSize`), `shown` of them. */
export function rangeLabel(
  index: number,
  pageSize: number,
  shown: number,
  total: number,
  exact: boolean,
  format: (value: number) => string,
): string {
  const first = index * pageSize + 1;
  const last = index * pageSize + shown;
  if (shown === 0) return `0 of ${totalLabel(total, exact, format)}`;
  // Rows keep arriving after a count, and a capped count is passed by deep pages: "of" is never
  // less than the last row shown.
  return `${format(first)}–${format(last)} of ${totalLabel(Math.max(total, last), exact, format)}`;
}
