// Writes about MB megabytes of mixed English and code as JSONL strings, deterministically:
// real sentences (CLINC150 requests, the project's docs) and real code (the project's C++ and
// TypeScript), with one word in five respelled so the text does not just repeat a small
// vocabulary (a JS tokenizer's piece cache would otherwise see mostly repeats).
import fs from "node:fs";
import path from "node:path";
const [megabytes = "16", out, root, shared] = process.argv.slice(2);
const sources = [];
const walk = (dir, pattern) => {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== "node_modules") walk(full, pattern);
    else if (pattern.test(entry.name)) sources.push(fs.readFileSync(full, "utf8"));
  }
};
walk(path.join(root, "src"), /\.(cpp|hpp)$/);
walk(path.join(root, "web", "src"), /\.(ts|tsx)$/);
walk(path.join(root, "docs"), /\.md$/);
const clinc = JSON.parse(fs.readFileSync(path.join(shared, "data/clinc150/data_full.json"), "utf8"));
const sentences = [...clinc.train, ...clinc.val, ...clinc.test].map(([text]) => text);
for (let i = 0; i < sentences.length; i += 40) sources.push(sentences.slice(i, i + 40).join(". ") + ".");
let seed = 7;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const letters = "abcdefghijklmnopqrstuvwxyz";
const respell = (text) => text.replace(/[A-Za-z]{4,}/g, (word) => {
  if (random() >= 0.2) return word;
  const at = Math.floor(random() * word.length);
  return word.slice(0, at) + letters[Math.floor(random() * 26)] + word.slice(at + 1);
});
const file = fs.openSync(out, "w");
let size = 0;
for (let i = 0; size < Number(megabytes) * 1024 * 1024; ++i) {
  const text = respell(sources[i % sources.length]);
  fs.writeSync(file, JSON.stringify(text) + "\n");
  size += Buffer.byteLength(text);
}
fs.closeSync(file);
