// The Gateway page's traces list, as the specs that send traffic through the gateway read it.
import assert from "node:assert/strict";

/** Traces are written off the request path: polls `get("/api/traces?…")` until `count` are listed. */
export async function tracesWritten(get, query, count) {
  for (let attempt = 0; attempt < 100; attempt++) {
    const listed = await get(`/api/traces?${query}`);
    if (listed.total >= count) return listed;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`fewer than ${count} traces for ${query}`);
}

export const traceRows = (page) => page.getByTestId("trace-row");

/** Waits until the list shows `count` traces and is no longer stale, then checks its rows. */
export async function expectTraceRows(page, count) {
  await page.getByTestId("traces-range").filter({ hasText: new RegExp(`of ${count}$`) }).waitFor();
  await page.locator(".trace-table-card:not(.is-stale)").waitFor();
  assert.equal(await traceRows(page).count(), count);
}
