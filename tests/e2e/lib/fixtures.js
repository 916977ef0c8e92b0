// A JSONL upload made from real user requests (CLINC150, /work/shared/data or $REINFORGE_SHARED_DATA)
// with known invalid lines mixed in, so the test knows exactly what the health bar must say.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const SHARED_DATA = process.env.REINFORGE_SHARED_DATA ?? "/work/shared/data";

export const INVALID_LINES = {
  // line number (1-based) → what is wrong with it
  5: "invalid_json",
  40: "no_user_message",
  77: "missing_messages",
  150: "unknown_role",
};

export function writeUpload(path, validCount = 300) {
  const corpus = JSON.parse(readFileSync(join(SHARED_DATA, "clinc150", "data_full.json"), "utf8"));
  const utterances = corpus.val.slice(0, validCount);
  const lines = utterances.map(([text, intent]) =>
    JSON.stringify({
      messages: [
        { role: "system", content: "Route the request to one intent." },
        { role: "user", content: text },
        { role: "assistant", content: intent },
      ],
      metadata: { source: "clinc150" },
    }),
  );
  const broken = {
    invalid_json: '{"messages": [{"role": "user", "content": "unterminated',
    no_user_message: JSON.stringify({ messages: [{ role: "system", content: "Nobody asked anything." }, { role: "assistant", content: "hello" }] }),
    missing_messages: JSON.stringify({ prompt: "what is my balance", completion: "balance" }),
    unknown_role: JSON.stringify({ messages: [{ role: "customer", content: "where is my card" }, { role: "user", content: "card status" }] }),
  };
  for (const line of Object.keys(INVALID_LINES).map(Number).sort((a, b) => a - b)) {
    lines.splice(line - 1, 0, broken[INVALID_LINES[line]]);
  }
  writeFileSync(path, lines.join("\n") + "\n");
  return { lines, validCount, invalidCount: Object.keys(INVALID_LINES).length };
}

// Records from several CLINC150 domains in unequal numbers, so topics have something to find
// and coverage something to measure: {domain: count} → a JSONL file of valid records.
export function writeDomainsUpload(path, counts) {
  const lines = [];
  for (const [domain, count] of Object.entries(counts)) {
    const utterances = domainUtterances(domain);
    // Every k-th utterance, so each domain's intents are all represented.
    const step = Math.max(1, Math.floor(utterances.length / count));
    for (let i = 0; i < count; i += 1) {
      const [text, intent] = utterances[(i * step) % utterances.length];
      lines.push(JSON.stringify({ messages: [{ role: "user", content: text }, { role: "assistant", content: intent }], metadata: { domain } }));
    }
  }
  writeFileSync(path, lines.join("\n") + "\n");
  return { lines };
}

/** The CLINC150 utterances of one domain's intents in a split ("train", "val" or "test"): [text, intent] pairs. */
export function domainUtterances(domain, split = "train") {
  const corpus = JSON.parse(readFileSync(join(SHARED_DATA, "clinc150", "data_full.json"), "utf8"));
  const domains = JSON.parse(readFileSync(join(SHARED_DATA, "clinc150", "domains.json"), "utf8"));
  const intents = new Set(domains[domain]);
  return corpus[split].filter(([, intent]) => intents.has(intent));
}

/**
 * A user request and its answer as one record line written the way the server writes a generated
 * record (keys sorted, no spaces): the exact-duplicate gate compares lines byte for byte, so only
 * a dataset written like this lets a generated copy of one of its records be caught as exact.
 */
export function sortedRecordLine(user, assistant) {
  return JSON.stringify({ messages: [{ content: user, role: "user" }, { content: assistant, role: "assistant" }] });
}
