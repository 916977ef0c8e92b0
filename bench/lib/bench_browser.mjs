// Debian's chromium for the benches that time pages (bench/scale, bench/traces): headless, a
// throwaway profile, the e2e suite's playwright-core. close() removes the profile.
import { createRequire } from "node:module";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const require = createRequire(new URL("../../tests/e2e/package.json", import.meta.url));
const { chromium } = require("playwright-core");

export async function openBenchBrowser() {
  const profile = mkdtempSync(join(tmpdir(), "reinforge-bench-profile-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

// Signs the browser in to the server at `base` as the first admin (whose first password is the
// admin token, docs/access.md): the session cookie lands in the context's cookie jar. Cookies do
// not tell ports apart, so with two servers on one host, sign in to each before timing it.
export async function signInAsAdmin(context, base, token) {
  const answer = await context.request.post(base + "/api/auth/sign-in", { data: { name: "admin", password: token } });
  if (!answer.ok()) throw new Error(`sign-in to ${base} failed: ${answer.status()} ${await answer.text()}`);
}
