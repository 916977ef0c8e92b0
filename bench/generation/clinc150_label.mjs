// Step 2 for the generation quality check (clinc150_quality.sh), through the admin API of a
// running server: saves one topic per intent, waits for the categorization that starts, says how
// well the categorizer agreed with the real intents, and then (mode "intent") sets every record's
// topic to its real intent by hand, so the run is judged against true labels; mode "categorize"
// keeps the categorizer's topics, as a user who never reviewed them would.
// Usage: node clinc150_label.mjs BASE_URL TOKEN DATASET_ID OUT_DIR intent|categorize
import fs from "node:fs";
import path from "node:path";

const [base, token, datasetId, outDir, mode] = process.argv.slice(2);
const labels = JSON.parse(fs.readFileSync(path.join(outDir, "labels.json"), "utf8"));
const topics = JSON.parse(fs.readFileSync(path.join(outDir, "topics.json"), "utf8"));
const topicOfIntent = Object.fromEntries(topics.topics.map((t) => [t.name.replaceAll(" ", "_"), t.id]));

async function api(method, url, body) {
  const response = await fetch(base + url, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url}: HTTP ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}
async function waitForJob(id) {
  for (;;) {
    const job = await api("GET", `/api/jobs/${id}`);
    if (job.state === "succeeded") return job;
    if (job.state === "failed" || job.state === "cancelled") throw new Error(`job ${id} ${job.state}: ${job.error}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
async function allRecords() {
  const records = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await api("GET", `/api/datasets/${datasetId}/records?offset=${offset}&limit=1000`);
    records.push(...page.items);
    if (page.items.length < 1000) return records;
  }
}

const saved = await api("PUT", `/api/datasets/${datasetId}/topics?assignments=keep&source=import`, topics);
if (saved.job) await waitForJob(saved.job.id ?? saved.job);
const records = await allRecords();
let agree = 0;
const perTopic = {};
for (const record of records) {
  const intent = labels[record.line - 1];
  if (record.topic_id === topicOfIntent[intent]) agree++;
  perTopic[record.topic_id] = (perTopic[record.topic_id] ?? 0) + 1;
}
const starvedCounts = topics.topics.slice(0, 4).map((t) => `${t.name} ${perTopic[t.id] ?? 0}`).join(", ");
console.log(`categorizer: ${agree} of ${records.length} records in their real intent's topic ` +
  `(${(100 * agree / records.length).toFixed(1)}%); starved topics got ${starvedCounts} records (5 real each)`);
if (mode === "intent") {
  for (const record of records) {
    const topic = topicOfIntent[labels[record.line - 1]];
    if (record.topic_id !== topic || !record.topic_manual)
      await api("PUT", `/api/datasets/${datasetId}/records/${record.id}/topic`, { topic });
  }
  console.log("labels: every record's topic set by hand to its real intent");
}
