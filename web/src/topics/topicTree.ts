// Edits to a topic hierarchy in the editor, before it is saved whole with PUT /topics. Pure
// functions over the document: each returns a new one, so the editor can compare with what was
// loaded. Merge and split are not here: they move records, so the server does them.
import type { Topic, TopicSetDocument } from "../api/topicsTypes";

export function findTopic(topics: Topic[], id: string): Topic | undefined {
  for (const topic of topics) {
    if (topic.id === id) return topic;
    const found = findTopic(topic.children, id);
    if (found) return found;
  }
  return undefined;
}

/** The topic's parent, null at the top level, undefined when there is no such topic. */
export function parentOf(topics: Topic[], id: string, parent: Topic | null = null): Topic | null | undefined {
  for (const topic of topics) {
    if (topic.id === id) return parent;
    const found = parentOf(topic.children, id, topic);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Topics that take records: those without sub-topics, depth first (as the server orders them). */
export function leafTopics(topics: Topic[]): Topic[] {
  return topics.flatMap((topic) => (topic.children.length === 0 ? [topic] : leafTopics(topic.children)));
}

/** Leaf id → its name with its parents' ("Shipping › Late"), so a sub-topic reads in context. */
export function leafLabels(topics: Topic[], path: string[] = []): Map<string, string> {
  const labels = new Map<string, string>();
  for (const topic of topics) {
    const here = [...path, topic.name];
    if (topic.children.length === 0) labels.set(topic.id, here.join(" › "));
    else for (const [id, label] of leafLabels(topic.children, here)) labels.set(id, label);
  }
  return labels;
}

export function allTopicIds(topics: Topic[]): string[] {
  return topics.flatMap((topic) => [topic.id, ...allTopicIds(topic.children)]);
}

/** Records under a topic: its own count when it is a leaf, else the sum of its leaves'. */
export function recordsUnder(topic: Topic, records: Record<string, number>): number {
  if (topic.children.length === 0) return records[topic.id] ?? 0;
  return topic.children.reduce((sum, child) => sum + recordsUnder(child, records), 0);
}

/**
 * The next free id in the server's scheme ("t4", or "t2.3" under t2). `reserved` holds ids that
 * must not come back, such as a deleted topic's: records still pointing at it would otherwise
 * land in the new topic when the hierarchy is saved with assignments kept.
 */
export function nextTopicId(topics: Topic[], parentId: string | null, reserved: Iterable<string> = []): string {
  const taken = new Set([...allTopicIds(topics), ...reserved]);
  const prefix = parentId === null ? "t" : `${parentId}.`;
  for (let n = 1; ; n += 1) {
    if (!taken.has(prefix + n)) return prefix + n;
  }
}

function mapTopics(topics: Topic[], change: (topic: Topic) => Topic | null): Topic[] {
  const result: Topic[] = [];
  for (const topic of topics) {
    const changed = change(topic);
    if (changed === null) continue;
    result.push({ ...changed, children: mapTopics(changed.children, change) });
  }
  return result;
}

export type TopicFields = Pick<Topic, "name" | "description" | "keywords" | "target_share">;

export function updateTopic(document: TopicSetDocument, id: string, fields: Partial<TopicFields>): TopicSetDocument {
  return { ...document, topics: mapTopics(document.topics, (topic) => (topic.id === id ? { ...topic, ...fields } : topic)) };
}

/** Adds a topic (under `parentId`, or at the top) with a name unique among its siblings. */
export function addTopic(document: TopicSetDocument, parentId: string | null, reserved: Iterable<string> = []): { document: TopicSetDocument; id: string } {
  const id = nextTopicId(document.topics, parentId, reserved);
  const siblings = parentId === null ? document.topics : (findTopic(document.topics, parentId)?.children ?? []);
  const names = new Set(siblings.map((topic) => topic.name));
  let name = "New topic";
  for (let n = 2; names.has(name); n += 1) name = `New topic ${n}`;
  const created: Topic = { id, name, description: "", keywords: [], examples: [], target_share: null, children: [] };
  if (parentId === null) return { document: { ...document, topics: [...document.topics, created] }, id };
  const topics = mapTopics(document.topics, (topic) => (topic.id === parentId ? { ...topic, children: [...topic.children, created] } : topic));
  return { document: { ...document, topics }, id };
}

/** Removes a topic and its sub-topics; returns the leaf ids whose records become uncategorized. */
export function deleteTopic(document: TopicSetDocument, id: string): { document: TopicSetDocument; uncategorized: string[] } {
  const topic = findTopic(document.topics, id);
  if (!topic) return { document, uncategorized: [] };
  const uncategorized = leafTopics([topic]).map((leaf) => leaf.id);
  return { document: { ...document, topics: mapTopics(document.topics, (candidate) => (candidate.id === id ? null : candidate)) }, uncategorized };
}

/** What is wrong with the name of topic `id` among its siblings, in words, or null. */
export function nameProblem(topics: Topic[], id: string): string | null {
  const siblings = parentOf(topics, id)?.children ?? topics;
  const topic = siblings.find((candidate) => candidate.id === id);
  if (!topic) return null;
  const name = topic.name.trim();
  if (!name) return "A topic needs a name.";
  const twin = siblings.find((candidate) => candidate.id !== id && candidate.name.trim() === name);
  return twin ? `“${twin.name.trim()}” (${twin.id}) at this level has this name too; names must differ among siblings.` : null;
}

/** The first problem the server would refuse the document for, in words, with the topic it is about; or null. */
export function firstProblem(topics: Topic[], where = "Top level"): { id: string; text: string } | null {
  const seen = new Set<string>();
  for (const topic of topics) {
    const name = topic.name.trim();
    if (!name) return { id: topic.id, text: `${where}: a topic has no name.` };
    if (seen.has(name)) return { id: topic.id, text: `${where}: two topics are named “${name}”; names must differ among siblings.` };
    seen.add(name);
    if (topic.target_share !== null && !(topic.target_share >= 0 && topic.target_share <= 1)) return { id: topic.id, text: `“${name}”: the target share must be between 0% and 100%.` };
    const inside = firstProblem(topic.children, `Under “${name}”`);
    if (inside) return inside;
  }
  return null;
}

/** "refund, invoice ,, charge" → ["refund", "invoice", "charge"]. */
export function parseKeywords(text: string): string[] {
  return text
    .split(",")
    .map((word) => word.trim())
    .filter((word) => word !== "");
}

export function sameDocument(a: TopicSetDocument, b: TopicSetDocument): boolean {
  return JSON.stringify(a.topics) === JSON.stringify(b.topics);
}
