// Writes about MB megabytes of text as JSONL strings, deterministically, with one word in five
// respelled so the text does not just repeat a small vocabulary (a JS tokenizer's piece cache
// would otherwise see mostly repeats). KIND "mixed" (the default): real sentences (CLINC150
// requests, the project's docs) and real code (the project's C++ and TypeScript). KIND "code":
// what Debian ships of C++ headers (/usr/include/c++), Python sources (/usr/lib/python3.*) and
// licence texts (/usr/share/common-licenses) — long whitespace runs, punctuation, identifiers.
import fs from "node:fs";
import path from "node:path";
const [megabytes = "16", out, root, shared, kind = "mixed"] = process.argv.slice(2);
const sources = [];
const walk = (dir, pattern) => {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== "node_modules") walk(full, pattern);
    else if (pattern.test(entry.name)) sources.push(fs.readFileSync(full, "utf8"));
  }
};
const walkIfThere = (dir, pattern) => fs.existsSync(dir) && walk(dir, pattern);
if (kind === "code") {
  walkIfThere("/usr/include/c++", /^[a-z_]+(\.h)?$/);
  for (const dir of fs.readdirSync("/usr/lib").filter((name) => /^python3\.\d+$/.test(name)).sort()) {
    walkIfThere(path.join("/usr/lib", dir, "json"), /\.py$/);
    walkIfThere(path.join("/usr/lib", dir, "email"), /\.py$/);
    walkIfThere(path.join("/usr/lib", dir, "asyncio"), /\.py$/);
  }
  walkIfThere("/usr/share/common-licenses", /^[A-Za-z0-9.+-]+$/);
  sources.sort((a, b) => a.length - b.length || (a < b ? -1 : 1));  // the same order on every machine
} else {
  walk(path.join(root, "src"), /\.(cpp|hpp)$/);
  walk(path.join(root, "web", "src"), /\.(ts|tsx)$/);
  walk(path.join(root, "docs"), /\.md$/);
  const clinc = JSON.parse(fs.readFileSync(path.join(shared, "data/clinc150/data_full.json"), "utf8"));
  const sentences = [...clinc.train, ...clinc.val, ...clinc.test].map(([text]) => text);
  for (let i = 0; i < sentences.length; i += 40) sources.push(sentences.slice(i, i + 40).join(". ") + ".");
}
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
