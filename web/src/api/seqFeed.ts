// Metrics and events of a training run are append-only feeds numbered by `seq`: the UI keeps
// what it has and asks only for what came after the last one (GET …?after=SEQ).

export interface FeedPage<T> {
  items: T[];
}

/**
 * `items` followed by everything the server has after the last of them, asked for page by page
 * (a full page means there may be more) up to `maxPages` per call; the next call goes on from
 * there. An item the server sends twice is kept once.
 */
export async function readFeedAfter<T extends { seq: number }>(
  items: readonly T[],
  fetchAfter: (after: number) => Promise<FeedPage<T>>,
  pageSize: number,
  maxPages = 20,
): Promise<T[]> {
  let result = [...items];
  for (let page = 0; page < maxPages; page++) {
    const after = result.at(-1)?.seq ?? 0;
    const next = (await fetchAfter(after)).items.filter((item) => item.seq > after);
    result = result.concat(next);
    if (next.length < pageSize) break;
  }
  return result;
}
