// The reward endpoint over HTTP, as a trainer calls it: one batch at a time on a kept-alive
// connection (a trainer waits for its rewards), for ROUNDS passes over the samples file.
// Prints {"batch", "samples_per_s", "p50_ms", "p99_ms"} per batch size.
// Usage: node reward_load.mjs REWARD_URL TOKEN SAMPLES.jsonl ROUNDS BATCH...
import { readFileSync } from "node:fs";
import http from "node:http";

const [url, token, samplesFile, roundsText, ...batches] = process.argv.slice(2);
const samples = readFileSync(samplesFile, "utf8").trim().split("\n").map((line) => JSON.parse(line));
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function post(body) {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: "POST", agent, headers: {
      "content-type": "application/json", authorization: `Bearer ${token}`, "content-length": Buffer.byteLength(body) } },
      (response) => {
        const chunks = [];
        response.on("data", (chunk) => chunks.push(chunk));
        response.on("end", () => {
          if (response.statusCode !== 200) reject(new Error(`HTTP ${response.statusCode}: ${Buffer.concat(chunks)}`));
          else resolve(JSON.parse(Buffer.concat(chunks).toString()));
        });
      });
    request.on("error", reject);
    request.end(body);
  });
}

for (const batchText of batches) {
  const batch = Number(batchText);
  const bodies = [];
  for (let at = 0; at + batch <= samples.length; at += batch) bodies.push(JSON.stringify({ samples: samples.slice(at, at + batch) }));
  for (const body of bodies) await post(body);  // warm-up: records cached, connection open
  const latencies = [];
  let scored = 0;
  const started = performance.now();
  for (let round = 0; round < Number(roundsText); round++) {
    for (const body of bodies) {
      const sent = performance.now();
      const answer = await post(body);
      latencies.push(performance.now() - sent);
      scored += answer.scores.length;
      if (answer.scores.some((s) => s.error)) throw new Error("a sample was not scored: " + JSON.stringify(answer.scores.find((s) => s.error)));
    }
  }
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  console.log(JSON.stringify({ batch, samples_per_s: Math.round(scored / seconds), p50_ms: +at(0.5).toFixed(2), p99_ms: +at(0.99).toFixed(2) }));
}
agent.destroy();
