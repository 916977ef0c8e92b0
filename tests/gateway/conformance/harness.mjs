// What the conformance suites share: free ports, child processes (the fake upstream, the
// gateway), the admin API helper and the fake upstream's record of what it was sent.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const here = path.dirname(new URL(import.meta.url).pathname);
export const binary = process.env.REINFORGE_BINARY || path.resolve(here, '../../../build/reinforge');
export const ADMIN_TOKEN = 'admin-token-for-conformance-0123456789';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function freePort() {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.listen(0, '127.0.0.1', () => { const { port } = probe.address(); probe.close(() => resolve(port)); });
  });
}

export function startProcess(command, args, env, readyPattern, onOutput) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    const timer = setTimeout(() => reject(new Error(`${command} did not start: ${text}`)), 15000);
    const seen = (data) => {
      text += data;
      onOutput?.(String(data));
      const match = text.match(readyPattern);
      if (match) { clearTimeout(timer); resolve({ child, match }); }
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', seen);
    child.on('exit', (code) => { clearTimeout(timer); if (!text.match(readyPattern)) reject(new Error(`${command} exited ${code}: ${text}`)); });
  });
}

// fake_upstream.mjs (extra arguments: --tls CERT KEY); `seen()` is what it recorded (GET /__seen).
export async function startFakeUpstream(args = []) {
  const { child, match } = await startProcess('node', [path.join(here, 'fake_upstream.mjs'), ...args], {}, /\{"port":(\d+)\}/);
  const port = Number(match[1]);
  return { child, port, seen: async () => (await fetch(`http://127.0.0.1:${port}/__seen`)).json() };
}

// `reinforge serve` on a free port with `config` written into dataDir; `env` adds the
// provider keys' variables. The admin token is ADMIN_TOKEN.
export async function startGateway({ dataDir, config, env, onOutput }) {
  fs.writeFileSync(path.join(dataDir, 'config.json'), JSON.stringify(config));
  const port = await freePort();
  const { child } = await startProcess(binary,
    ['serve', '--port', String(port), '--data-dir', path.join(dataDir, 'data'), '--config', path.join(dataDir, 'config.json')],
    { REINFORGE_ADMIN_TOKEN: ADMIN_TOKEN, OPENAI_API_KEY: '', ...env },
    /Data directory/, onOutput);
  return { child, base: `http://127.0.0.1:${port}` };
}

// The admin API of the gateway at `base`: api(method, path, body) -> {status, json}. Every
// response body is pushed onto `texts` when given (scanned for leaked keys by the tests).
export function adminApi(base, texts) {
  return async (method, urlPath, body) => {
    const response = await fetch(base + urlPath, {
      method,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    texts?.push(text);
    return { status: response.status, json: text ? JSON.parse(text) : null };
  };
}

// Traces are written off the request path; wait until the tagged ones are in.
export async function tracesTagged(api, tag, count) {
  for (let i = 0; i < 100; i++) {
    const { json } = await api('GET', `/api/traces?tag=${tag}&limit=100`);
    if (json.items.length >= count) return json.items;
    await sleep(50);
  }
  assert.fail(`no ${count} traces tagged ${tag}`);
}
