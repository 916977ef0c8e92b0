// Scores a generation run of the quality check (clinc150_quality.sh): reads every record the run
// produced (GET /api/generation/runs/:id/records, all statuses, with gate and similarity), joins
// each to what the replay upstream logged it sent, and prints the balance before and after, what
// each topic got, every gate's verdicts by planted kind, the near-duplicate gate's precision and
// recall at the threshold used, and a sweep of thresholds over the stored similarities.
// Writes the figures to OUT_DIR/report.json too.
// Usage: node clinc150_report.mjs BASE_URL TOKEN DATASET_ID OUT_DIR THRESHOLD
import fs from "node:fs";
import path from "node:path";

const [base, token, datasetId, outDir, thresholdText] = process.argv.slice(2);
const threshold = Number(thresholdText);
const SWEEP = [0.8, 0.85, 0.88, 0.9, 0.92, 0.94, 0.96];
const read = (name) => fs.readFileSync(path.join(outDir, name), "utf8");
const generated = JSON.parse(read("generate.json"));
const sent = read("upstream-log.jsonl").trim().split("\n").filter(Boolean).map(JSON.parse);

async function api(url) {
  const response = await fetch(base + url, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status} ${await response.text()}`);
  return response.json();
}
async function paged(url) {
  const items = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await api(`${url}${url.includes("?") ? "&" : "?"}offset=${offset}&limit=1000`);
    items.push(...page.items);
    if (page.items.length < 1000) return items;
  }
}
// Key order and spacing aside, the record the upstream sent and the one the run stored are equal.
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object")
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(",")}}`;
  return JSON.stringify(value);
}
const parsedOr = (text) => { try { return JSON.parse(text); } catch { return text; } };
const pct = (a, b) => (b ? (100 * a / b).toFixed(1) + "%" : "-");
const fixed = (x, d = 3) => (x === null || x === undefined ? "-" : Number(x).toFixed(d));

const runId = generated.run_id;
const records = (await paged(`/api/generation/runs/${runId}/records`)).sort((a, b) => a.id - b.id);
const dataset = await paged(`/api/datasets/${datasetId}/records`);
const coverage = await api(`/api/datasets/${datasetId}/coverage`);
const previewOf = Object.fromEntries(dataset.map((r) => [r.id, r.preview]));

// Join: the n-th stored record with a given content is the n-th one sent with it.
const queues = new Map();
for (const entry of sent) {
  const key = canonical(entry.record);
  if (!queues.has(key)) queues.set(key, []);
  queues.get(key).push(entry);
}
const userText = (record) => record?.messages?.find?.((m) => m.role === "user")?.content;
const verdictOf = (r) => r.gate ?? r.status;
const joined = records.map((r) => ({ ...r, verdict: verdictOf(r), sent: queues.get(canonical(parsedOr(r.text)))?.shift() }));
const unmatched = joined.filter((r) => !r.sent).length;

// A run copy is a near duplicate only if what it copies joined the run.
const acceptedTexts = new Set(joined.filter((r) => r.status === "accepted" || r.status === "pending").map((r) => userText(r.record)));
const acceptedInOrder = joined.filter((r) => r.status === "accepted" || r.status === "pending");
function label(r) {
  const kind = r.sent?.kind;
  if (kind === "near_copy" || kind === "exact_copy") return "duplicate";
  if (kind === "run_copy") return acceptedTexts.has(r.sent.source) ? "duplicate" : "unclear";
  if (kind === "real" || kind === "other_intent") return "new";
  return "other";
}
for (const r of joined) r.label = label(r);

const lines = [];
const say = (text = "") => lines.push(text);
say(`generation run ${runId}: ${records.length} records stored, ${sent.length} sent by the upstream` +
  (unmatched ? `, ${unmatched} not matched to the upstream's log` : ""));
