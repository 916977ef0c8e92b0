// Debian's chromium, headless, with a fresh profile per run so no state leaks between runs.
// Every spec that imports this fails a test during which the page broke the server's
// Content-Security-Policy (docs/access.md, "Hardened HTTP"): a blocked inline style or script
// is a UI that looks or works differently in a user's browser, so it must not pass unnoticed.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "node:test";
import { chromium } from "playwright-core";

const cspViolations = [];

afterEach(() => {
  const found = cspViolations.splice(0);
  if (found.length) throw new Error(`Content Security Policy violations:\n${found.join("\n")}`);
});

// Chromium logs each violation to the console ("Applying inline style violates the following
// Content Security Policy directive..."); the event adds where it came from.
function reportViolationsInPage() {
  document.addEventListener("securitypolicyviolation", (event) => {
    console.error(
      `Content Security Policy violation: ${event.effectiveDirective} blocked ${event.blockedURI || "inline"}` +
        ` at ${event.sourceFile || document.location.href}:${event.lineNumber}` +
        (event.sample ? ` (${event.sample})` : ""),
    );
  });
}

export async function openBrowser() {
  const profile = mkdtempSync(join(tmpdir(), "reinforge-e2e-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  await context.addInitScript(reportViolationsInPage);
  context.on("console", (message) => {
    if (!message.text().includes("Content Security Policy")) return;
    const violation = `${message.page()?.url() ?? ""}: ${message.text()}`;
    cspViolations.push(violation);
    console.error(violation);  // seen even when the test fails for another reason first
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(15_000);
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export function serverUrl(path = "/") {
  return new URL(path, process.env.REINFORGE_URL).toString();
}

export async function screenshot(page, name) {
  await page.screenshot({ path: join(process.env.E2E_SCREENSHOTS, `${name}.png`) });
}

/**
 * Signs in on the sign-in page of the server at `url` and waits for the datasets list: as the
 * first admin, `admin`, whose password is the admin token, unless another name is given.
 */
export async function signIn(page, url, password, name = "admin") {
  await page.goto(url + "/signin");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/optimization$/);
}

/** Opens a dataset's canvas and waits for its health bar. */
export async function openCanvas(page, url, datasetId) {
  await page.goto(`${url}/optimization/${datasetId}`);
  await page.getByTestId("health-bar").waitFor();
}
