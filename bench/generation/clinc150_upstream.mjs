// A replaying "LLM" for the generation quality check (clinc150_quality.sh): an OpenAI-compatible
// POST /v1/chat/completions that answers a generation call with held-out real CLINC150
// utterances of the topic it is asked for, mixed with records planted to be caught:
//   near_copy       a seed or dataset utterance of the topic, lightly edited by rule (case and
//                   punctuation, a filler word, a contraction, one word swapped for a synonym,
//                   or two of these) — what an LLM does when it leans on its examples;
//   exact_copy      a seed utterance verbatim;
//   run_copy        an edited copy of a real utterance this upstream already sent for the topic;
//   other_intent    a held-out utterance of another intent of the dataset;
//   invalid         a record the health check must refuse.
// Every record it sends is logged (one JSON line each) with its kind and source, so the gates'
// verdicts can be scored. Deterministic for a given order of calls.
// Usage: node clinc150_upstream.mjs POOLS.json LOG.jsonl   (prints "listening PORT")
import fs from "node:fs";
import http from "node:http";

const [poolsFile, logFile] = process.argv.slice(2);
const pools = JSON.parse(fs.readFileSync(poolsFile, "utf8"));
fs.writeFileSync(logFile, "");
const intentOfTopic = Object.fromEntries(
  Object.entries(pools.intents).map(([intent, pool]) => [pool.topic, intent]));
const otherIntents = Object.keys(pools.intents).filter((i) => !pools.starved.includes(i));

// --- rule-based light edits -------------------------------------------------------------
const FILLERS = [["please ", ""], ["hey, ", ""], ["", " please"], ["can you help: ", ""], ["", " thanks"]];
const CONTRACTIONS = [
  ["what is", "what's"], ["i am", "i'm"], ["i would", "i'd"], ["do not", "don't"],
  ["i need to", "i gotta"], ["i want to", "i wanna"], ["can not", "can't"], ["it is", "it's"],
  ["how is", "how's"], ["i will", "i'll"], ["going to", "gonna"],
];
const SYNONYMS = {
  want: "need", need: "want", find: "get", get: "find", show: "tell", tell: "show", book: "reserve",
  hotel: "motel", set: "start", timer: "countdown", pay: "settle", bill: "invoice", directions: "route",
  nearest: "closest", please: "kindly", help: "assist", make: "create", give: "send", me: "us",
  my: "the", a: "one", go: "head", how: "what way", room: "place", minutes: "mins", near: "close to",
};
function caseAndPunctuation(text, n) {
  const trimmed = text.replace(/[?.!]+$/, "");
  return n % 2 === 0 ? trimmed.charAt(0).toUpperCase() + trimmed.slice(1) + "?" : trimmed.toLowerCase() + ".";
}
function filler(text, n) {
  const [before, after] = FILLERS[n % FILLERS.length];
  return before + text + after;
}
function contraction(text, n) {
  const lower = text.toLowerCase();
  for (let i = 0; i < CONTRACTIONS.length; i++) {
    const [long, short] = CONTRACTIONS[(i + n) % CONTRACTIONS.length];
    if (lower.includes(long)) return lower.replace(long, short);
    if (lower.includes(short)) return lower.replace(short, long);
  }
  return filler(text, n);
}
function wordSwap(text, n) {
  const words = text.split(" ");
  for (let i = 0; i < words.length; i++) {
    const at = (i + n) % words.length;
    const replacement = SYNONYMS[words[at].toLowerCase()];
    if (replacement) {
      words[at] = replacement;
      return words.join(" ");
    }
  }
  if (words.length > 2) {
    const at = n % (words.length - 1);
    [words[at], words[at + 1]] = [words[at + 1], words[at]];
  }
  return words.join(" ");
}
const EDITS = { case_punctuation: caseAndPunctuation, filler, contraction, word_swap: wordSwap };
const EDIT_NAMES = [...Object.keys(EDITS), "two_edits"];
function edit(text, n) {
  const name = EDIT_NAMES[n % EDIT_NAMES.length];
  if (name !== "two_edits") return { name, text: EDITS[name](text, n) };
  return { name, text: wordSwap(filler(text, n + 1), n + 2) };
}

