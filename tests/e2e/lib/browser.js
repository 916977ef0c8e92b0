// Debian's chromium, headless, with a fresh profile per run so no state leaks between runs.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

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
