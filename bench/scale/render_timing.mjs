// Times what a user waits for in the browser: the datasets list, the canvas with its health
// numbers, and the first page of the records overlay, for a small baseline dataset and the big
// one on the same server, in the same run (median of 5 cold page loads each).
// Usage: node render_timing.mjs BASE_URL TOKEN SMALL_ID BIG_ID   (run by bench/scale/run.sh)
import { openBenchBrowser, signInAsAdmin } from "../lib/bench_browser.mjs";

const [base, token, smallId, bigId] = process.argv.slice(2);
const RUNS = 5;

const browser = await openBenchBrowser();
const context = browser.context;
const page = context.pages()[0] ?? (await context.newPage());
page.setDefaultTimeout(60_000);
await signInAsAdmin(context, base, token);

async function timed(path, ready) {
  const samples = [];
  for (let run = 0; run < RUNS; run++) {
    await page.goto("about:blank");
    const start = performance.now();
    await page.goto(base + path);
    await ready();
    samples.push(performance.now() - start);
  }
  return samples.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

// Checked on every animation frame: a locator's waitFor polls at growing intervals (up to a
// second), which would measure the polling, not the page.
const shown = (predicate, argument) => page.waitForFunction(predicate, argument, { polling: "raf" });
const list = (name) => () => shown((text) => [...document.querySelectorAll("a.dataset-name")].some((link) => link.textContent === text), name);
const canvas = () => shown(() => /[1-9]/.test(document.querySelector('[data-testid="health-valid"]')?.textContent ?? ""));
const records = () => async () => {
  await canvas();
  await page.getByRole("button", { name: /^Records/ }).click();
  await shown(() => document.querySelector('[data-testid="record-row"]') !== null);
};

const rows = [
  ["datasets list", await timed("/optimization", list("small")), await timed("/optimization", list("big"))],
  ["canvas (health numbers shown)", await timed(`/optimization/${smallId}`, canvas), await timed(`/optimization/${bigId}`, canvas)],
  ["canvas + records overlay, first rows", await timed(`/optimization/${smallId}`, records()), await timed(`/optimization/${bigId}`, records())],
];
console.log(`${("view, in the browser (median of " + RUNS + ")").padEnd(44)} ${"small ms".padStart(9)} ${"big ms".padStart(9)} ${"big/small".padStart(9)}`);
for (const [view, small, big] of rows) {
  console.log(`${view.padEnd(44)} ${small.toFixed(0).padStart(9)} ${big.toFixed(0).padStart(9)} ${(big / small).toFixed(2).padStart(9)}`);
}
await browser.close();
