// Counts every string of a JSONL file with a JS peer, single-threaded; prints seconds and tokens.
import fs from "node:fs";
import { createRequire } from "node:module";
const [peer, file, tiktokenDir, gptTokenizerDir] = process.argv.slice(2);
const texts = fs.readFileSync(file, "utf8").split("\n").filter(Boolean).map((line) => JSON.parse(line));
let count;
if (peer === "tiktoken") {
  const { get_encoding } = createRequire(tiktokenDir + "/")("tiktoken");
  const encoding = get_encoding("o200k_base");
  count = (text) => encoding.encode_ordinary(text).length;
} else {
  const { countTokens } = createRequire(gptTokenizerDir + "/")("gpt-tokenizer/encoding/o200k_base");
  // Special-token strings count as plain text, as ours and encode_ordinary do.
  count = (text) => countTokens(text, { disallowedSpecial: new Set() });
}
const start = process.hrtime.bigint();
let tokens = 0;
for (const text of texts) tokens += count(text);
console.log(`${Number(process.hrtime.bigint() - start) / 1e9} ${tokens}`);
