// A second `reinforge serve` for specs that need their own configuration (a provider pointing
// at a fake upstream, say): own port, own temporary data directory, own admin token.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts the server built by scripts/build.sh. `env` is added to this process's environment;
 * `config` (an object) is written as the server's config file when given.
 * Returns { url, token, stop(), log() }.
 */
export async function startServer({ env = {}, config } = {}) {
  const work = mkdtempSync(join(tmpdir(), "reinforge-e2e-server-"));
  const port = await freePort();
  const token = "e2e-" + randomBytes(12).toString("hex");
  const args = ["serve", "--host", "127.0.0.1", "--port", String(port), "--data-dir", join(work, "data"), "--web-dir", process.env.REINFORGE_WEB_DIR];
  if (config) {
    writeFileSync(join(work, "config.json"), JSON.stringify(config, null, 2));
    args.push("--config", join(work, "config.json"));
  }
  let output = "";
  const child = spawn(process.env.REINFORGE_BINARY, args, {
    env: { ...process.env, REINFORGE_ADMIN_TOKEN: token, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
    }
    rmSync(work, { recursive: true, force: true });
  };
  for (let attempt = 0; attempt < 100; attempt++) {
    if (child.exitCode !== null) throw new Error(`reinforge exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(url + "/api/session", { headers: { Authorization: `Bearer ${token}` } });
      if (response.ok) return { url, token, stop, log: () => output };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`reinforge did not answer on ${url}:\n${output}`);
}
