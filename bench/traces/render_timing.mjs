// Times what a user waits for on the Gateway page in the browser: the traces tab until the trace
// table shows its rows, and the usage tab until its table shows, on the 1,000-trace server against
// the big one (median of RUNS cold page loads each). Prints markdown table rows.
// Usage: node render_timing.mjs SMALL_BASE_URL BIG_BASE_URL TOKEN RUNS TIMEOUT_MS   (run by bench/traces/run.sh)
import { openBenchBrowser, signInAsAdmin } from "../lib/bench_browser.mjs";

const [smallBase, bigBase, token, runsText, timeoutText] = process.argv.slice(2);
const RUNS = Number(runsText);
const TIMEOUT_MS = Number(timeoutText);

const browser = await openBenchBrowser();
const context = browser.context;
const setup = context.pages()[0] ?? (await context.newPage());
setup.setDefaultTimeout(60_000);

// Checked on every animation frame: a locator's waitFor polls at growing intervals (up to a
// second), which would measure the polling, not the page.
const shown = (selector) => (page) =>
  page.waitForFunction((css) => document.querySelector(css) !== null, selector, { polling: "raf", timeout: TIMEOUT_MS });

// Each load in a new tab, closed after: a load that timed out cannot spill into the next one.
// The wait is on what the page shows, not on the load event ("commit": the page's own API calls
// are what a big store slows down, and closing a tab mid-navigation can hang chromium).
async function timed(base, path, ready) {
  const samples = [];
  for (let run = 0; run < RUNS; run++) {
    const page = await context.newPage();
    const start = performance.now();
    try {
      await page.goto(base + path, { waitUntil: "commit", timeout: TIMEOUT_MS });
      await ready(page);
      samples.push(performance.now() - start);
    } catch {
      return null;  // timed out: reported as such
    } finally {
      await Promise.race([page.close(), new Promise((resolve) => setTimeout(resolve, 5000))]);
    }
  }
  return samples.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

const views = [
  ["Gateway page, traces tab: trace rows shown", "/gateway", shown('[data-testid="trace-row"]')],
  ["Gateway page, usage tab: usage table shown", "/gateway?tab=usage", shown('[data-testid="usage-table"] tbody tr')],
];
const ms = (value) => (value === null ? `timeout (> ${TIMEOUT_MS / 1000} s)` : value.toFixed(0));
console.log(`| view, in the browser (median of ${RUNS}) | 1,000 traces ms | big store ms | big / small |`);
console.log("|---|---|---|---|");
for (const [view, path, ready] of views) {
  await signInAsAdmin(context, smallBase, token);
  const small = await timed(smallBase, path, ready);
  await signInAsAdmin(context, bigBase, token);
  const big = await timed(bigBase, path, ready);
  const ratio = small !== null && big !== null ? (big / small).toFixed(2) : "—";
  console.log(`| ${view} | ${ms(small)} | ${ms(big)} | ${ratio} |`);
}
await browser.close();
