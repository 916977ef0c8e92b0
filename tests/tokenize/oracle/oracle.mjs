// Prints tiktoken's count for each line of a JSONL file: the string's count for a JSON string,
// and for a chat record the documented chat formula (docs/tokens.md) computed from tiktoken's
// counts: 3 per message + role + content + (name + 1) ..., + 3 for the reply priming.
import { get_encoding } from "tiktoken";
import fs from "node:fs";

const [encodingName, file] = process.argv.slice(2);
const encoding = get_encoding(encodingName);
const count = (text) => encoding.encode_ordinary(text).length;

function chatCount(record) {
  let total = 3;
  for (const message of record.messages) {
    total += 3 + count(message.role);
    if (typeof message.content === "string") total += count(message.content);
    else if (Array.isArray(message.content)) for (const part of message.content) if (part.text) total += count(part.text);
    if (message.name) total += 1 + count(message.name);
  }
  return total;
}

for (const line of fs.readFileSync(file, "utf8").split("\n")) {
  if (!line) continue;
  const value = JSON.parse(line);
  console.log(typeof value === "string" ? count(value) : chatCount(value));
}
encoding.free();