say(`balance score: ${fixed(generated.balance_before)} → ${fixed(generated.balance_after)}`);
say("");
say("topic | records before → after | planned | accepted | calls | rejected (gate: n)");
const after = Object.fromEntries(coverage.topics.map((t) => [t.id, t.records]));
for (const t of generated.summary.topics) {
  const rejected = Object.entries(t.rejected).map(([g, n]) => `${g} ${n}`).join(", ");
  say(`${t.name} | ${after[t.topic] - t.accepted} → ${after[t.topic]} | ${t.planned} | ${t.accepted} | ${t.calls} | ${rejected}`);
}

const kinds = ["real", "other_intent", "near_copy", "exact_copy", "run_copy", "invalid"];
const gates = ["accepted", "pending", "cap", "invalid", "exact_duplicate", "near_duplicate", "off_topic", "low_confidence"];
say("");
say(`verdicts by what was sent | ${gates.join(" | ")}`);
const crosstab = {};
for (const kind of kinds) {
  const rows = joined.filter((r) => r.sent?.kind === kind);
  crosstab[kind] = Object.fromEntries(gates.map((g) => [g, rows.filter((r) => r.verdict === g).length]));
  say(`${kind} (${rows.length}) | ${gates.map((g) => crosstab[kind][g]).join(" | ")}`);
}

// The near-duplicate gate at the threshold used, against the planted labels.
const judged = joined.filter((r) => r.label === "duplicate" || r.label === "new");
const positives = judged.filter((r) => r.label === "duplicate");
const caughtNear = positives.filter((r) => r.verdict === "near_duplicate").length;
const caughtExact = positives.filter((r) => r.verdict === "exact_duplicate").length;
const flaggedNear = judged.filter((r) => r.verdict === "near_duplicate");
const falseNear = flaggedNear.filter((r) => r.label === "new");
say("");
say(`near-duplicate gate at ${threshold}: planted duplicates ${positives.length} (near copies ` +
  `${positives.filter((r) => r.sent.kind === "near_copy").length}, exact copies ` +
  `${positives.filter((r) => r.sent.kind === "exact_copy").length}, copies of records accepted in the run ` +
  `${positives.filter((r) => r.sent.kind === "run_copy").length}); new records ${judged.length - positives.length}`);
say(`  recall: ${caughtNear + caughtExact} of ${positives.length} caught (${pct(caughtNear + caughtExact, positives.length)}): ` +
  `${caughtNear} by the near-duplicate gate, ${caughtExact} by the exact one`);
say(`  precision of near_duplicate: ${flaggedNear.length - falseNear.length} of ${flaggedNear.length} ` +
  `(${pct(flaggedNear.length - falseNear.length, flaggedNear.length)})`);
const exactCopies = joined.filter((r) => r.sent?.kind === "exact_copy");
say(`  exact copies of seeds: ${exactCopies.filter((r) => r.verdict === "exact_duplicate").length} exact_duplicate, ` +
  `${exactCopies.filter((r) => r.verdict === "near_duplicate").length} near_duplicate ` +
  `(similarity ${[...new Set(exactCopies.map((r) => fixed(r.similarity)))].join("/")})`);
say(`  run copies whose original was not accepted (not scored): ${joined.filter((r) => r.label === "unclear").length}`);

// The sweep: every record that reached the near-duplicate gate has its similarity stored.
const scored = judged.filter((r) => r.similarity !== null && r.verdict !== "exact_duplicate");
const sweep = SWEEP.map((t) => {
  const flagged = scored.filter((r) => r.similarity >= t);
  const tp = flagged.filter((r) => r.label === "duplicate").length;
  const p = scored.filter((r) => r.label === "duplicate").length;
  const n = scored.length - p;
  const recall = p ? tp / p : null;
  const rejectedNew = n ? (flagged.length - tp) / n : null;
  return { threshold: t, flagged: flagged.length, true_positives: tp, false_positives: flagged.length - tp,
           precision: flagged.length ? tp / flagged.length : null, recall, new_rejected: rejectedNew,
           youden: recall === null || rejectedNew === null ? null : recall - rejectedNew };
});
say("");
say(`sweep over the ${scored.length} records that reached the near-duplicate gate ` +
  `(${scored.filter((r) => r.label === "duplicate").length} planted duplicates):`);
