// Builds the CLINC150 dataset of the generation quality check (clinc150_quality.sh): 20 intents
// of CLINC150's train split, two per domain, with all 100 records of 16 of them and only 5 of the
// 4 starved ones (each starved intent keeps a sibling of the same domain, so a wrong topic is
// a near one). What the dataset leaves out is the replay upstream's material: for each starved
// intent its other 95 train utterances plus its val and test ones (held out, never in the
// dataset), and for the others their val and test utterances (written for the wrong topic).
// Usage: node clinc150_prepare.mjs DATA_FULL.json OUT_DIR
// Writes OUT_DIR/dataset.jsonl, OUT_DIR/labels.json (intent of each dataset line),
// OUT_DIR/topics.json (one topic per intent) and OUT_DIR/pools.json.
import fs from "node:fs";
import path from "node:path";

const [dataFile, outDir] = process.argv.slice(2);
const data = JSON.parse(fs.readFileSync(dataFile, "utf8"));

const STARVED = ["pay_bill", "book_hotel", "timer", "directions"];
const KEPT = [
  "bill_balance", "book_flight", "alarm", "traffic", // the starved intents' siblings
  "credit_score", "report_lost_card", "recipe", "restaurant_reservation", "play_music",
  "shopping_list", "payday", "pto_request", "tell_joke", "greeting", "change_volume", "cancel",
];
const KEEP_OF_STARVED = 5;

// A seeded shuffle (mulberry32), so every run keeps the same five records.
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function shuffled(items, seed) {
  const next = random(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
const utterances = (split, intent) => data[split].filter(([, i]) => i === intent).map(([u]) => u);
const topicName = (intent) => intent.replaceAll("_", " ");

const lines = [];
const labels = [];
const pools = { intents: {}, starved: STARVED };
for (const [n, intent] of [...STARVED, ...KEPT].entries()) {
  const train = shuffled(utterances("train", intent), 1000 + n);
  const kept = STARVED.includes(intent) ? train.slice(0, KEEP_OF_STARVED) : train;
  for (const text of kept) {
    // The usual key order of chat JSONL ("role" before "content").
    lines.push(JSON.stringify({ messages: [{ role: "user", content: text }] }));
    labels.push(intent);
  }
  const heldOut = [...train.slice(kept.length), ...utterances("val", intent), ...utterances("test", intent)];
  pools.intents[intent] = {
    topic: topicName(intent),
    dataset: kept,
    held_out: shuffled(heldOut, 2000 + n),
  };
}
const topics = {
  version: 1,
  topics: [...STARVED, ...KEPT].map((intent, i) => ({ id: `t${i + 1}`, name: topicName(intent) })),
};
fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, "dataset.jsonl"), lines.join("\n") + "\n");
fs.writeFileSync(path.join(outDir, "labels.json"), JSON.stringify(labels));
fs.writeFileSync(path.join(outDir, "topics.json"), JSON.stringify(topics, null, 1));
fs.writeFileSync(path.join(outDir, "pools.json"), JSON.stringify(pools));
console.log(`dataset: ${lines.length} records of ${labels.length ? new Set(labels).size : 0} intents ` +
  `(${STARVED.join(", ")}: ${KEEP_OF_STARVED} each); held out per starved intent: ` +
  STARVED.map((i) => pools.intents[i].held_out.length).join(", "));