const INVALID = [
  { messages: [] },
  { messages: [{ role: "assistant", content: "Here is your hotel." }] },
  "a record that is not an object",
  { messages: "book a room" },
];

// --- per-topic state and the answer to one call -----------------------------------------
const state = {};  // intent → {calls, next held-out, sent real utterances}
let nextOther = 0;
let calls = 0;

function seedsOf(body) {
  const user = body.messages?.find((m) => m.role === "user")?.content ?? "";
  const at = user.indexOf("[");
  if (!user.startsWith("Real records") || at < 0) return [];
  try {
    return JSON.parse(user.slice(at)).map((r) => r.messages?.find((m) => m.role === "user")?.content)
      .filter((t) => typeof t === "string");
  } catch {
    return [];
  }
}

function answer(body) {
  const system = body.messages?.find((m) => m.role === "system")?.content ?? "";
  const topic = /Topic of the records to write: (.*)\n/.exec(system)?.[1];
  const count = Number(/Write (\d+) new records/.exec(system)?.[1] ?? 5);
  const intent = intentOfTopic[topic];
  if (!intent) return { records: [], log: [] };
  const call = ++calls;
  const s = (state[intent] ??= { calls: 0, next: 0, sent: [] });
  const n = s.calls++;
  const pool = pools.intents[intent];
  const seeds = seedsOf(body);
  const out = [];
  const add = (record, entry) => out.push({ record, entry: { call, topic, intent, ...entry, record } });
  const user = (text) => ({ messages: [{ role: "user", content: text }] });

  // `count` real utterances while the held-out pool lasts.
  const sentBefore = s.sent.length;
  for (let i = 0; i < count && s.next < pool.held_out.length; i++) {
    const text = pool.held_out[s.next++];
    s.sent.push(text);
    add(user(text), { kind: "real", text });
  }
  // One planted near duplicate per call, its kind rotating.
  const sources = seeds.length ? seeds : pool.dataset;
  const source = sources[n % sources.length];
  const plantKind = ["near_copy", "near_copy", "exact_copy", "near_copy", "run_copy"][n % 5];
  if (plantKind === "exact_copy") {
    add(user(source), { kind: "exact_copy", text: source, source });
  } else if (plantKind === "run_copy" && sentBefore > 0) {
    const earlier = s.sent[(n * 7) % sentBefore];  // sent by an earlier call
    const edited = edit(earlier, n);
    add(user(edited.text), { kind: "run_copy", edit: edited.name, text: edited.text, source: earlier });
  } else {
    const edited = edit(source, n);
    add(user(edited.text), { kind: "near_copy", edit: edited.name, text: edited.text, source });
  }
  // Every third call an utterance of another intent, every fourth an invalid record.
  if (n % 3 === 1) {
    const other = otherIntents[nextOther % otherIntents.length];
    const text = pools.intents[other].held_out[Math.floor(nextOther / otherIntents.length)];
    nextOther++;
    if (text) add(user(text), { kind: "other_intent", of: other, text });
  }
  if (n % 4 === 3) add(INVALID[(n >> 2) % INVALID.length], { kind: "invalid" });
  // A fixed interleaving, so planted records are not always last.
  const order = out.map((item, i) => [(i * 7 + n) % out.length, i]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const records = order.map(([, i]) => out[i]);
  return { records: records.map((r) => r.record), log: records.map((r) => r.entry) };
}

const server = http.createServer((req, res) => {
  let body = "";
  req.on("data", (chunk) => (body += chunk));
  req.on("end", () => {
    if (req.method !== "POST" || !req.url.endsWith("/chat/completions")) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: "not found" } }));
      return;
    }
    const request = JSON.parse(body);
    const { records, log } = answer(request);
    for (const entry of log) fs.appendFileSync(logFile, JSON.stringify(entry) + "\n");
    const content = JSON.stringify({ records });
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({
      id: `replay-${calls}`, object: "chat.completion", created: Math.floor(Date.now() / 1000),
      model: request.model,
      choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
      usage: { prompt_tokens: Math.ceil(body.length / 4), completion_tokens: Math.ceil(content.length / 4),
               total_tokens: Math.ceil((body.length + content.length) / 4) },
    }));
  });
});
server.listen(0, "127.0.0.1", () => console.log(`listening ${server.address().port}`));