// Precision depends on how many duplicates were planted; the share of new records rejected
// does not, and recall minus that share (Youden's J) weighs the two errors alike.
say("threshold | flagged | true | false | precision | recall | new records rejected | recall − rejected");
for (const s of sweep)
  say(`${s.threshold.toFixed(2)} | ${s.flagged} | ${s.true_positives} | ${s.false_positives} | ${fixed(s.precision)} | ` +
    `${fixed(s.recall)} | ${fixed(s.new_rejected)} | ${fixed(s.youden)}`);

const byEdit = {};
for (const r of scored.filter((x) => x.label === "duplicate")) (byEdit[r.sent.edit ?? "exact"] ??= []).push(r.similarity);
say("");
say("similarity of planted duplicates by edit: edit | n | min | median");
for (const [editName, values] of Object.entries(byEdit)) {
  values.sort((a, b) => a - b);
  say(`${editName} | ${values.length} | ${fixed(values[0])} | ${fixed(values[Math.floor(values.length / 2)])}`);
}
const newSims = scored.filter((r) => r.label === "new").map((r) => r.similarity).sort((a, b) => b - a);
say(`new records' similarity to their nearest: max ${fixed(newSims[0])}, 99th percentile ` +
  `${fixed(newSims[Math.floor(newSims.length / 100)])}, median ${fixed(newSims[Math.floor(newSims.length / 2)])}`);

function matchedText(r) {
  const known = /record #(\d+)/.exec(r.reason ?? "");
  if (known) return previewOf[known[1]] ?? `#${known[1]}`;
  const earlier = /record (\d+) accepted earlier/.exec(r.reason ?? "");
  if (earlier) return userText(acceptedInOrder[Number(earlier[1]) - 1]?.record) ?? "?";
  return "?";
}
say("");
say("new records flagged as near duplicates (the record | what it matched | similarity):");
for (const r of falseNear) say(`  ${JSON.stringify(userText(r.record))} | ${JSON.stringify(matchedText(r))} | ${fixed(r.similarity)}`);
const missed = positives.filter((r) => r.verdict !== "near_duplicate" && r.verdict !== "exact_duplicate");
say(`planted duplicates let through (${missed.length}; the record | its source | edit | similarity | verdict):`);
for (const r of missed.slice(0, 25))
  say(`  ${JSON.stringify(userText(r.record))} | ${JSON.stringify(r.sent.source)} | ${r.sent.edit} | ${fixed(r.similarity)} | ${r.verdict}`);

// The topic gate on real utterances that reached it.
const real = joined.filter((r) => r.sent?.kind === "real" && !["near_duplicate", "exact_duplicate"].includes(r.verdict));
const realRejected = real.filter((r) => r.verdict === "off_topic" || r.verdict === "low_confidence");
const other = joined.filter((r) => r.sent?.kind === "other_intent" && !["near_duplicate", "exact_duplicate"].includes(r.verdict));
say("");
say(`topic gate: held-out real utterances of the topic rejected ${realRejected.length} of ${real.length} ` +
  `(${pct(realRejected.length, real.length)}; off_topic ${realRejected.filter((r) => r.verdict === "off_topic").length}, ` +
  `low_confidence ${realRejected.filter((r) => r.verdict === "low_confidence").length}); ` +
  `utterances of other intents rejected ${other.filter((r) => r.verdict === "off_topic" || r.verdict === "low_confidence").length} of ${other.length}`);

const report = { run_id: runId, balance_before: generated.balance_before, balance_after: generated.balance_after,
  topics: generated.summary.topics, gates: generated.summary.gates, crosstab, threshold,
  recall: positives.length ? (caughtNear + caughtExact) / positives.length : null,
  precision_near: flaggedNear.length ? (flaggedNear.length - falseNear.length) / flaggedNear.length : null,
  sweep, topic_gate: { real_reached: real.length, real_rejected: realRejected.length } };
fs.writeFileSync(path.join(outDir, "report.json"), JSON.stringify(report, null, 1));
console.log(lines.join("\n"));
